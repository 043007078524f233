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


def test_a_real_worker_and_the_sweep_retry_the_alert_until_delivered(ambassador_client, settings):
    """Through Redis and a real worker: the first try fails and the row waits in the outbox;
    the beat sweep (run here through the same worker as beat would queue it) retries it."""
    from cms.core.mail import sweep_outbox
    from cms.core.models import OutgoingEmail

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

    _wait_until(lambda: FlakyBackend.attempts == 1)
    for _ in range(2):  # each run of the sweep finds the message due again
        OutgoingEmail.objects.update(next_attempt_at=timezone.now())
        sweep_outbox.delay().get(timeout=30)
    assert len(mail.outbox) == 1
    assert FlakyBackend.attempts == 3
    assert OutreachLog.objects.get().safeguarding_lead_notified_at is not None


def _wait_until(condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert condition()
