"""The safeguarding alert through Redis and a real Celery worker, with a failing mail server."""

import os
import time

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ambassadors.models import OutreachLog
from tests.ambassadors.flaky_mail import FlakyBackend

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("real_worker"),
]


def test_a_real_worker_retries_the_alert_until_delivered(ambassador_client, settings):
    """The retry back-off is Celery's real one here, not eager mode's immediate re-run."""
    settings.EMAIL_BACKEND = "tests.ambassadors.flaky_mail.FlakyBackend"
    FlakyBackend.attempts = 0
    FlakyBackend.failures_left = 2
    data = {
        "date": timezone.localdate().isoformat(),
        "duration_minutes": "30",
        "area": "ashfield",
        "setting": "street",
        "activity_type": "conversations",
        "reached_under_11": "0",
        "reached_11_to_15": "3",
        "reached_16_to_17": "0",
        "reached_18_to_24": "0",
        "reached_25_plus": "0",
        "safeguarding_concern": "on",
    }
    assert ambassador_client.post(reverse("ambassadors:log_create"), data).status_code == 302

    deadline = time.monotonic() + 30
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(mail.outbox) == 1
    assert FlakyBackend.attempts == 3
    assert OutreachLog.objects.get().safeguarding_lead_notified_at is not None
