"""Background jobs for accounts: sending mail and the retention rule for unverified accounts."""

from datetime import timedelta

from celery import shared_task
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

UNVERIFIED_ACCOUNT_DAYS = 7


@shared_task(
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
)
def send_email(subject: str, body: str, to: list[str], from_email: str, html_body: str = "") -> int:
    """Send one message. Retries with back-off when the mail server is unreachable."""
    message = EmailMultiAlternatives(subject, body, from_email, to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    return message.send()


@shared_task
def purge_unverified_accounts() -> int:
    """Retention rule: sign-ups never confirmed within a week are removed with their data."""
    cutoff = timezone.now() - timedelta(days=UNVERIFIED_ACCOUNT_DAYS)
    stale = (
        get_user_model()
        .objects.filter(
            date_joined__lt=cutoff,
            last_login__isnull=True,
            is_staff=False,
            is_superuser=False,
        )
        .exclude(emailaddress__verified=True)
    )
    deleted, _ = stale.delete()
    return deleted
