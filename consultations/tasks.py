"""Background jobs for consultations: the retention rules for responses, applications and
alert subscriptions, and the alerts sent when a consultation opens."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from .alerts import ALERT_CONFIRM_DAYS, send_opening_alerts
from .panel import send_meeting_reminders
from .retention import (
    anonymise_closed_before,
    delete_finished_applications_before,
    delete_meeting_places_before,
    delete_unconfirmed_subscriptions_before,
    months_before,
)


@shared_task
def anonymise_old_responses() -> int:
    """Run daily by Celery beat: anonymise responses to consultations that closed more than
    CONSULTATION_ANONYMISE_AFTER_MONTHS ago (answers are kept; who gave them is not), and delete
    panel applications declined or ended that long ago. Returns how many records changed."""
    cutoff = months_before(timezone.now(), settings.CONSULTATION_ANONYMISE_AFTER_MONTHS)
    return anonymise_closed_before(cutoff) + delete_finished_applications_before(cutoff)


@shared_task
def send_panel_meeting_reminders() -> int:
    """Run daily by Celery beat: remind each member with a place at tomorrow's panel meetings
    (once each; see panel.send_meeting_reminders). Returns how many e-mails were queued."""
    return send_meeting_reminders(timezone.localdate())


@shared_task
def forget_old_meeting_places() -> int:
    """Run daily by Celery beat: delete who had a place at (and who attended) panel meetings
    held more than CONSULTATION_ANONYMISE_AFTER_MONTHS ago. Returns how many were deleted."""
    cutoff = months_before(timezone.now(), settings.CONSULTATION_ANONYMISE_AFTER_MONTHS)
    return delete_meeting_places_before(cutoff)


@shared_task
def email_opening_alerts() -> int:
    """Run every 15 minutes by Celery beat: e-mail confirmed subscribers about public
    consultations that have opened in their areas. Each alert goes once, however often this
    runs. Returns how many alerts were queued."""
    return send_opening_alerts()


@shared_task
def delete_unconfirmed_alert_subscriptions() -> int:
    """Run daily by Celery beat: delete alert subscriptions never confirmed within
    ALERT_CONFIRM_DAYS, when their link has stopped working. Returns how many went."""
    return delete_unconfirmed_subscriptions_before(
        timezone.now() - timedelta(days=ALERT_CONFIRM_DAYS)
    )
