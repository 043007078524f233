"""Ambassadors themselves reminded 30 and 7 days before their DBS check or training expires:
on the right day, once each, through the daily task and the outbox."""

from datetime import date, timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail

from ambassadors.models import Ambassador
from ambassadors.tasks import email_ambassador_expiry_reminders
from tests.ambassadors.factories import AmbassadorFactory, TrainingRecordFactory

EXPIRY = date(2027, 1, 15)


@pytest.fixture
def run_on(django_capture_on_commit_callbacks):
    """Run the daily task as the beat would on `day`; the messages it sent that day."""

    def run(day: date) -> list:
        before = len(mail.outbox)
        with time_machine.travel(day, tick=False), django_capture_on_commit_callbacks(execute=True):
            email_ambassador_expiry_reminders.delay().get()
        return mail.outbox[before:]

    return run


@pytest.mark.django_db
def test_the_dbs_reminder_comes_on_the_right_days_and_once_each(run_on):
    amira = AmbassadorFactory(display_name="Amira K", dbs_expires_on=EXPIRY)
    assert run_on(EXPIRY - timedelta(days=31)) == []

    [thirty] = run_on(EXPIRY - timedelta(days=30))
    assert thirty.to == [amira.user.email]
    assert thirty.subject == "Your DBS check expires on 15 January 2027"
    assert "Hello Amira K," in thirty.body
    assert "/ambassadors/portal/" in thirty.body

    assert run_on(EXPIRY - timedelta(days=29)) == []
    assert run_on(EXPIRY - timedelta(days=8)) == []
    [seven] = run_on(EXPIRY - timedelta(days=7))
    assert seven.subject == "Your DBS check expires on 15 January 2027"
    assert run_on(EXPIRY - timedelta(days=6)) == []
    assert run_on(EXPIRY) == []
    assert run_on(EXPIRY + timedelta(days=1)) == []  # expired: the coordinators' list says so


@pytest.mark.django_db
def test_each_training_record_is_reminded_of_on_its_own(run_on):
    gary = AmbassadorFactory(display_name="Gary T")
    TrainingRecordFactory(ambassador=gary, module="Knife crime awareness", expires_on=EXPIRY)
    TrainingRecordFactory(
        ambassador=gary, module="Safeguarding", expires_on=EXPIRY + timedelta(days=1)
    )
    assert run_on(EXPIRY - timedelta(days=31)) == []
    [knife] = run_on(EXPIRY - timedelta(days=30))
    assert knife.subject == 'Your training "Knife crime awareness" expires on 15 January 2027'
    [safeguarding] = run_on(EXPIRY - timedelta(days=29))
    assert safeguarding.subject == 'Your training "Safeguarding" expires on 16 January 2027'
    assert run_on(EXPIRY - timedelta(days=28)) == []
    assert len(run_on(EXPIRY - timedelta(days=7))) == 1
    assert len(run_on(EXPIRY - timedelta(days=6))) == 1


@pytest.mark.django_db
def test_a_day_the_task_did_not_run_loses_no_reminder(run_on):
    AmbassadorFactory(dbs_expires_on=EXPIRY)
    assert len(run_on(EXPIRY - timedelta(days=27))) == 1  # days 30 to 28 were missed
    assert run_on(EXPIRY - timedelta(days=26)) == []
    assert len(run_on(EXPIRY - timedelta(days=5))) == 1  # and the 7-day one too


@pytest.mark.django_db
def test_a_task_run_twice_in_a_day_sends_once(run_on):
    AmbassadorFactory(dbs_expires_on=EXPIRY)
    assert len(run_on(EXPIRY - timedelta(days=30))) == 1
    assert run_on(EXPIRY - timedelta(days=30)) == []


@pytest.mark.django_db
def test_a_renewal_starts_the_reminders_afresh(run_on):
    ambassador = AmbassadorFactory(dbs_expires_on=EXPIRY)
    assert len(run_on(EXPIRY - timedelta(days=30))) == 1
    ambassador.dbs_expires_on = EXPIRY + timedelta(days=3 * 365)
    ambassador.save()
    assert run_on(ambassador.dbs_expires_on - timedelta(days=31)) == []
    assert len(run_on(ambassador.dbs_expires_on - timedelta(days=30))) == 1


@pytest.mark.django_db
def test_leavers_and_closed_accounts_are_not_reminded(run_on):
    AmbassadorFactory(status=Ambassador.Status.LEFT, dbs_expires_on=EXPIRY)
    closed = AmbassadorFactory(dbs_expires_on=EXPIRY)
    closed.user.is_active = False
    closed.user.save()
    AmbassadorFactory(user=None, dbs_expires_on=EXPIRY)
    assert run_on(EXPIRY - timedelta(days=30)) == []


def test_the_reminders_are_scheduled_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["ambassador-expiry-reminders"]
    assert entry["task"] == "ambassadors.tasks.email_ambassador_expiry_reminders"
    assert entry["schedule"].day_of_week == set(range(7))
