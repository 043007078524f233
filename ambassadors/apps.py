from django.apps import AppConfig


class AmbassadorsConfig(AppConfig):
    """Community and Youth Ambassadors: training, resources and outreach logs."""

    name = "ambassadors"
    verbose_name = "Ambassadors"
