from django.apps import AppConfig


class GapsConfig(AppConfig):
    """The gaps assessment: where provision is missing, by category, area and age group."""

    name = "assets_directory.gaps"
    label = "gaps"
    verbose_name = "Gaps assessment"

    def ready(self) -> None:
        from cms.accounts import personal_data as registry

        from . import personal_data

        registry.register("gap proposals", personal_data.export, personal_data.erase)
