"""Background jobs for accounts: the retention rule for unverified accounts."""

from datetime import timedelta

from celery import shared_task
from django.contrib.auth import get_user_model
from django.utils import timezone

UNVERIFIED_ACCOUNT_DAYS = 7


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
