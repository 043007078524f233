"""allauth adapters: mail goes through Celery, and staff may not drop their second factor."""

import time
from typing import Any, ClassVar
from urllib.parse import urlsplit, urlunsplit

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.reauthentication import get_authentication_records
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpRequest

from cms.core import mail
from cms.core.roles import needs_mfa


def _public(url: str) -> str:
    """`url` on the configured public address, whatever host the request came in by."""
    bits = urlsplit(url)
    return mail.site_url() + urlunsplit(("", "", bits.path, bits.query, bits.fragment))


class AccountAdapter(DefaultAccountAdapter):
    """Render mail in the request, send it from a worker so a slow mail server never blocks.

    The site's name comes from the Sites record and every link from the public address in
    the settings, so a message never says "Hello from !" or links to an internal host.
    """

    # Specific messages in plain words, GOV.UK style.
    error_messages: ClassVar[dict[str, str]] = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": (
            "The email address or password is not correct. Check them and try again."
        ),
        "email_taken": "An account already uses this email address. Sign in instead.",
        "enter_current_password": "Enter your current password",
        "incorrect_code": "The code is not correct. Check it and try again.",
        "incorrect_password": "The password is not correct",
        "too_many_login_attempts": "You tried to sign in too many times. Wait 5 minutes.",
        "unknown_email": "No account uses this email address",
    }

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        context = {"email": email, **context}
        context.setdefault("request", self.request)
        context.setdefault("current_site", get_current_site(self.request))
        message = self.render_mail(template_prefix, email, context)
        html_body = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        )
        mail.queue_email(message.subject, message.body, message.to, html_body)

    def get_email_confirmation_url(self, request: HttpRequest, emailconfirmation: Any) -> str:
        return _public(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key: str) -> str:
        return _public(super().get_reset_password_from_key_url(key))

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        """A password entered in the last few minutes counts; staff sent straight from
        signing in to set up their authenticator are not asked for it twice."""
        request = self.request
        if request is not None and request.user.is_authenticated:
            records = get_authentication_records(request, request.user)
            if records and time.time() - records[-1]["at"] < (
                account_settings.REAUTHENTICATION_TIMEOUT
            ):
                return False
        return super().is_reauthentication_required(app=app, **kwargs)


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """Staff must keep their authenticator app; others may remove theirs."""
        if authenticator.type == Authenticator.Type.TOTP and needs_mfa(authenticator.user):
            return False
        return super().can_delete_authenticator(authenticator)
