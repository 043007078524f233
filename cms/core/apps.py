from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Core pages (home, standard pages), roles and site-wide templates."""

    name = "cms.core"
    label = "core"
    verbose_name = "Core pages"

    def ready(self) -> None:
        from . import (
            checks,  # noqa: F401  (registers the system checks)
            signals,  # noqa: F401  (drops cached pages when pages change)
        )
        from .sites import remember_sites_per_worker

        remember_sites_per_worker()
