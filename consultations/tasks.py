"""Background jobs for consultations: the retention rules for responses and applications."""

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from .retention import (
    anonymise_closed_before,
    delete_finished_applications_before,
    months_before,
)


@shared_task
def anonymise_old_responses() -> int:
    """Run daily by Celery beat: anonymise responses to consultations that closed more than
    CONSULTATION_ANONYMISE_AFTER_MONTHS ago (answers are kept; who gave them is not), and delete
    panel applications declined or ended that long ago. Returns how many records changed."""
    cutoff = months_before(timezone.now(), settings.CONSULTATION_ANONYMISE_AFTER_MONTHS)
    return anonymise_closed_before(cutoff) + delete_finished_applications_before(cutoff)
