from django.apps import AppConfig


class AssetsDirectoryConfig(AppConfig):
    """The joint strategic assets assessment: the directory of services and the gaps."""

    name = "assets_directory"
    verbose_name = "Assets directory"

    def ready(self) -> None:
        from cms.accounts import personal_data as registry

        from . import (
            lifecycle,  # noqa: F401  (connects the Wagtail signal handlers)
            personal_data,
        )

        registry.register("directory", personal_data.export, personal_data.erase)
