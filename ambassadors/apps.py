from django.apps import AppConfig


class AmbassadorsConfig(AppConfig):
    """Community and Youth Ambassadors: records, training, resources, outreach logs, claims."""

    name = "ambassadors"
    verbose_name = "Ambassadors"

    def ready(self) -> None:
        from cms.accounts import personal_data

        from .personal_data import export

        personal_data.register("ambassador", export)
