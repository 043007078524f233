"""The Citizen's Advisory Panel: applying, staff decisions, leaving, meetings and minutes."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from cms.core.models import RoleChange
from cms.core.roles import PANEL_MEMBER, has_role
from consultations.models import PanelApplication
from tests.consultations.factories import PanelMeetingFactory

pytestmark = pytest.mark.django_db

APPLY = "/have-your-say/panel/apply/"


def test_applying_needs_an_account(client):
    response = client.get(APPLY)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_resident_applies_with_a_clear_error_for_bad_input(client, make_user):
    person = make_user()
    client.force_login(person)
    bad = client.post(APPLY, {"reason": "", "area": "Leicester"})
    html = bad.content.decode()
    assert "Tell us why you want to join the panel." in html
    assert "Choose one of the areas given." in html
    assert not PanelApplication.objects.exists()

    client.post(
        APPLY,
        {"reason": "I run a youth football team.", "area": "Bassetlaw", "about-gender": "Woman"},
    )
    application = PanelApplication.objects.get()
    assert application.user == person and application.about_you == {"gender": "Woman"}
    again = client.get(APPLY, follow=True).content.decode()
    assert "We already have your application" in again


def test_staff_approve_an_application_and_the_member_gets_the_role(
    client, make_user, mfa_user, django_capture_on_commit_callbacks
):
    applicant = make_user(email="sam@example.org")
    application = PanelApplication.objects.create(user=applicant, reason="Why", area="Gedling")
    staff, _ = mfa_user(roles=["VRU staff"])
    client.force_login(staff)
    listing = client.get("/admin/consultation-results/panel-applications/").content.decode()
    assert "sam@example.org" in listing and "Gedling" in listing

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/consultation-results/panel-applications/{application.pk}/decide/",
            {"decision": "approve"},
        )
    application.refresh_from_db()
    assert application.status == PanelApplication.Status.APPROVED
    assert application.decided_by == staff and application.decided_at is not None
    assert has_role(applicant, PANEL_MEMBER)
    assert RoleChange.objects.filter(
        user=applicant, role=PANEL_MEMBER, granted=True, changed_by=staff
    ).exists()
    assert mail.outbox[0].to == ["sam@example.org"] and "Welcome" in mail.outbox[0].body
    assert mail.outbox[0].subject == "Your application to the Citizen's Advisory Panel"
    decided = client.get("/admin/consultation-results/panel-applications/").content.decode()
    assert staff.email in decided or staff.get_full_name() in decided


def test_staff_decline_an_application(
    client, make_user, mfa_user, django_capture_on_commit_callbacks
):
    applicant = make_user(email="kim@example.org")
    application = PanelApplication.objects.create(user=applicant, reason="Why", area="Gedling")
    staff, _ = mfa_user(roles=["VRU staff"])
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/consultation-results/panel-applications/{application.pk}/decide/",
            {"decision": "decline", "reason": "The panel is full until the spring."},
        )
    application.refresh_from_db()
    assert application.status == PanelApplication.Status.DECLINED
    assert (application.decided_by, application.decision_reason) == (
        staff,
        "The panel is full until the spring.",
    )
    assert not has_role(applicant, PANEL_MEMBER)
    assert [m.to for m in mail.outbox] == [["kim@example.org"]]
    body = mail.outbox[0].body
    assert "not able to offer you a place" in body and "full until the spring" in body


def test_no_decision_mail_when_the_decision_is_rolled_back(
    make_user, mfa_user, django_capture_on_commit_callbacks
):
    from django.db import transaction

    from consultations import panel

    class RolledBack(Exception):
        pass

    application = PanelApplication.objects.create(user=make_user(), reason="Why", area="Gedling")
    staff, _ = mfa_user(roles=["VRU staff"])
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RolledBack),
        transaction.atomic(),
    ):
        panel.decide(application, approve=True, by=staff)
        raise RolledBack
    assert mail.outbox == []
    application.refresh_from_db()
    assert application.status == PanelApplication.Status.PENDING


def test_only_staff_decide_applications(client, make_user):
    application = PanelApplication.objects.create(user=make_user(), reason="Why", area="Gedling")
    client.force_login(make_user(roles=["Panel member"]))
    client.post(
        f"/admin/consultation-results/panel-applications/{application.pk}/decide/",
        {"decision": "approve"},
    )
    application.refresh_from_db()
    assert application.status == PanelApplication.Status.PENDING


def test_members_can_leave_at_any_time(client, make_user):
    member = make_user(roles=[PANEL_MEMBER])
    PanelApplication.objects.create(
        user=member, reason="Why", area="Gedling", status=PanelApplication.Status.APPROVED
    )
    client.force_login(member)
    assert client.get("/have-your-say/panel/leave/").status_code == 405
    left = client.post("/have-your-say/panel/leave/", follow=True).content.decode()
    assert "You have left the Citizen&#x27;s Advisory Panel." in left
    assert not has_role(member, PANEL_MEMBER)
    assert RoleChange.objects.filter(
        user=member, role=PANEL_MEMBER, granted=False, changed_by=member
    ).exists()
    left_application = PanelApplication.objects.get()
    assert left_application.status == PanelApplication.Status.LEFT
    assert left_application.left_at is not None


def test_members_see_upcoming_meetings_and_papers_the_public_see_approved_minutes(
    client, make_user
):
    upcoming = PanelMeetingFactory(
        title="Knife-crime awareness in schools", online_link="https://meet.example.org/x"
    )
    past = PanelMeetingFactory(
        title="Youth provision in county hotspots",
        starts_at=timezone.now() - timedelta(days=30),
        minutes="<p>The panel asked for more detached youth work in Ashfield.</p>",
        minutes_approved=True,
    )
    draft_minutes = PanelMeetingFactory(
        title="The night-time economy",
        starts_at=timezone.now() - timedelta(days=10),
        minutes="<p>Not yet agreed.</p>",
    )

    public = client.get("/have-your-say/panel/").content.decode()
    assert "Youth provision in county hotspots" in public
    assert "Knife-crime awareness" not in public and "night-time economy" not in public
    minutes = client.get(f"/have-your-say/panel/meetings/{past.pk}/").content.decode()
    assert "detached youth work" in minutes
    assert client.get(f"/have-your-say/panel/meetings/{upcoming.pk}/").status_code == 302
    client.force_login(make_user())
    assert client.get(f"/have-your-say/panel/meetings/{draft_minutes.pk}/").status_code == 403

    client.force_login(make_user(roles=[PANEL_MEMBER]))
    members = client.get("/have-your-say/panel/").content.decode()
    assert "Knife-crime awareness in schools" in members and "Leave the panel" in members
    meeting = client.get(f"/have-your-say/panel/meetings/{upcoming.pk}/").content.decode()
    assert "Youth provision in county hotspots." in meeting  # the agenda
    assert "https://meet.example.org/x" in meeting
    unapproved = client.get(f"/have-your-say/panel/meetings/{draft_minutes.pk}/").content.decode()
    assert "Not yet agreed" not in unapproved
