from django.apps import AppConfig


class AssetsDirectoryConfig(AppConfig):
    """The joint strategic assets assessment: the directory of services and the gaps."""

    name = "assets_directory"
    verbose_name = "Assets directory"

    def ready(self) -> None:
        from . import caching, lifecycle  # noqa: F401  (connect the signal handlers)
