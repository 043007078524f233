from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    """The Citizen's Advisory Panel: consultations, meetings and published outcomes."""

    name = "consultations"
    verbose_name = "Consultations and panel"

    def ready(self) -> None:
        from cms.accounts import personal_data as registry

        from . import personal_data

        registry.register("consultations", personal_data.export, personal_data.erase)
