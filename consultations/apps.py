from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    """The Citizen's Advisory Panel: consultations, meetings and published outcomes."""

    name = "consultations"
    verbose_name = "Consultations and panel"

    def ready(self) -> None:
        from cms.accounts import personal_data

        from .retention import erase_for_user, export_for_user

        personal_data.register("consultations", export_for_user, erase_for_user)
