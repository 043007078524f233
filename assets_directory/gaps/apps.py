from django.apps import AppConfig


class GapsConfig(AppConfig):
    """The gaps assessment: where provision is missing, by category, area and age group."""

    name = "assets_directory.gaps"
    label = "gaps"
    verbose_name = "Gaps assessment"

    def ready(self) -> None:
        from . import coverage, signals  # noqa: F401  (connect the signal handlers)
