from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    """The Citizen's Advisory Panel: consultations, meetings and published outcomes."""

    name = "consultations"
    verbose_name = "Consultations and panel"
