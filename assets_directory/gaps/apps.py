from django.apps import AppConfig


class GapsConfig(AppConfig):
    """The gaps assessment: where provision is missing, by category, area and age group."""

    name = "assets_directory.gaps"
    label = "gaps"
    verbose_name = "Gaps assessment"
