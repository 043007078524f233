from django.apps import AppConfig


class OrukConfig(AppConfig):
    """Open Referral UK: our directory as a read-only ORUK API, and imports of other ORUK
    directories (the city's and the county's) so the hub is not a third silo."""

    name = "assets_directory.oruk"
    label = "oruk"
    verbose_name = "Open Referral UK"
