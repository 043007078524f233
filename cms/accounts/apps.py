from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """People's accounts: allauth integration, MFA rules, data export and deletion."""

    name = "cms.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the receivers)
