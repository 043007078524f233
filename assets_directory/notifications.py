"""Email to the directory's moderators (VRU staff), through the retrying Celery mail task."""

from django.conf import settings
from django.contrib.auth import get_user_model

from cms.accounts.tasks import send_email
from cms.core.roles import VRU_STAFF


def email_moderators(subject: str, body: str) -> None:
    """Send one message to every active VRU staff member with an address (if any)."""
    staff = list(
        get_user_model()
        .objects.filter(groups__name=VRU_STAFF, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if staff:
        send_email.delay(subject, body, staff, settings.DEFAULT_FROM_EMAIL)
