"""E-mail alerts when a consultation opens in someone's area: subscribe, confirm by the
e-mailed link, one alert per consultation, and one-click unsubscribe."""

import logging
import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from consultations import demo
from consultations.models import AlertSubscription, Audience, ConsultationPage
from consultations.tasks import delete_unconfirmed_alert_subscriptions, email_opening_alerts

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/have-your-say/alerts/"


@pytest.fixture
def deliver(django_capture_on_commit_callbacks):
    """Run the outbox's delivery as the transaction commits, so mail.outbox has what went."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def _subscribe(client, deliver, email, areas):
    return deliver(client.post, SUBSCRIBE, {"email": email, "areas": areas}, follow=True)


def _link(message, kind):
    return re.search(rf"/have-your-say/alerts/{kind}/\S+/", message.body).group(0)


def _alerts_to(address):
    return [m for m in mail.outbox if m.to == [address] and m.subject.startswith("A consultation")]


def _run_alerts(deliver):
    return deliver(lambda: email_opening_alerts.delay().get())


def test_a_confirmed_subscriber_gets_one_alert_and_none_after_unsubscribing(
    client, deliver, make_consultation, caplog
):
    caplog.set_level(logging.DEBUG)
    sent = _subscribe(client, deliver, "Jo@Example.org", ["gedling"])
    assert "Check your e-mail" in sent.content.decode()
    confirmation = mail.outbox[-1]
    assert confirmation.to == ["jo@example.org"]
    assert "Gedling" in confirmation.body
    confirm_link = _link(confirmation, "confirm")
    assert "jo@example.org" not in confirm_link.lower()  # addresses stay out of server logs

    page = client.get(confirm_link)  # opening the link (as a mail scanner might) confirms nothing
    assert "Start my alerts" in page.content.decode()
    assert AlertSubscription.objects.get().confirmed_at is None
    done = client.post(confirm_link)
    assert "Your alerts have started" in done.content.decode()

    # Others: one never confirmed, one confirmed for another area.
    _subscribe(client.__class__(), deliver, "unconfirmed@example.org", ["gedling"])
    other = client.__class__()
    _subscribe(other, deliver, "ash@example.org", ["ashfield"])
    other.post(_link(mail.outbox[-1], "confirm"))

    now = timezone.now()
    opening = make_consultation(
        title="Parks after dark",
        areas=["gedling"],
        opens_at=now + timedelta(days=1),
        closes_at=now + timedelta(days=30),
    )
    make_consultation(
        title="Panel only in Gedling",
        areas=["gedling"],
        audience=Audience.PANEL,
        opens_at=now + timedelta(days=1),
        closes_at=now + timedelta(days=30),
    )
    assert _run_alerts(deliver) == 0  # not open yet
    with time_machine.travel(now + timedelta(days=2)):
        assert _run_alerts(deliver) == 1
        assert _run_alerts(deliver) == 0  # run twice, sent once
    alerts = _alerts_to("jo@example.org")
    assert len(alerts) == 1
    assert alerts[0].subject == "A consultation is open: Parks after dark"
    assert opening.url in alerts[0].body
    assert _alerts_to("unconfirmed@example.org") == [] and _alerts_to("ash@example.org") == []

    unsubscribe_link = _link(alerts[0], "unsubscribe")
    assert "Unsubscribe" in client.get(unsubscribe_link).content.decode()
    gone = client.post(unsubscribe_link)
    assert "You have unsubscribed" in gone.content.decode()
    assert not AlertSubscription.objects.filter(email="jo@example.org").exists()
    assert "You are not subscribed" in client.get(unsubscribe_link).content.decode()

    make_consultation(
        title="Later in Gedling",
        areas=[],
        opens_at=now + timedelta(days=3),
        closes_at=now + timedelta(days=30),
    )
    with time_machine.travel(now + timedelta(days=4)):
        _run_alerts(deliver)
    assert len(_alerts_to("jo@example.org")) == 1  # nothing after unsubscribing
    assert len(_alerts_to("ash@example.org")) == 1  # "all areas" consultations reach everyone
    assert "example.org" not in caplog.text.lower()  # addresses are never logged


def test_no_alert_for_a_consultation_already_open_when_confirming(
    client, deliver, make_consultation
):
    make_consultation(title="Open already", areas=["gedling"])
    _subscribe(client, deliver, "jo@example.org", ["all"])
    client.post(_link(mail.outbox[-1], "confirm"))
    assert _run_alerts(deliver) == 0


def test_changed_and_expired_links_are_refused_with_a_clear_message(client, deliver):
    _subscribe(client, deliver, "jo@example.org", ["gedling", "mansfield"])
    confirm_link = _link(mail.outbox[-1], "confirm")

    tampered = confirm_link[:-3] + ("A" if confirm_link[-3] != "A" else "B") + confirm_link[-2:]
    refused = client.post(tampered)
    assert refused.status_code == 400
    assert "This link is not valid" in refused.content.decode()
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        expired = client.post(confirm_link)
    assert expired.status_code == 400
    assert "This link has expired" in expired.content.decode()
    assert AlertSubscription.objects.get().confirmed_at is None

    bad_unsubscribe = client.post("/have-your-say/alerts/unsubscribe/not-a-real-link/")
    assert bad_unsubscribe.status_code == 400
    assert "This link is not valid" in bad_unsubscribe.content.decode()
    # A confirmation link does not unsubscribe: each link has its own purpose.
    path = confirm_link.replace("/confirm/", "/unsubscribe/")
    assert client.post(path).status_code == 400
    assert AlertSubscription.objects.exists()


def test_bad_input_changes_nothing_and_the_form_is_no_spam_relay(client, deliver):
    bad = client.post(SUBSCRIBE, {"email": "not-an-email", "areas": []})
    html = bad.content.decode()
    assert "Enter an email address like name@example.org." in html
    assert "Choose at least one area, or all areas." in html
    assert not AlertSubscription.objects.exists() and mail.outbox == []

    for number in range(3):
        _subscribe(client, deliver, f"person{number}@example.org", ["all"])
    refused = client.post(SUBSCRIBE, {"email": "fourth@example.org", "areas": ["all"]})
    assert refused.status_code == 429
    assert "We have sent several links from here already" in refused.content.decode()
    assert len(mail.outbox) == 3
    assert not AlertSubscription.objects.filter(email="fourth@example.org").exists()


def test_someone_else_cannot_change_a_subscribers_areas(client, deliver):
    _subscribe(client, deliver, "jo@example.org", ["gedling"])
    client.post(_link(mail.outbox[-1], "confirm"))
    again = _subscribe(client.__class__(), deliver, "jo@example.org", ["ashfield"])
    assert "Check your e-mail" in again.content.decode()  # the same answer: reveals nothing
    assert AlertSubscription.objects.get().areas == ["gedling"]  # until the new link is used


def test_unconfirmed_subscriptions_are_deleted_after_a_week(client, deliver):
    _subscribe(client, deliver, "kept@example.org", ["gedling"])
    client.post(_link(mail.outbox[-1], "confirm"))
    _subscribe(client.__class__(), deliver, "never@example.org", ["gedling"])

    with time_machine.travel(timezone.now() + timedelta(days=6)):
        assert delete_unconfirmed_alert_subscriptions.delay().get() == 0
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        assert delete_unconfirmed_alert_subscriptions.delay().get() == 1
    assert list(AlertSubscription.objects.values_list("email", flat=True)) == ["kept@example.org"]


def test_the_demo_has_areas_and_a_confirmed_subscriber_who_is_alerted(
    home_page, deliver, make_consultation
):
    demo.load()
    demo.load()
    subscriber = AlertSubscription.objects.get()
    assert subscriber.confirmed_at is not None and subscriber.email.endswith("@example.org")
    assert all(page.areas for page in ConsultationPage.objects.all())
    make_consultation(title="Rushcliffe parks", areas=["rushcliffe"])
    # None of the demo consultations open to everyone is in Gedling or Rushcliffe.
    assert _run_alerts(deliver) == 1
    assert mail.outbox[-1].subject == "A consultation is open: Rushcliffe parks"


def test_the_beat_schedule_sends_alerts_and_deletes_unconfirmed_subscriptions(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["consultation-opening-alerts"]["task"] == (
        "consultations.tasks.email_opening_alerts"
    )
    assert schedule["delete-unconfirmed-alert-subscriptions"]["task"] == (
        "consultations.tasks.delete_unconfirmed_alert_subscriptions"
    )


def test_an_account_holder_sees_and_erases_their_alerts(client, deliver, make_user):
    from cms.accounts import data_rights

    person = make_user(email="Jo@example.org")
    _subscribe(client, deliver, "jo@example.org", ["gedling"])
    client.post(_link(mail.outbox[-1], "confirm"))

    exported = data_rights.export_for(person)["consultations"]["alerts"]
    assert [alert["areas"] for alert in exported] == ["Gedling"]
    data_rights.erase_for(person)
    assert not AlertSubscription.objects.exists()
