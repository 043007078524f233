"""Background jobs: the safeguarding alert, the weekly expiry warnings, claim retention."""

import logging
from datetime import timedelta

from celery import shared_task
from celery.exceptions import Retry
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from cms.core.mail import deliver, render_message
from cms.core.roles import AMBASSADOR_COORDINATOR, tell_role

from .models import EXPIRY_WARNING_DAYS, Claim, OutreachLog, expiring_ambassadors

CLAIM_RETENTION_YEARS = 6
# How long a flagged log may wait, unqueued, before the sweep queues its alert again.
UNQUEUED_ALERT_GRACE = timedelta(minutes=2)

logger = logging.getLogger(__name__)


def queue_safeguarding_alert(log_id: int) -> bool:
    """Queue the alert and record that it is queued; never fail the ambassador's request.

    WHY: if the broker is down the log is already saved; the periodic sweep below finds
    flagged logs whose alert was never queued and tries again, so no concern is lost.
    """
    try:
        notify_safeguarding_lead.delay(log_id)
    except (OperationalError, OSError, Retry):
        logger.warning("Safeguarding alert for outreach log %s not queued; will retry", log_id)
        return False
    OutreachLog.objects.filter(pk=log_id).update(safeguarding_alert_queued_at=timezone.now())
    return True


@shared_task(
    autoretry_for=(OSError,),  # smtplib's errors are OSErrors
    retry_backoff=True,
    retry_backoff_max=15 * 60,
    max_retries=None,
)
def notify_safeguarding_lead(log_id: int) -> bool:
    """Tell the designated safeguarding lead a concern was raised, with a link only.

    WHY no details in the mail: e-mail is copied and forwarded; the details stay behind the
    admin login. Retried without limit until the mail server accepts it, because a concern
    must never be lost. Returns False when the lead was already told (a repeat run).
    """
    log = OutreachLog.objects.filter(pk=log_id, safeguarding_lead_notified_at__isnull=True).first()
    if log is None:
        return False
    # Only the admin path goes into the template, never the log, so no detail can slip in.
    subject, body = render_message(
        "ambassadors/email/safeguarding_concern",
        {"log_path": reverse("wagtailsnippets_ambassadors_outreachlog:inspect", args=[log.pk])},
    )
    # Sent here, not queued: this task is the delivery, and a failure must retry this task so
    # the lead is marked as told only once the mail server has accepted the message.
    deliver(subject, body, [settings.AMBASSADORS_SAFEGUARDING_LEAD_EMAIL])
    OutreachLog.objects.filter(pk=log.pk).update(safeguarding_lead_notified_at=timezone.now())
    return True


@shared_task
def queue_missed_safeguarding_alerts() -> int:
    """Every few minutes: queue alerts for flagged logs whose alert never reached the queue."""
    missed = OutreachLog.objects.filter(
        safeguarding_concern=True,
        safeguarding_alert_queued_at__isnull=True,
        safeguarding_lead_notified_at__isnull=True,
        created_at__lt=timezone.now() - UNQUEUED_ALERT_GRACE,
    ).values_list("pk", flat=True)
    return sum(queue_safeguarding_alert(log_id) for log_id in missed)


@shared_task
def email_expiry_warnings() -> int:
    """Weekly: tell coordinators whose DBS check or training expires within 30 days.

    Returns how many ambassadors were listed; sends nothing when there are none. Delivery
    (and its retries) is the shared mail task's job.
    """
    expiring = expiring_ambassadors()
    if expiring:
        tell_role(
            AMBASSADOR_COORDINATOR,
            "ambassadors/email/expiry_warnings",
            {"expiring": expiring, "days": EXPIRY_WARNING_DAYS},
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
