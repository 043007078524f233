"""The yearly review: reminders with a signed link at 12 months, hidden at 18, never deleted."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.test import TestCase

from assets_directory.models import Service
from assets_directory.tasks import review_cycle
from cms.core.roles import VRU_STAFF
from tests.directory.factories import publish_service
from tests.directory.test_search import result_names

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=ZoneInfo("Europe/London"))


def reviewed_on(service: Service, day: date) -> None:
    Service.objects.filter(pk=service.pk).update(last_reviewed=day)


@pytest.fixture
def listings(provider, organisation, home_page):
    fresh = publish_service(name="Fresh club", organisation=organisation)
    stale = publish_service(name="Stale club", organisation=organisation)
    ancient = publish_service(name="Ancient club", organisation=organisation)
    reviewed_on(fresh, date(2026, 3, 1))
    reviewed_on(stale, date(2025, 11, 1))  # 12.8 months
    reviewed_on(ancient, date(2025, 5, 1))  # 18.8 months
    return fresh, stale, ancient


def link_in(message) -> str:
    return re.search(r"http://[^/]+(/services/review/[^\s]+/)", message.body)[1]


def run_review_cycle() -> dict:
    """The daily task, with what it queues for after commit (mail, the index) run too."""
    with time_machine.travel(NOW, tick=False), TestCase.captureOnCommitCallbacks(execute=True):
        return review_cycle.delay().get()


def test_reminders_at_12_months_and_hiding_at_18(client, listings, make_user):
    make_user(username="vru", email="vru@example.org", roles=[VRU_STAFF])
    _fresh, _stale, ancient = listings
    assert run_review_cycle() == {"reminded": 2, "hidden": 1}

    reminders = [m for m in mail.outbox if m.subject.startswith("Is your listing")]
    assert sorted(m.subject for m in reminders) == [
        "Is your listing 'Ancient club' still correct?",
        "Is your listing 'Stale club' still correct?",
    ]
    assert all(m.to == ["provider@example.org"] for m in reminders)
    staff_note = next(m for m in mail.outbox if m.to == ["vru@example.org"])
    assert "Ancient club" in staff_note.body and "Stale club" not in staff_note.body

    assert result_names(client.get("/services/", {"q": "club"})) == ["Fresh club", "Stale club"]
    assert Service.objects.filter(pk=ancient.pk, hidden_for_review=True).exists()  # not deleted

    # Running again the same day sends nothing new.
    sent = len(mail.outbox)
    assert run_review_cycle() == {"reminded": 0, "hidden": 0}
    assert len(mail.outbox) == sent


def test_a_run_cut_short_and_run_again_reminds_nobody_twice(listings, monkeypatch):
    from assets_directory import review

    real_send, calls = review.send_templated, []

    def send_then_die_on_the_second(*args, **kwargs):
        calls.append(real_send(*args, **kwargs))
        if len(calls) == 2:
            raise SystemExit("worker killed")

    monkeypatch.setattr(review, "send_templated", send_then_die_on_the_second)
    with pytest.raises(SystemExit):
        run_review_cycle()
    monkeypatch.setattr(review, "send_templated", real_send)
    run_review_cycle()
    reminders = [m for m in mail.outbox if m.subject.startswith("Is your listing")]
    assert sorted(m.subject for m in reminders) == [
        "Is your listing 'Ancient club' still correct?",
        "Is your listing 'Stale club' still correct?",
    ]


def test_one_click_still_correct_brings_a_listing_back(
    client, listings, django_capture_on_commit_callbacks
):
    _fresh, _stale, ancient = listings
    run_review_cycle()
    with time_machine.travel(NOW, tick=False):
        message = next(m for m in mail.outbox if "Ancient club" in m.subject)
        link = link_in(message)
        page = client.get(link)
        assert page.status_code == 200
        assert Service.objects.get(pk=ancient.pk).hidden_for_review  # GET changes nothing
        with django_capture_on_commit_callbacks(execute=True):  # the index update runs
            done = client.post(link)
    assert "confirmed as correct" in done.content.decode()
    ancient.refresh_from_db()
    assert ancient.last_reviewed == date(2026, 11, 25)
    assert not ancient.hidden_for_review
    assert "Ancient club" in result_names(client.get("/services/", {"q": "club"}))
    again = client.post(link)
    assert again.status_code == 400
    assert "already been confirmed" in again.content.decode()


def test_links_expire_and_cannot_be_forged(client, listings):
    run_review_cycle()
    link = link_in(next(m for m in mail.outbox if "Stale club" in m.subject))
    with time_machine.travel(datetime(2027, 1, 5, tzinfo=ZoneInfo("Europe/London"))):
        expired = client.post(link)
    assert expired.status_code == 400
    assert "This link has expired" in expired.content.decode()
    forged = client.get(link.replace("/review/", "/review/x"))
    assert forged.status_code == 400
    assert "not valid" in forged.content.decode()
