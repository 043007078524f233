"""A panel member signs up for a meeting on its page, on a 1280px screen and a 320px phone,
sees the place taken and the action tracker; axe finds nothing on any of it."""

import pytest
from playwright.sync_api import expect

from cms.core.roles import PANEL_MEMBER
from consultations.models import ActionUpdate
from tests.browser.conftest import sign_in
from tests.consultations.factories import MeetingActionFactory, PanelMeetingFactory, held_meeting

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize("screen", ["page", "phone_page"])
def test_a_member_signs_up_on_the_meeting_page(request, screen, make_user, assert_accessible):
    page = request.getfixturevalue(screen)
    past = held_meeting()
    action = MeetingActionFactory(meeting=past)
    ActionUpdate.objects.create(action=action, by="VRU data team", note="Sent to Ashfield.")
    meeting = PanelMeetingFactory(title="The night-time economy", places=2)
    member = make_user(roles=[PANEL_MEMBER], email="joy@example.org")
    sign_in(page, member.email)

    page.goto("/have-your-say/panel/")
    expect(page.get_by_role("heading", name="Actions from our meetings")).to_be_visible()
    expect(page.get_by_text("Overdue")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="The night-time economy").click()
    expect(page.get_by_text("2 of 2 left")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Sign up for this meeting").click()
    expect(page.get_by_text("You have a place at this meeting.").first).to_be_visible()
    expect(page.get_by_text("1 of 2 left")).to_be_visible()
    expect(page.get_by_role("link", name="Add it to your calendar (.ics file)")).to_be_visible()
    assert_accessible(page)
    assert meeting.signed_up().get().user == member

    page.get_by_role("button", name="Give up my place").click()
    expect(page.get_by_text("You have given up your place")).to_be_visible()
    assert_accessible(page)
    assert not meeting.signed_up().exists()

    page.goto(f"/have-your-say/panel/meetings/{past.pk}/")
    expect(page.get_by_role("heading", name="Actions from this meeting")).to_be_visible()
    assert_accessible(page)
