"""Actions from panel meetings: recorded and updated by VRU staff in the admin, shown to panel
members (and the staff who run the panel) on the meeting page and the panel's page, overdue
ones flagged; never to the public."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cms.core.roles import PANEL_MEMBER, VRU_STAFF
from consultations.models import ActionUpdate, MeetingAction
from tests.consultations.factories import MeetingActionFactory, PanelMeetingFactory, held_meeting

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/snippets/consultations/meetingaction/add/"
PANEL = "/have-your-say/panel/"


def action_form(meeting, updates, **fields) -> dict:
    return nested_form_data(
        {
            "meeting": meeting.pk,
            "description": "Share the youth provision map with district councils.",
            "owner": "VRU data team",
            "due_on": "2030-06-30",
            "status": "in_progress",
            **fields,
            "updates": inline_formset(updates),
        }
    )


def test_staff_record_an_action_with_its_update_notes_in_the_admin(client, mfa_user):
    meeting = PanelMeetingFactory()
    staff, _ = mfa_user(roles=[VRU_STAFF])
    client.force_login(staff)
    assert client.get(ADD_URL).status_code == 200

    response = client.post(
        ADD_URL,
        action_form(
            meeting,
            [
                {
                    "written_on": "2030-05-01",
                    "by": "VRU data team",
                    "note": "Map sent to Ashfield and Mansfield.",
                }
            ],
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    action = MeetingAction.objects.get()
    assert (action.meeting, action.owner, action.status) == (
        meeting,
        "VRU data team",
        "in_progress",
    )
    assert action.due_on == date(2030, 6, 30)
    assert [u.note for u in action.updates.all()] == ["Map sent to Ashfield and Mansfield."]


def test_a_bad_status_is_refused_and_nothing_is_saved(client, mfa_user):
    staff, _ = mfa_user(roles=[VRU_STAFF])
    client.force_login(staff)
    response = client.post(ADD_URL, action_form(PanelMeetingFactory(), [], status="forgotten"))
    assert response.status_code == 200
    assert not MeetingAction.objects.exists()


def test_panel_members_cannot_edit_actions(client, make_user):
    client.force_login(make_user(roles=[PANEL_MEMBER]))
    response = client.post(ADD_URL, action_form(PanelMeetingFactory(), []))
    assert response.status_code in (302, 403)
    assert not MeetingAction.objects.exists()


@pytest.fixture
def actions():
    """An approved past meeting with an overdue action (with two updates) and a done one."""
    meeting = held_meeting()
    overdue = MeetingActionFactory(meeting=meeting)
    ActionUpdate.objects.create(
        action=overdue,
        written_on=timezone.localdate() - timedelta(days=20),
        note="Sent to Ashfield.",
        by="VRU data team",
    )
    ActionUpdate.objects.create(
        action=overdue,
        written_on=timezone.localdate() - timedelta(days=5),
        note="Bassetlaw asked for the figures by ward.",
        by="Bassetlaw District Council",
    )
    MeetingActionFactory(
        meeting=meeting,
        description="Test the public consultation before it opens.",
        owner="Panel members",
        status=MeetingAction.Status.DONE,
    )
    return meeting


def test_members_see_the_actions_with_updates_and_overdue_flagged(client, make_user, actions):
    client.force_login(make_user(roles=[PANEL_MEMBER]))
    home = client.get(PANEL).content.decode()
    assert "Actions from our meetings" in home
    assert "Share the youth provision map" in home and "Test the public consultation" in home
    assert home.count("Overdue") == 1  # the done one is not overdue
    assert "Sent to Ashfield." in home and "Bassetlaw District Council" in home
    assert home.index("Bassetlaw asked") < home.index("Sent to Ashfield.")  # newest first

    page = client.get(f"/have-your-say/panel/meetings/{actions.pk}/").content.decode()
    assert "Actions from this meeting" in page
    assert "VRU data team" in page and "In progress" in page and "Overdue" in page
    assert "Bassetlaw asked for the figures by ward." in page


def test_staff_who_run_the_panel_see_them_too(client, mfa_user, actions):
    staff, _ = mfa_user(roles=[VRU_STAFF])
    client.force_login(staff)
    assert "Share the youth provision map" in client.get(PANEL).content.decode()


def test_the_public_and_residents_do_not_see_the_actions(client, make_user, actions):
    for who in ("anonymous", "resident"):
        if who == "resident":
            client.force_login(make_user())
        home = client.get(PANEL).content.decode()
        page = client.get(f"/have-your-say/panel/meetings/{actions.pk}/").content.decode()
        assert "detached youth work" in page  # the approved minutes are public
        for html in (home, page):
            assert "Actions from" not in html and "Share the youth provision map" not in html
