"""Email to the directory's moderators (VRU staff), through the retrying Celery mail task."""

from django.conf import settings

from cms.core.mail import send_email
from cms.core.roles import VRU_STAFF, active_emails


def email_moderators(subject: str, body: str) -> None:
    """Send one message to every active VRU staff member with an address (if any)."""
    staff = active_emails(VRU_STAFF)
    if staff:
        send_email.delay(subject, body, staff, settings.DEFAULT_FROM_EMAIL)
