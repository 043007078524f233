"""Background jobs for accounts: the retention rules for unverified accounts and sessions."""

from datetime import timedelta

from celery import shared_task
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.utils import timezone

UNVERIFIED_ACCOUNT_DAYS = 7


@shared_task
def purge_unverified_accounts() -> int:
    """Retention rule: sign-ups never confirmed within a week are removed with their data.

    Only accounts people made on the sign-up page: never one made by staff, one holding a
    role, a staff account, or one that has ever signed in. Returns how many were removed.
    """
    cutoff = timezone.now() - timedelta(days=UNVERIFIED_ACCOUNT_DAYS)
    stale = (
        get_user_model()
        .objects.filter(
            self_service_signup__isnull=False,
            date_joined__lt=cutoff,
            last_login__isnull=True,
            is_staff=False,
            is_superuser=False,
            groups__isnull=True,
        )
        .exclude(emailaddress__verified=True)
    )
    stale_ids = list(stale.values_list("pk", flat=True))
    get_user_model().objects.filter(pk__in=stale_ids).delete()
    return len(stale_ids)


@shared_task
def clear_expired_sessions() -> int:
    """Retention rule (daily): a session past its expiry is of no use to anyone; remove it.

    What `manage.py clearsessions` does, for the database sessions in settings. Returns how
    many went.
    """
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
