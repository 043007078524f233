"""Logging outreach on the portal: the form, the personal-data check, the 7-day edit window
and the safeguarding alert."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ambassadors.models import OutreachLog
from ambassadors.notes_check import personal_detail_kinds
from cms import celery_app
from cms.core.mail import sweep_outbox
from tests.ambassadors.factories import OutreachLogFactory, TopicFactory
from tests.ambassadors.flaky_mail import FlakyBackend

LONDON = ZoneInfo("Europe/London")


def log_data(**overrides) -> dict:
    topic = TopicFactory(name="Knife crime")
    data = {
        "date": "2026-11-20",
        "duration_minutes": "45",
        "area": "mansfield",
        "ward": "Oak Tree",
        "setting": "youth-club",
        "activity_type": "talk",
        "reached_under_11": "0",
        "reached_11_to_15": "12",
        "reached_16_to_17": "5",
        "reached_18_to_24": "0",
        "reached_25_plus": "1",
        "topics": [str(topic.pk)],
        "what_we_heard": "Young people said the bus station feels unsafe at night.",
    }
    data.update(overrides)
    return data


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime(2026, 11, 25, 10, 0, tzinfo=LONDON), tick=False):
        yield


@pytest.mark.django_db
def test_an_ambassador_logs_an_activity_and_sees_it_in_their_totals(ambassador_client, ambassador):
    response = ambassador_client.post(reverse("ambassadors:log_create"), log_data())
    assert response.status_code == 302
    log = OutreachLog.objects.get()
    assert log.ambassador == ambassador
    assert log.people_reached == 18
    assert [t.name for t in log.topics.all()] == ["Knife crime"]

    home = ambassador_client.get(reverse("ambassadors:portal"))
    assert home.context["people"] == 18
    assert home.context["activities"] == 1
    history = ambassador_client.get(reverse("ambassadors:log_list"))
    assert b"Talk or workshop in Mansfield" in history.content


@pytest.mark.django_db
def test_the_form_tells_ambassadors_not_to_record_personal_details(ambassador_client):
    response = ambassador_client.get(reverse("ambassadors:log_create"))
    assert b"Do not record personal details of members of the public" in response.content
    assert b'type="date" name="date" value="2026-11-25"' in response.content
    assert b"---------" not in response.content  # the setting radios offer no blank choice


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"date": "2026-11-26"}, "The date cannot be in the future."),
        ({"area": ""}, "This field is required."),
        ({"duration_minutes": "2"}, "greater than or equal to 5"),
        (
            {"reached_11_to_15": "0", "reached_16_to_17": "0", "reached_25_plus": "0"},
            "at least one",
        ),
    ],
)
def test_bad_input_gets_a_clear_message_and_nothing_is_saved(ambassador_client, overrides, message):
    response = ambassador_client.post(reverse("ambassadors:log_create"), log_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert b"There is a problem" in response.content
    assert not OutreachLog.objects.exists()


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Lad gave me his number 07700 900123 to call him", ["a phone number"]),
        ("Mum said ring her on +44 115 496 0000", ["a phone number"]),
        ("Email her at jo.bloggs@example.com", ["an email address"]),
        ("Spoke to Jordan Smith about the estate", ["a full name"]),
        ("Mrs Patel runs the corner shop", ["a full name"]),
        ("Met staff at Bulwell Academy and Sneinton Market", []),
        ("Busy night in Nottingham City and on Mansfield Road", []),
        ("Young people want the youth club open on Fridays.", []),
        ("Knife Crime came up a lot. The Meadows feels tense", []),
    ],
)
def test_the_personal_details_check(text, kinds):
    assert personal_detail_kinds(text) == kinds


@pytest.mark.django_db
def test_notes_that_look_personal_are_held_back_with_a_warning(ambassador_client):
    notes = "Spoke to Jordan Smith, 07700 900123, about the park"
    response = ambassador_client.post(
        reverse("ambassadors:log_create"), log_data(what_we_heard=notes)
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Your notes seem to contain a phone number and a full name" in body
    assert "I have checked: my notes do not identify anyone" in body
    assert not OutreachLog.objects.exists()


@pytest.mark.django_db
def test_the_ambassador_can_confirm_notes_the_check_got_wrong(ambassador_client):
    notes = "Talked about Peaky Blinders and drill music"
    data = log_data(what_we_heard=notes, notes_have_no_personal_details="on")
    response = ambassador_client.post(reverse("ambassadors:log_create"), data)
    assert response.status_code == 302
    assert OutreachLog.objects.get().what_we_heard == notes


@pytest.mark.django_db
def test_a_log_can_be_changed_for_seven_days_and_not_after(ambassador_client, ambassador):
    with time_machine.travel(datetime(2026, 11, 1, 18, 0, tzinfo=LONDON), tick=False):
        log = OutreachLogFactory(ambassador=ambassador, date=datetime(2026, 11, 1).date())
    url = reverse("ambassadors:log_edit", args=[log.pk])
    data = log_data(date="2026-11-01", what_we_heard="Corrected notes")

    just_inside = datetime(2026, 11, 8, 17, 59, tzinfo=LONDON)
    with time_machine.travel(just_inside, tick=False):
        assert ambassador_client.get(url).status_code == 200
        assert ambassador_client.post(url, data).status_code == 302
    log.refresh_from_db()
    assert log.what_we_heard == "Corrected notes"

    just_outside = datetime(2026, 11, 8, 18, 1, tzinfo=LONDON)
    with time_machine.travel(just_outside, tick=False):
        response = ambassador_client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("ambassadors:log_list")
        ambassador_client.post(url, {**data, "what_we_heard": "Too late"})
        history = ambassador_client.get(reverse("ambassadors:log_list"))
    log.refresh_from_db()
    assert log.what_we_heard == "Corrected notes"
    assert url.encode() not in history.content


@pytest.fixture
def flaky_mail(settings):
    """A mail server that drops the first three messages; the outbox keeps them until sent."""
    settings.EMAIL_BACKEND = "tests.ambassadors.flaky_mail.FlakyBackend"
    settings.AMBASSADORS_SAFEGUARDING_LEAD_EMAIL = "dsl@example.org"
    FlakyBackend.attempts = 0
    FlakyBackend.failures_left = 3
    celery_app.conf.task_eager_propagates = False
    yield FlakyBackend
    celery_app.conf.task_eager_propagates = True


@pytest.mark.django_db
def test_a_safeguarding_concern_reaches_the_lead_despite_mail_failures(
    ambassador_client, flaky_mail, django_capture_on_commit_callbacks
):
    notes = "Worried about a younger lad being sent to the shop by older boys"
    data = log_data(what_we_heard=notes, safeguarding_concern="on")
    with django_capture_on_commit_callbacks(execute=True):
        response = ambassador_client.post(reverse("ambassadors:log_create"), data)
    assert response.status_code == 302

    assert flaky_mail.attempts == 1 and mail.outbox == []  # the first try failed
    log = OutreachLog.objects.get()
    assert log.safeguarding_alert.sent_at is None  # kept in the outbox, not lost
    for hours in (1, 2, 3):  # the beat sweep retries: two more failures, then delivered
        with time_machine.travel(timezone.now() + timedelta(hours=hours), tick=False):
            sweep_outbox.delay()
    assert flaky_mail.attempts == 4
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["dsl@example.org"]
    log = OutreachLog.objects.get()
    assert f"/admin/snippets/ambassadors/outreachlog/inspect/{log.pk}/" in message.body
    assert notes not in message.body
    assert "Mansfield" not in message.body
    assert log.safeguarding_lead_notified_at is not None


@pytest.mark.django_db
def test_the_lead_is_told_once_not_on_every_edit(
    ambassador_client, ambassador, flaky_mail, django_capture_on_commit_callbacks
):
    flaky_mail.failures_left = 0
    with django_capture_on_commit_callbacks(execute=True):
        ambassador_client.post(
            reverse("ambassadors:log_create"), log_data(safeguarding_concern="on")
        )
        log = OutreachLog.objects.get()
        ambassador_client.post(
            reverse("ambassadors:log_edit", args=[log.pk]),
            log_data(safeguarding_concern="on", what_we_heard="More detail"),
        )
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_no_alert_without_a_concern(
    ambassador_client, flaky_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ambassador_client.post(reverse("ambassadors:log_create"), log_data())
    assert mail.outbox == []


@pytest.mark.django_db
def test_an_alert_that_cannot_be_queued_is_sent_later_by_the_sweep(
    ambassador_client, flaky_mail, monkeypatch, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError

    from cms.core.mail import deliver_outgoing_email

    flaky_mail.failures_left = 0

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(deliver_outgoing_email, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        response = ambassador_client.post(
            reverse("ambassadors:log_create"), log_data(safeguarding_concern="on")
        )
    assert response.status_code == 302  # the ambassador's log is saved regardless
    log = OutreachLog.objects.get()
    assert log.safeguarding_alert is not None and mail.outbox == []

    monkeypatch.undo()
    assert sweep_outbox.delay().get() == 0  # too soon: the queued job may still send it
    with time_machine.travel(timezone.now() + timedelta(minutes=2), tick=False):
        assert sweep_outbox.delay().get() == 1
        assert sweep_outbox.delay().get() == 0  # sent once, not again
    assert len(mail.outbox) == 1
    log.refresh_from_db()
    assert log.safeguarding_lead_notified_at is not None


@pytest.mark.django_db
def test_flagged_logs_from_before_the_outbox_get_their_alert_once(
    flaky_mail, django_capture_on_commit_callbacks
):
    from ambassadors.tasks import queue_missed_safeguarding_alerts

    flaky_mail.failures_left = 0
    OutreachLogFactory(safeguarding_concern=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert queue_missed_safeguarding_alerts.delay().get() == 1
        assert queue_missed_safeguarding_alerts.delay().get() == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_form_starts_in_the_ambassadors_own_area(ambassador_client, ambassador):
    from ambassadors.models import AreaCovered

    AreaCovered.objects.create(ambassador=ambassador, area="gedling", ward="Netherfield")
    form = ambassador_client.get(reverse("ambassadors:log_create")).context["form"]
    assert form["area"].value() == "gedling"
    assert form["ward"].value() == "Netherfield"
