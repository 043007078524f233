"""Background jobs: the safeguarding alert, expiry warnings and reminders, retention."""

from datetime import date, timedelta

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cms.core.mail import send_templated
from cms.core.roles import AMBASSADOR_COORDINATOR, tell_role

from .models import (
    EXPIRY_WARNING_DAYS,
    MESSAGE_RETENTION_YEARS,
    Ambassador,
    Claim,
    CoordinatorMessage,
    OutreachLog,
    TrainingRecord,
    expiring_ambassadors,
)

CLAIM_RETENTION_YEARS = 6
# Days before expiry an ambassador is reminded, furthest first.
REMINDER_DAYS = (30, 7)


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


def _reminder_threshold(expires_on: date, today: date) -> int | None:
    """The reminder due for something expiring on `expires_on`: the nearest threshold
    reached (30 days to go, then 7) and not yet passed by the next, or None.

    WHY a window, not one exact day: a day the beat did not run must not lose a reminder, and
    the once_key stops a threshold's reminder coming twice.
    """
    days_left = (expires_on - today).days
    due = [days for days in REMINDER_DAYS if 0 <= days_left <= days]
    return min(due) if due else None


@shared_task
def email_ambassador_expiry_reminders() -> int:
    """Daily: remind each ambassador themselves, 30 and 7 days before their DBS check or a
    training record expires; once per threshold and expiry date (a renewal starts afresh).

    Coordinators hear of the same expiries weekly (`email_expiry_warnings`). Returns how many
    reminders were put in the outbox.
    """
    today = timezone.localdate()
    horizon = today + timedelta(days=max(REMINDER_DAYS))
    current = Ambassador.objects.exclude(status=Ambassador.Status.LEFT).filter(user__is_active=True)
    items: list[tuple[Ambassador, str, str, date]] = [
        (ambassador, "DBS check", f"dbs:{ambassador.pk}", ambassador.dbs_expires_on)
        for ambassador in current.filter(dbs_expires_on__range=(today, horizon)).select_related(
            "user"
        )
        if ambassador.dbs_expires_on
    ]
    training = TrainingRecord.objects.filter(
        ambassador__in=current, expires_on__range=(today, horizon)
    ).select_related("ambassador__user")
    items += [
        (record.ambassador, f'training "{record.module}"', f"training:{record.pk}", expiry)
        for record in training
        if (expiry := record.expires_on)
    ]
    sent = 0
    for ambassador, what, key, expires_on in items:
        threshold = _reminder_threshold(expires_on, today)
        if threshold is None or ambassador.user is None:
            continue
        queued = send_templated(
            "ambassadors/email/expiry_reminder",
            [ambassador.user.email],
            {"ambassador": ambassador, "what": what, "expires_on": expires_on},
            once_key=f"ambassador-expiry-reminder:{key}:{expires_on:%Y-%m-%d}:{threshold}",
        )
        sent += queued is not None
    return sent


@shared_task
def delete_old_messages() -> int:
    """Retention rule: coordinators' messages, and who read them, go two years after sending.

    They are news and reminders for the time; nothing needs them after. Returns how many rows
    went (messages and their receipts).
    """
    now = timezone.now()
    cutoff = now.replace(year=now.year - MESSAGE_RETENTION_YEARS)
    deleted, _ = CoordinatorMessage.objects.filter(sent_at__lt=cutoff).delete()
    return deleted
