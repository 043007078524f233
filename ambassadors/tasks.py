"""Background jobs: the safeguarding alert, the weekly expiry warnings, claim retention."""

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cms.core.mail import send_templated
from cms.core.roles import AMBASSADOR_COORDINATOR, tell_role

from .models import EXPIRY_WARNING_DAYS, Claim, OutreachLog, expiring_ambassadors

CLAIM_RETENTION_YEARS = 6


def alert_safeguarding_lead(log: OutreachLog) -> None:
    """Put the alert for a newly flagged log in the outbox, in the caller's transaction.

    WHY in the transaction: the alert then exists exactly when the flagged log does, and the
    outbox delivers it however long the mail server, Redis or a worker is down. No details in
    the mail (it is copied and forwarded): only a link to the log behind the admin login.
    """
    if log.safeguarding_alert_id is not None:
        return
    # Only the admin path goes into the template, never the log, so no detail can slip in.
    log.safeguarding_alert = send_templated(
        "ambassadors/email/safeguarding_concern",
        [settings.AMBASSADORS_SAFEGUARDING_LEAD_EMAIL],
        {"log_path": reverse("wagtailsnippets_ambassadors_outreachlog:inspect", args=[log.pk])},
    )
    OutreachLog.objects.filter(pk=log.pk).update(safeguarding_alert=log.safeguarding_alert)


@shared_task
def queue_missed_safeguarding_alerts() -> int:
    """Every few minutes: flagged logs without an alert in the outbox get one.

    Logs flagged before the outbox existed, and alerts queued by the old code at an upgrade
    (`notify_safeguarding_lead`), end up here; new logs get their alert as they are saved.
    """
    missed = OutreachLog.objects.filter(safeguarding_concern=True, safeguarding_alert=None)
    count = 0
    for log in missed:
        with transaction.atomic():
            alert_safeguarding_lead(log)
        count += 1
    return count


@shared_task
def notify_safeguarding_lead(log_id: int) -> None:
    """Queued by the code before the outbox: make sure that log's alert is in the outbox."""
    log = OutreachLog.objects.filter(pk=log_id, safeguarding_concern=True).first()
    if log is not None:
        with transaction.atomic():
            alert_safeguarding_lead(log)


@shared_task
def email_expiry_warnings() -> int:
    """Weekly: tell coordinators whose DBS check or training expires within 30 days.

    Returns how many ambassadors were listed; sends nothing when there are none. Delivery
    (and its retries) is the shared mail task's job. One e-mail a week however often the
    task runs (a task redelivered after its worker died runs again).
    """
    today = timezone.localdate()
    expiring = expiring_ambassadors(today)
    if expiring:
        year, week, _ = today.isocalendar()
        tell_role(
            AMBASSADOR_COORDINATOR,
            "ambassadors/email/expiry_warnings",
            {"expiring": expiring, "days": EXPIRY_WARNING_DAYS},
            once_key=f"ambassador-expiry-warnings:{year}-W{week:02d}",
        )
    return len(expiring)


@shared_task
def delete_expired_claims() -> int:
    """Retention rule: claims and their receipts go once six full years have passed.

    Finance must keep them six years; nothing needs them after. Returns how many went.
    """
    today = timezone.localdate()
    cutoff = today.replace(year=today.year - CLAIM_RETENTION_YEARS, day=1)
    expired = Claim.objects.filter(month__lt=cutoff)
    for claim in expired.exclude(receipt=""):
        claim.receipt.delete(save=False)
    deleted, _ = expired.delete()
    return deleted
