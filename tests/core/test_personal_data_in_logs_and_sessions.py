"""Personal data is not kept where nobody needs it: access logs and expired sessions."""

import io
import logging
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone


def test_the_access_log_keeps_no_search_terms_or_postcodes(monkeypatch):
    handler = logging.getLogger("django.server").handlers[0]
    monkeypatch.setattr(handler, "stream", io.StringIO())
    # The call Django's development server makes for each request.
    logging.getLogger("django.server").info(
        '"%s" %s %s', "GET /directory/?q=food+bank&postcode=NG5+1AB HTTP/1.1", "200", "5120"
    )
    line = handler.stream.getvalue()
    assert '"GET /directory/ HTTP/1.1" 200 5120' in line
    assert "NG5" not in line and "food" not in line


def test_the_gunicorn_access_log_goes_through_the_same_filter():
    assert "drop_query_strings" in settings.LOGGING["handlers"]["access"]["filters"]
    assert settings.LOGGING["loggers"]["gunicorn.access"]["handlers"] == ["access"]


def test_sessions_live_in_the_database_not_only_in_redis():
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


@pytest.mark.django_db
def test_expired_sessions_are_cleared_by_a_scheduled_task():
    from cms.accounts.tasks import clear_expired_sessions

    expired, current = SessionStore(), SessionStore()
    expired.set_expiry(timezone.now() - timedelta(days=1))
    expired.save()
    current.save()
    assert clear_expired_sessions.delay().get() == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [current.session_key]
    scheduled = {job["task"] for job in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "cms.accounts.tasks.clear_expired_sessions" in scheduled
    assert {"cms.core.mail.sweep_outbox", "cms.core.queue.requeue_deferred_tasks"} <= scheduled
