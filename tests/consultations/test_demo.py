"""The demo loader builds the consultations and meetings the issue asks for, idempotently."""

import pytest
from django.core.management import call_command

from consultations import demo
from consultations.models import Audience, ConsultationPage, ConsultationResponse, PanelMeeting
from consultations.papers import papers_collection

pytestmark = pytest.mark.django_db


def test_demo_has_open_public_open_panel_and_closed_with_outcome(client, home_page):
    demo.load()
    demo.load()
    pages = ConsultationPage.objects.live()
    assert pages.count() == 3
    assert any(p.is_open and p.audience == Audience.PUBLIC for p in pages)
    assert any(p.is_open and p.audience == Audience.PANEL for p in pages)
    assert any(p.is_closed and p.shows_outcome for p in pages)
    assert PanelMeeting.objects.count() == 3
    papers = [block.value for meeting in PanelMeeting.objects.all() for block in meeting.papers]
    assert len(papers) == 1
    assert all(paper.collection == papers_collection() for paper in papers)
    assert ConsultationResponse.objects.count() == 30

    listing = client.get("/have-your-say/").content.decode()
    assert "Youth provision in your area" in listing
    assert "Safer nights out" not in listing  # panel only
    closed = client.get("/have-your-say/knife-crime-awareness-in-schools/").content.decode()
    assert "We asked, you said, we did" in closed


def test_load_demo_includes_consultations():
    call_command("load_demo")
    assert ConsultationPage.objects.count() == 3


def test_demo_meetings_have_limits_places_attendance_and_actions(client):
    from consultations.models import MeetingAction, MeetingSignUp

    demo.load()
    demo.load()
    assert all(meeting.places for meeting in PanelMeeting.objects.all())
    upcoming = PanelMeeting.objects.get(title="The night-time economy")
    assert upcoming.is_upcoming and upcoming.signed_up().count() == 2
    held = MeetingSignUp.objects.filter(meeting__starts_at__lt=upcoming.starts_at)
    assert held.filter(attendance="attended").exists() and not held.filter(attendance="").exists()
    assert MeetingAction.objects.count() == 4
    assert any(action.is_overdue for action in MeetingAction.objects.all())
    assert MeetingAction.objects.filter(updates__isnull=False).distinct().count() == 3

    member = MeetingSignUp.objects.filter(meeting=upcoming).first().user
    client.force_login(member)
    home = client.get("/have-your-say/panel/").content.decode()
    assert "You have a place" in home and "Overdue" in home
