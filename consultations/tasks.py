"""Background jobs for consultations: the retention rule for responses."""

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from .retention import anonymise_closed_before, months_before


@shared_task
def anonymise_old_responses() -> int:
    """Run daily by Celery beat: anonymise responses to consultations that closed more than
    CONSULTATION_ANONYMISE_AFTER_MONTHS ago. Answers are kept; who gave them is not."""
    cutoff = months_before(timezone.now(), settings.CONSULTATION_ANONYMISE_AFTER_MONTHS)
    return anonymise_closed_before(cutoff)
