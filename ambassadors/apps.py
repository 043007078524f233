from django.apps import AppConfig


class AmbassadorsConfig(AppConfig):
    """Community and Youth Ambassadors: records, training, resources, outreach logs, claims."""

    name = "ambassadors"
    verbose_name = "Ambassadors"
