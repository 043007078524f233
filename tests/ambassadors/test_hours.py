"""Hours approval: each log's hours approved or queried by a coordinator (who, when, why),
seen by the ambassador in the portal, and sent back for approval by the ambassador's change."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from ambassadors.models import OutreachLog
from cms.core.roles import VRU_STAFF
from tests.ambassadors.factories import ClaimFactory, OutreachLogFactory

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def coordinator_client(coordinator):
    """The coordinator in a browser of their own, beside the ambassador's."""
    client = Client()
    client.force_login(coordinator)
    return client


def edit_data(log: OutreachLog, **overrides) -> dict:
    """The portal form as the ambassador would send it back, with some fields changed."""
    data = {
        "date": log.date.isoformat(),
        "duration_minutes": str(log.duration_minutes),
        "area": log.area,
        "ward": log.ward,
        "setting": log.setting,
        "activity_type": log.activity_type,
        "reached_under_11": str(log.reached_under_11),
        "reached_11_to_15": str(log.reached_11_to_15),
        "reached_16_to_17": str(log.reached_16_to_17),
        "reached_18_to_24": str(log.reached_18_to_24),
        "reached_25_plus": str(log.reached_25_plus),
        "what_we_heard": log.what_we_heard,
    }
    data.update(overrides)
    return data


def decide(client, log, decision, reason=""):
    return client.post(
        reverse("ambassadors_hours_decide", args=[log.pk]),
        {"decision": decision, "reason": reason},
        follow=True,
    )


@pytest.mark.django_db
def test_a_new_log_awaits_approval_and_is_listed_for_coordinators(
    ambassador_client, coordinator_client, ambassador
):
    ambassador_client.post(
        reverse("ambassadors:log_create"),
        edit_data(OutreachLogFactory.build(ambassador=ambassador), duration_minutes="75"),
    )
    log = OutreachLog.objects.get()
    assert log.status == OutreachLog.Status.AWAITING

    listing = coordinator_client.get(reverse("ambassadors_hours"))
    assert listing.status_code == 200
    assert list(listing.context["awaiting"]) == [log]
    assert b"Amira K" in listing.content

    mine = ambassador_client.get(reverse("ambassadors:log_list"))
    assert b"Awaiting approval" in mine.content


@pytest.mark.django_db
def test_a_coordinator_approves_hours_recording_who_and_when(
    coordinator_client,
    coordinator,
    ambassador,
    ambassador_client,
    django_capture_on_commit_callbacks,
):
    log = OutreachLogFactory(ambassador=ambassador, duration_minutes=90)
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(coordinator_client, log, "approve")
    assert b") approved." in response.content
    log.refresh_from_db()
    assert log.status == OutreachLog.Status.APPROVED
    assert log.decided_by == coordinator
    assert log.decided_at == NOW
    assert mail.outbox == []  # an approval asks nothing of the ambassador: the portal shows it
    assert list(coordinator_client.get(reverse("ambassadors_hours")).context["awaiting"]) == []

    home = ambassador_client.get(reverse("ambassadors:portal"))
    assert home.context["approved_hours"] == 1.5
    assert b"Approved" in ambassador_client.get(reverse("ambassadors:log_list")).content


@pytest.mark.django_db
def test_a_query_needs_a_reason_and_tells_the_ambassador_why(
    coordinator_client,
    coordinator,
    ambassador,
    ambassador_client,
    django_capture_on_commit_callbacks,
):
    log = OutreachLogFactory(ambassador=ambassador, duration_minutes=180)
    refused = decide(coordinator_client, log, "query", reason="   ")
    assert b"Give a reason for querying the hours" in refused.content
    log.refresh_from_db()
    assert log.status == OutreachLog.Status.AWAITING and log.decided_at is None

    with django_capture_on_commit_callbacks(execute=True):
        decide(coordinator_client, log, "query", reason="Was setting up the stall included?")
    log.refresh_from_db()
    assert log.status == OutreachLog.Status.QUERIED
    assert (log.decided_by, log.decided_at) == (coordinator, NOW)
    assert log.decision_reason == "Was setting up the stall included?"

    [message] = mail.outbox
    assert message.to == [ambassador.user.email]
    assert "Was setting up the stall included?" in message.body
    assert reverse("ambassadors:log_edit", args=[log.pk]) in message.body

    history = ambassador_client.get(reverse("ambassadors:log_list")).content.decode()
    assert "Queried" in history
    assert "The coordinator's question: Was setting up the stall included?" in history
    assert ambassador_client.get(reverse("ambassadors:portal")).context["queried"] == 1


@pytest.mark.django_db
def test_an_unknown_decision_changes_nothing(coordinator_client, ambassador):
    log = OutreachLogFactory(ambassador=ambassador)
    response = decide(coordinator_client, log, "maybe")
    assert b"Choose whether to approve or query the hours." in response.content
    log.refresh_from_db()
    assert log.status == OutreachLog.Status.AWAITING and log.decided_by is None


@pytest.mark.django_db
def test_answering_a_query_sends_the_log_back_for_approval_even_after_seven_days(
    coordinator_client, ambassador, ambassador_client
):
    with time_machine.travel(NOW - timedelta(days=20), tick=False):
        log = OutreachLogFactory(ambassador=ambassador, duration_minutes=180)
    decide(coordinator_client, log, "query", reason="Was setting up the stall included?")
    url = reverse("ambassadors:log_edit", args=[log.pk])
    # A queried log stays open to its ambassador past the usual 7 days, to answer the query.
    assert ambassador_client.get(url).status_code == 200

    ambassador_client.post(url, edit_data(log, duration_minutes="120"))
    log.refresh_from_db()
    assert log.duration_minutes == 120
    assert log.status == OutreachLog.Status.AWAITING
    # The coordinator sees the earlier query beside the answer.
    listing = coordinator_client.get(reverse("ambassadors_hours"))
    assert list(listing.context["awaiting"]) == [log]
    assert b"Queried: Was setting up the stall included?" in listing.content

    decide(coordinator_client, log, "approve")
    log.refresh_from_db()
    assert log.status == OutreachLog.Status.APPROVED
    # Settled again: the 7 days are long past.
    assert ambassador_client.get(url).status_code == 302


@pytest.mark.django_db
def test_changing_approved_hours_sends_them_back_but_other_corrections_keep_the_approval(
    coordinator_client, ambassador, ambassador_client
):
    log = OutreachLogFactory(ambassador=ambassador, duration_minutes=60)
    decide(coordinator_client, log, "approve")
    url = reverse("ambassadors:log_edit", args=[log.pk])

    ambassador_client.post(url, edit_data(log, ward="Sneinton"))
    log.refresh_from_db()
    assert (log.ward, log.status) == ("Sneinton", OutreachLog.Status.APPROVED)

    ambassador_client.post(url, edit_data(log, duration_minutes="240"))
    log.refresh_from_db()
    assert (log.duration_minutes, log.status) == (240, OutreachLog.Status.AWAITING)
    assert (
        b"Approved, then the hours were changed"
        in coordinator_client.get(reverse("ambassadors_hours")).content
    )


@pytest.mark.django_db
def test_hours_approval_is_separate_from_the_months_claim(coordinator_client, ambassador):
    claim = ClaimFactory(ambassador=ambassador)
    log = OutreachLogFactory(ambassador=ambassador)
    decide(coordinator_client, log, "approve")
    claim.refresh_from_db()
    assert claim.status == claim.Status.SUBMITTED


@pytest.mark.django_db
def test_an_approved_log_cannot_be_decided_again(coordinator_client, ambassador):
    log = OutreachLogFactory(ambassador=ambassador)
    decide(coordinator_client, log, "approve")
    response = decide(coordinator_client, log, "query", reason="Second thoughts")
    assert response.status_code == 404
    log.refresh_from_db()
    assert log.status == OutreachLog.Status.APPROVED and log.decision_reason == ""


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["ambassador", "VRU staff", "public"])
def test_people_who_are_not_coordinators_cannot_see_or_decide_hours(
    client, mfa_user, ambassador, other_ambassador, who
):
    log = OutreachLogFactory(ambassador=other_ambassador)
    if who == "ambassador":
        client.force_login(ambassador.user)
    elif who == "VRU staff":
        client.force_login(mfa_user(roles=[VRU_STAFF])[0])
    listing = client.get(reverse("ambassadors_hours"))
    assert listing.status_code in (302, 403)
    assert b"Dwayne R" not in listing.content
    response = client.post(
        reverse("ambassadors_hours_decide", args=[log.pk]), {"decision": "approve"}
    )
    assert response.status_code in (302, 403)
    ticked = client.post(reverse("ambassadors_hours_approve_selected"), {"log": [log.pk]})
    assert ticked.status_code in (302, 403)
    log.refresh_from_db()
    assert log.status == OutreachLog.Status.AWAITING and log.decided_by is None


@pytest.mark.django_db
def test_a_coordinator_cannot_approve_their_own_hours(coordinator_client, coordinator):
    from tests.ambassadors.factories import AmbassadorFactory

    own = OutreachLogFactory(ambassador=AmbassadorFactory(user=coordinator))
    response = decide(coordinator_client, own, "approve")
    assert b"You cannot decide on your own request" in response.content
    own.refresh_from_db()
    assert own.status == OutreachLog.Status.AWAITING


def approve_ticked(client, *pks):
    return client.post(
        reverse("ambassadors_hours_approve_selected"), {"log": [str(pk) for pk in pks]}, follow=True
    )


@pytest.mark.django_db
def test_ticked_hours_are_approved_together_and_the_rest_wait(
    coordinator_client, coordinator, ambassador, other_ambassador
):
    first = OutreachLogFactory(ambassador=ambassador)
    second = OutreachLogFactory(ambassador=other_ambassador)
    left = OutreachLogFactory(ambassador=ambassador)

    response = approve_ticked(coordinator_client, first.pk, second.pk)

    assert b"Hours approved for 2 activities." in response.content
    for log in (first, second):
        log.refresh_from_db()
        assert log.status == OutreachLog.Status.APPROVED
        assert log.decided_by == coordinator and log.decided_at == NOW
    left.refresh_from_db()
    assert left.status == OutreachLog.Status.AWAITING
    assert list(response.context["awaiting"]) == [left]
    assert not mail.outbox  # approvals are shown in the portal, not e-mailed


@pytest.mark.django_db
def test_approving_with_nothing_ticked_or_nonsense_changes_nothing(coordinator_client, ambassador):
    log = OutreachLogFactory(ambassador=ambassador)
    for sent in ([], ["'; DROP TABLE x; --"], ["-1"]):
        response = coordinator_client.post(
            reverse("ambassadors_hours_approve_selected"), {"log": sent}, follow=True
        )
        assert b"Tick the activities" in response.content
    assert (
        b"Approve the ticked hours" in coordinator_client.get(reverse("ambassadors_hours")).content
    )
    log.refresh_from_db()
    assert log.status == OutreachLog.Status.AWAITING and log.decided_by is None


@pytest.mark.django_db
def test_ticked_hours_skip_the_coordinators_own_and_the_already_approved(
    coordinator_client, coordinator, ambassador
):
    from tests.ambassadors.factories import AmbassadorFactory

    own = OutreachLogFactory(ambassador=AmbassadorFactory(user=coordinator))
    theirs = OutreachLogFactory(ambassador=ambassador)
    approve_ticked(coordinator_client, theirs.pk)
    theirs.refresh_from_db()
    first_decision = theirs.decided_at

    response = approve_ticked(coordinator_client, own.pk, theirs.pk)

    assert b"You cannot decide on your own request" in response.content
    own.refresh_from_db()
    theirs.refresh_from_db()
    assert own.status == OutreachLog.Status.AWAITING
    assert theirs.decided_at == first_decision
