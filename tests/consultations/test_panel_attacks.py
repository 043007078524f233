"""An attacker's tries at the panel's meeting pages: a calendar file with lines smuggled in
through a title or place, sign-up replayed past the limit, and papers or .ics for outsiders."""

import pytest

from cms.core.roles import PANEL_MEMBER
from consultations.models import MeetingSignUp
from tests.consultations.factories import PanelMeetingFactory
from tests.consultations.test_meeting_signup import ics_lines, meeting_url, value

pytestmark = pytest.mark.django_db


def test_a_title_or_place_cannot_add_lines_to_the_calendar_file(client, make_user):
    meeting = PanelMeetingFactory(
        title="Budget\r\nATTENDEE:mailto:attacker@example.org\rEND:VEVENT\nX; a, b\\",
        location="Room 1\r\nBEGIN:VALARM",
    )
    member = make_user(roles=[PANEL_MEMBER])
    MeetingSignUp.objects.create(meeting=meeting, user=member)
    client.force_login(member)
    lines = ics_lines(client.get(meeting_url(meeting, "calendar.ics")))
    names = [line.split(":", 1)[0] for line in lines]
    assert "ATTENDEE" not in names and "BEGIN:VALARM" not in lines
    assert names.count("END") == 2  # END:VEVENT and END:VCALENDAR, ours only
    assert value(lines, "SUMMARY") == (
        "Budget\\nATTENDEE:mailto:attacker@example.org\\nEND:VEVENT\\nX\\; a\\, b\\\\"
    )
    assert value(lines, "LOCATION") == "Room 1\\nBEGIN:VALARM"


def test_replayed_sign_up_posts_take_one_place_and_no_more(client, make_user):
    meeting = PanelMeetingFactory(places=2)
    member = make_user(roles=[PANEL_MEMBER])
    client.force_login(member)
    for _ in range(5):
        client.post(meeting_url(meeting, "sign-up/"))
    assert meeting.signed_up().count() == 1
    assert MeetingSignUp.objects.filter(meeting=meeting, user=member).count() == 1
    assert meeting.places_left() == 1


def test_minutes_made_public_do_not_open_the_calendar_or_agenda_to_outsiders(client, make_user):
    meeting = PanelMeetingFactory(minutes_approved=True, location="Secret venue")
    client.force_login(make_user())
    page = client.get(meeting_url(meeting)).content.decode()
    assert "Secret venue" not in page
    assert client.get(meeting_url(meeting, "calendar.ics")).status_code == 403
    assert client.post(meeting_url(meeting, "sign-up/")).status_code == 403
    assert not meeting.signed_up().exists()
