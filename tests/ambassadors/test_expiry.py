"""Warnings for DBS checks and training expiring within 30 days: admin and weekly e-mail."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from ambassadors.models import Ambassador
from ambassadors.tasks import email_expiry_warnings
from cms.core.roles import AMBASSADOR_COORDINATOR
from tests.ambassadors.factories import AmbassadorFactory, TrainingRecordFactory

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def frozen_today():
    import time_machine

    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def people(db):
    dbs_soon = AmbassadorFactory(display_name="Dwayne R", dbs_expires_on=TODAY + timedelta(days=30))
    training_soon = AmbassadorFactory(display_name="Gary T")
    TrainingRecordFactory(
        ambassador=training_soon, module="Knife crime awareness", expires_on=TODAY + timedelta(5)
    )
    expired = AmbassadorFactory(display_name="Hannah D", dbs_expires_on=TODAY - timedelta(days=2))
    fine = AmbassadorFactory(display_name="Priya S", dbs_expires_on=TODAY + timedelta(days=31))
    TrainingRecordFactory(ambassador=fine, expires_on=TODAY + timedelta(days=200))
    AmbassadorFactory(
        display_name="Left L", status=Ambassador.Status.LEFT, dbs_expires_on=TODAY + timedelta(1)
    )
    return dbs_soon, training_soon, expired, fine


@pytest.mark.django_db
def test_the_weekly_task_emails_coordinators_about_expiring_checks(
    people, make_user, django_capture_on_commit_callbacks
):
    make_user(username="coord", email="coord@example.org", roles=[AMBASSADOR_COORDINATOR])
    make_user(username="someone", email="someone@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        assert email_expiry_warnings.delay().get() == 3

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["coord@example.org"]
    assert "3 to renew" in message.subject
    assert "Dwayne R: DBS check expires on 25 December 2026" in message.body
    assert "Gary T: Training: Knife crime awareness expires on 30 November 2026" in message.body
    assert "Hannah D: DBS check expired on 23 November 2026" in message.body
    assert "Priya S" not in message.body
    assert "Left L" not in message.body
    assert "/admin/ambassadors/dashboard/" in message.body


def test_the_weekly_email_goes_once_however_often_the_task_runs(
    people, make_user, django_capture_on_commit_callbacks
):
    """A worker killed after the e-mail was kept but before the task was acknowledged makes
    the broker deliver the task again: coordinators must not get the list twice."""
    make_user(username="coord", email="coord@example.org", roles=[AMBASSADOR_COORDINATOR])
    with django_capture_on_commit_callbacks(execute=True):
        email_expiry_warnings.delay().get()
        email_expiry_warnings.delay().get()
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_no_email_when_nothing_expires(make_user, django_capture_on_commit_callbacks):
    make_user(username="coord", roles=[AMBASSADOR_COORDINATOR])
    AmbassadorFactory(dbs_expires_on=TODAY + timedelta(days=90))
    with django_capture_on_commit_callbacks(execute=True):
        assert email_expiry_warnings.delay().get() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_warning_is_plain_text_not_html_escaped(make_user, django_capture_on_commit_callbacks):
    make_user(username="coord", email="coord@example.org", roles=[AMBASSADOR_COORDINATOR])
    AmbassadorFactory(display_name="Siobhan O'Neill", dbs_expires_on=TODAY + timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=True):
        email_expiry_warnings.delay().get()
    assert "Siobhan O'Neill: DBS check expires on 28 November 2026" in mail.outbox[0].body


def test_the_task_is_scheduled_weekly():
    entry = settings.CELERY_BEAT_SCHEDULE["ambassador-expiry-warnings"]
    assert entry["task"] == "ambassadors.tasks.email_expiry_warnings"
    assert entry["schedule"].day_of_week == {1}


@pytest.mark.django_db
def test_the_admin_shows_the_warnings(coordinator_client, people):
    listing = coordinator_client.get(reverse("wagtailsnippets_ambassadors_ambassador:list"))
    assert b"DBS check expires on 25 December 2026" in listing.content

    home = coordinator_client.get(reverse("wagtailadmin_home"))
    assert b"Ambassador checks and training expiring within 30 days" in home.content
    assert b"Gary T" in home.content

    dashboard = coordinator_client.get(reverse("ambassadors_dashboard"))
    assert b"DBS check expired on 23 November 2026" in dashboard.content
    expiring = dashboard.content.split(b'id="section-expiring"')[1]
    assert b"Priya S" not in expiring  # (she is in the dashboard's choice of ambassadors)


@pytest.mark.django_db
def test_under_18s_need_parental_consent_recorded(coordinator_client, coordinator):
    from django.core.exceptions import ValidationError

    youth = Ambassador(display_name="Sofia M", kind=Ambassador.Kind.YOUTH, under_18=True)
    with pytest.raises(ValidationError, match="parental consent"):
        youth.full_clean()
    youth.parental_consent_recorded_on = TODAY
    youth.full_clean()

    adult_role = Ambassador(display_name="Adult", kind=Ambassador.Kind.COMMUNITY, under_18=True)
    adult_role.parental_consent_recorded_on = TODAY
    with pytest.raises(ValidationError, match="Only youth ambassadors"):
        adult_role.full_clean()


@pytest.mark.django_db
def test_the_ambassador_listing_does_not_query_per_row(coordinator_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("wagtailsnippets_ambassadors_ambassador:list")

    def queries_for_listing() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert coordinator_client.get(url).status_code == 200
        return len(captured)

    TrainingRecordFactory()
    few = queries_for_listing()
    for _ in range(6):
        TrainingRecordFactory()
    assert queries_for_listing() == few
