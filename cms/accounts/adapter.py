"""allauth adapters: mail goes through Celery, and staff may not drop their second factor."""

import time
from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.reauthentication import get_authentication_records
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator

from cms.core import mail
from cms.core.roles import needs_mfa


class AccountAdapter(DefaultAccountAdapter):
    """Render mail in the request, send it from a worker so a slow mail server never blocks."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        context = {"email": email, **context}
        context.setdefault("request", self.request)
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
