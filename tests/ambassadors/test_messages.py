"""Coordinators' messages to groups of ambassadors (by type and area): written and sent in the
admin, seen in the portal with an unread count, e-mailed once to each recipient, and deleted
after two years."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from ambassadors.models import Ambassador, AreaCovered, CoordinatorMessage, MessageReceipt
from ambassadors.tasks import delete_old_messages
from cms.core.models import OutgoingEmail
from cms.core.roles import VRU_STAFF
from tests.ambassadors.factories import AmbassadorFactory

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


def ambassador_in(name: str, kind: str, *areas: str, **extra) -> Ambassador:
    ambassador = AmbassadorFactory(display_name=name, kind=kind, **extra)
    for area in areas:
        AreaCovered.objects.create(ambassador=ambassador, area=area)
    return ambassador


@pytest.fixture
def group(db):
    """Youth ambassadors in Mansfield: Kieran (also Ashfield) and Leah. Everyone else not."""
    return {
        "kieran": ambassador_in("Kieran O", "youth", "mansfield", "ashfield"),
        "leah": ambassador_in("Leah P", "youth", "mansfield"),
        "joanne": ambassador_in("Joanne W", "community", "mansfield"),
        "sofia": ambassador_in("Sofia M", "youth", "nottingham-city"),
        "paused": ambassador_in("Paused P", "youth", "mansfield", status=Ambassador.Status.PAUSED),
        "left": ambassador_in("Left L", "youth", "mansfield", status=Ambassador.Status.LEFT),
    }


def portal(ambassador: Ambassador) -> Client:
    client = Client()
    client.force_login(ambassador.user)
    return client


MESSAGE = {
    "subject": "Half-term activities in Mansfield",
    "body": "The Oak Tree youth club is open every weekday over half-term.\n\nTell people!",
    "kind": "youth",
    "area": "mansfield",
}


@pytest.mark.django_db
def test_a_message_reaches_only_the_chosen_group_in_the_portal_and_by_one_email_each(
    coordinator_client, coordinator, group, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(reverse("ambassadors_message_new"), MESSAGE, follow=True)
    assert "Sent “Half-term activities in Mansfield” to 2 ambassadors." in (
        response.content.decode()
    )
    message = CoordinatorMessage.objects.get()
    assert (message.sent_by, message.sent_at) == (coordinator, NOW)
    assert message.audience_display == "Youth ambassadors in Mansfield"

    recipients = {group["kieran"].user.email, group["leah"].user.email}
    assert sorted(tuple(m.to) for m in mail.outbox) == sorted((email,) for email in recipients)
    kieran_mail = next(m for m in mail.outbox if m.to == [group["kieran"].user.email])
    assert kieran_mail.subject == "Half-term activities in Mansfield"
    assert "Hello Kieran O," in kieran_mail.body
    assert "open every weekday over half-term" in kieran_mail.body
    assert reverse("ambassadors:message_detail", args=[message.pk]) in kieran_mail.body

    for name in ("kieran", "leah"):
        home = portal(group[name].user.ambassador).get(reverse("ambassadors:portal"))
        assert home.context["unread_messages"] == 1
        assert b"You have 1 unread message from the coordinators." in home.content
        inbox = portal(group[name]).get(reverse("ambassadors:message_list"))
        assert b"Half-term activities in Mansfield" in inbox.content
        assert b"Unread" in inbox.content
    for name in ("joanne", "sofia", "paused"):
        inbox = portal(group[name]).get(reverse("ambassadors:message_list"))
        assert b"Half-term activities" not in inbox.content
        assert b"You have no messages." in inbox.content
        assert (
            portal(group[name])
            .get(reverse("ambassadors:message_detail", args=[message.pk]))
            .status_code
            == 404
        )


@pytest.mark.django_db
def test_opening_a_message_marks_it_read_and_the_coordinator_sees_the_count(
    coordinator_client, group, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(reverse("ambassadors_message_new"), MESSAGE)
    message = CoordinatorMessage.objects.get()
    kieran = portal(group["kieran"])
    detail = kieran.get(reverse("ambassadors:message_detail", args=[message.pk]))
    assert detail.status_code == 200
    assert b"<p>Tell people!</p>" in detail.content
    receipt = MessageReceipt.objects.get(ambassador=group["kieran"])
    assert receipt.read_at == NOW
    assert kieran.get(reverse("ambassadors:portal")).context["unread_messages"] == 0
    assert b"Unread" not in kieran.get(reverse("ambassadors:message_list")).content

    listing = coordinator_client.get(reverse("ambassadors_messages"))
    assert b"Youth ambassadors in Mansfield" in listing.content
    assert b"1 of 2" in listing.content


@pytest.mark.django_db
def test_a_message_to_everyone_goes_to_every_active_ambassador(
    coordinator_client, group, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            reverse("ambassadors_message_new"), {**MESSAGE, "kind": "", "area": ""}
        )
    names = set(MessageReceipt.objects.values_list("ambassador__display_name", flat=True))
    assert names == {"Kieran O", "Leah P", "Joanne W", "Sofia M"}
    assert len(mail.outbox) == 4


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"subject": ""}, "This field is required."),
        ({"body": ""}, "This field is required."),
        ({"kind": "grown-up"}, "Select a valid choice."),
        ({"area": "lincoln"}, "Select a valid choice."),
        ({"kind": "community", "area": "bassetlaw"}, "No active ambassador matches"),
    ],
)
def test_bad_input_gets_a_clear_message_and_sends_nothing(
    coordinator_client, group, overrides, error, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("ambassadors_message_new"), {**MESSAGE, **overrides}
        )
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not CoordinatorMessage.objects.exists()
    assert not MessageReceipt.objects.exists()
    assert mail.outbox == [] and not OutgoingEmail.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["ambassador", "VRU staff", "public"])
def test_people_who_are_not_coordinators_cannot_see_or_send_messages(client, mfa_user, group, who):
    if who == "ambassador":
        client.force_login(group["kieran"].user)
    elif who == "VRU staff":
        client.force_login(mfa_user(roles=[VRU_STAFF])[0])
    for url_name in ("ambassadors_messages", "ambassadors_message_new"):
        assert client.get(reverse(url_name)).status_code in (302, 403)
    response = client.post(reverse("ambassadors_message_new"), MESSAGE)
    assert response.status_code in (302, 403)
    assert not CoordinatorMessage.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_messages_are_deleted_two_years_after_sending(group):
    def sent(days_ago: int) -> CoordinatorMessage:
        message = CoordinatorMessage.objects.create(
            subject=f"{days_ago} days ago", body="News", sent_at=NOW - timedelta(days=days_ago)
        )
        MessageReceipt.objects.create(message=message, ambassador=group["leah"])
        return message

    sent(2 * 365 + 1)
    kept = sent(2 * 365 - 1)
    assert delete_old_messages.delay().get() == 2  # the message and its receipt
    assert list(CoordinatorMessage.objects.all()) == [kept]
    assert MessageReceipt.objects.get().message == kept


@pytest.mark.django_db
def test_an_ambassadors_messages_are_in_their_data_and_go_with_their_account(group):
    from ambassadors import personal_data

    leah = group["leah"]
    message = CoordinatorMessage.objects.create(subject="Training dates", body="January")
    MessageReceipt.objects.create(message=message, ambassador=leah, read_at=NOW)
    exported = personal_data.export(leah.user)
    assert exported["messages_received"] == [
        {"subject": "Training dates", "sent_at": NOW.isoformat(), "read_at": NOW.isoformat()}
    ]
    personal_data.erase(leah.user)
    assert not MessageReceipt.objects.exists()
