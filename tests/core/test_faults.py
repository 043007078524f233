"""Nothing lost when a part fails: a worker killed mid-send, and Redis stopped mid-use.

Each test starts a Redis of its own on port 6391 (never the shared one), so it can stop it.
The worker test also starts real Celery workers in their own processes, to SIGKILL one.
"""

import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from ambassadors.models import OutreachLog
from assets_directory.models import ListingReport
from cms import celery_app
from cms.core.mail import sweep_outbox
from cms.core.models import OutgoingEmail
from cms.core.roles import VRU_STAFF
from consultations.models import ConsultationResponse
from tests.ambassadors.conftest import ambassador, ambassador_client  # noqa: F401
from tests.consultations.factories import VALID_POST
from tests.core.stalling_mail import STARTED_MARKER
from tests.directory.factories import publish_service
from tests.factories import PASSWORD

OWN_REDIS_PORT = 6391
OWN_REDIS = f"redis://127.0.0.1:{OWN_REDIS_PORT}"

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server installed"),
]


class OwnRedis:
    """A throw-away redis-server on OWN_REDIS_PORT, with nothing saved to disk."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(OWN_REDIS_PORT), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        _wait_for(lambda: _redis_answers(), "redis-server to start")

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


def _redis_answers() -> bool:
    import redis

    try:
        return redis.Redis(port=OWN_REDIS_PORT, socket_connect_timeout=0.2).ping()
    except redis.ConnectionError:
        return False


def _wait_for(condition, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


@pytest.fixture
def own_redis():
    server = OwnRedis()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def own_broker(own_redis, settings):
    """Celery (in this process) publishes to the test's own Redis; the cache uses it too."""
    settings.CACHES = {"default": {**django_settings.REDIS_CACHE, "LOCATION": f"{OWN_REDIS}/1"}}
    saved = celery_app.conf.broker_url, celery_app.conf.task_always_eager
    celery_app.conf.broker_url = f"{OWN_REDIS}/0"
    celery_app.conf.task_always_eager = False
    _drop_broker_connections()
    yield own_redis
    celery_app.conf.broker_url, celery_app.conf.task_always_eager = saved
    _drop_broker_connections()


def _drop_broker_connections() -> None:
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def _start_worker(mail_dir: Path) -> subprocess.Popen:
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.core.fault_settings",
        "REDIS_URL": f"{OWN_REDIS}/0",
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT'] or 5432}"
            f"/{db['NAME']}"
        ),
        "FAULT_MAIL_DIR": str(mail_dir),
    }
    command = [sys.executable, "-m", "celery", "-A", "cms", "worker", "--pool=solo"]
    command += ["--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "warning"]
    return subprocess.Popen(command, env=env, cwd=django_settings.BASE_DIR, start_new_session=True)


def _kill(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)


def _flagged_log(**overrides) -> dict:
    return {
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
        **overrides,
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_while_sending_the_alert_sends_it_once_after_restart(
    own_broker,
    ambassador_client,  # noqa: F811
    settings,
    tmp_path,
):
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs a database it can share: PostgreSQL")
    settings.AMBASSADORS_SAFEGUARDING_LEAD_EMAIL = "dsl@example.org"
    worker = _start_worker(tmp_path)
    try:
        posted = ambassador_client.post(reverse("ambassadors:log_create"), _flagged_log())
        assert posted.status_code == 302
        _wait_for((tmp_path / STARTED_MARKER).exists, "the worker to start sending")
        _kill(worker)  # SIGKILL in the middle of talking to the mail server
        alert = OutreachLog.objects.get().safeguarding_alert
        alert.refresh_from_db()
        assert alert.sent_at is None and list(tmp_path.glob("*.eml")) == []

        worker = _start_worker(tmp_path)
        _wait_for(lambda: list(tmp_path.glob("*.eml")), "the alert to arrive")
        time.sleep(3)  # room for a second copy to arrive, if one were coming
        sent = list(tmp_path.glob("*.eml"))
        assert len(sent) == 1
        assert "To: dsl@example.org" in sent[0].read_text()
        alert.refresh_from_db()
        assert alert.sent_at is not None
    finally:
        _kill(worker)


@pytest.mark.django_db
def test_with_redis_down_people_can_still_respond_log_and_sign_up_and_nothing_is_lost(
    own_broker,
    ambassador_client,  # noqa: F811
    client,
    make_user,
    home_page,
    settings,
    django_capture_on_commit_callbacks,
):
    from tests.consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory

    consultation = ConsultationPageFactory(parent=ConsultationIndexPageFactory(parent=home_page))
    make_user(username="ria", email="ria@example.org")
    make_user(username="vru", email="vru@example.org", roles=[VRU_STAFF])
    listing = publish_service(name="Food bank")
    # Rate limits on, as in production: allauth counts attempts in the cache.
    del settings.ACCOUNT_RATE_LIMITS
    own_broker.stop()

    def timed(request):
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            response = request()
        assert time.monotonic() - started < 5, "a dead Redis must not hold the request"
        assert response.status_code in (200, 302), response.status_code
        return response

    resident = client.__class__()
    timed(lambda: resident.get("/"))
    timed(lambda: resident.post(consultation.respond_url, VALID_POST))
    timed(lambda: resident.post(consultation.subpage_url("review"), {"email": "sam@example.org"}))
    timed(
        lambda: ambassador_client.post(
            reverse("ambassadors:log_create"), _flagged_log(what_we_heard="At the bus station")
        )
    )
    newcomer = client.__class__()
    password = "correct horse battery staple"
    timed(
        lambda: newcomer.post(
            reverse("account_signup"),
            {"email": "jo@example.org", "password1": password, "password2": password},
        )
    )
    member = client.__class__()
    signed_in = timed(
        lambda: member.post(
            reverse("account_login"),
            {"login": "ria@example.org", "password": PASSWORD},
        )
    )
    assert signed_in.status_code == 302
    timed(
        lambda: resident.post(
            f"{listing.get_absolute_url()}report/", {"problem": "It closed in May."}
        )
    )

    # Everything the four people sent is stored, and their mail waits in the outbox.
    assert ConsultationResponse.objects.get().is_submitted
    assert OutreachLog.objects.get().what_we_heard == "At the bus station"
    assert ListingReport.objects.get().problem == "It closed in May."
    assert OutgoingEmail.objects.filter(sent_at__isnull=True).count() == 4
    assert mail.outbox == []

    own_broker.start()  # Redis is back: the beat sweep sends what waited
    with time_machine.travel(timezone.now() + timedelta(minutes=5), tick=False):
        assert sweep_outbox() == 4
    assert sorted(message.to[0] for message in mail.outbox) == [
        "jo@example.org",
        "safeguarding@example.org",
        "sam@example.org",
        "vru@example.org",
    ]
