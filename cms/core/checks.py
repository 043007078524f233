"""System checks that stop a misconfigured production site from starting.

WHY: with the console backend every e-mail (safeguarding alerts, sign-up links, decisions)
is printed to a log nobody reads, and the site looks as if it works. Django runs these
checks before `migrate`, `runserver` and `check --deploy`, so a deploy fails loudly.
"""

from typing import Any

from django.conf import settings
from django.core import checks

PRINTING_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}


@checks.register(checks.Tags.compatibility)
def email_is_really_sent(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Outside debug mode, e-mail must go to a real mail server."""
    if settings.DEBUG or settings.EMAIL_BACKEND not in PRINTING_BACKENDS:
        return []
    return [
        checks.Error(
            f"EMAIL_BACKEND is {settings.EMAIL_BACKEND}: no e-mail would be delivered.",
            hint="Set EMAIL_URL to your mail server, e.g. smtp+tls://user:pass@host:587.",
            id="core.E001",
        )
    ]
