"""Panel meetings, from the member's and the staff's side: places with a limit, cancelling,
attendance, the calendar file, the reminder the day before, and papers kept private until
staff publish them."""

import threading
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.files.base import ContentFile
from django.db import connection
from wagtail.documents import get_document_model

from cms.accounts import data_rights
from cms.core.models import OutgoingEmail
from cms.core.roles import PANEL_MEMBER, VRU_STAFF
from consultations import panel, tasks
from consultations.models import MeetingSignUp
from consultations.papers import papers_collection
from tests.consultations.factories import PanelMeetingFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
FULL = "Sorry, this meeting is full. Every place has been taken."


def meeting_url(meeting, tail: str = "") -> str:
    return f"/have-your-say/panel/meetings/{meeting.pk}/{tail}"


def sign_up(client, meeting):
    return client.post(meeting_url(meeting, "sign-up/"), follow=True)


def has_place(meeting, user) -> bool:
    return meeting.signed_up().filter(user=user).exists()


def test_the_place_limit_refuses_the_next_member_and_a_cancelled_place_is_free_again(
    client, make_user
):
    meeting = PanelMeetingFactory(places=2)
    first, second, third = (make_user(roles=[PANEL_MEMBER]) for _ in range(3))

    for member in (first, second):
        client.force_login(member)
        page = client.get(meeting_url(meeting)).content.decode()
        assert "Sign up for this meeting" in page
        done = sign_up(client, meeting).content.decode()
        assert "You have a place at this meeting." in done
    client.force_login(third)
    page = client.get(meeting_url(meeting)).content.decode()
    assert "This meeting is full" in page and "Sign up for this meeting" not in page
    refused = sign_up(client, meeting).content.decode()
    assert FULL in refused
    assert not has_place(meeting, third)
    assert meeting.signed_up().count() == 2

    client.force_login(second)
    cancelled = client.post(meeting_url(meeting, "cancel/"), follow=True).content.decode()
    assert "You have given up your place" in cancelled
    assert not has_place(meeting, second)

    client.force_login(third)
    assert "You have a place at this meeting." in sign_up(client, meeting).content.decode()
    assert {p.user for p in meeting.signed_up()} == {first, third}
    # Signing up twice takes no second place.
    assert "You already have a place" in sign_up(client, meeting).content.decode()
    assert meeting.signed_up().count() == 2


def test_a_meeting_with_no_limit_takes_everyone(client, make_user):
    meeting = PanelMeetingFactory(places=None)
    for _ in range(4):
        client.force_login(make_user(roles=[PANEL_MEMBER]))
        assert "No limit" in client.get(meeting_url(meeting)).content.decode()
        sign_up(client, meeting)
    assert meeting.signed_up().count() == 4


def test_only_panel_members_sign_up_and_only_by_post(client, make_user, mfa_user):
    meeting = PanelMeetingFactory(places=5)
    anonymous = client.post(meeting_url(meeting, "sign-up/"))
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]

    client.force_login(make_user())
    assert client.post(meeting_url(meeting, "sign-up/")).status_code == 403

    staff, _ = mfa_user(roles=[VRU_STAFF])
    client.force_login(staff)
    staff_page = client.get(meeting_url(meeting)).content.decode()
    assert "Only panel members can sign up" in staff_page
    assert client.post(meeting_url(meeting, "sign-up/")).status_code == 403

    client.force_login(make_user(roles=[PANEL_MEMBER]))
    assert client.get(meeting_url(meeting, "sign-up/")).status_code == 405
    assert not MeetingSignUp.objects.exists()


def test_no_signing_up_or_cancelling_once_the_meeting_has_started(client, make_user):
    member = make_user(roles=[PANEL_MEMBER])
    meeting = PanelMeetingFactory(starts_at=datetime.now(UTC) - timedelta(hours=1))
    client.force_login(member)
    assert "already started" in sign_up(client, meeting).content.decode()
    assert not MeetingSignUp.objects.exists()

    MeetingSignUp.objects.create(meeting=meeting, user=member)
    kept = client.post(meeting_url(meeting, "cancel/"), follow=True).content.decode()
    assert "your place stays" in kept
    assert has_place(meeting, member)


def test_the_sign_up_email_gives_the_details_and_links_the_calendar_file(
    client, make_user, django_capture_on_commit_callbacks
):
    meeting = PanelMeetingFactory(
        title="The night-time economy",
        starts_at=datetime(2030, 7, 1, 18, 0, tzinfo=LONDON),
        location="Mansfield Civic Centre",
    )
    client.force_login(make_user(roles=[PANEL_MEMBER], email="ola@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, meeting)
    [message] = mail.outbox
    assert message.to == ["ola@example.org"]
    assert message.subject == "Your place at the panel meeting: The night-time economy"
    assert "Monday 1 July 2030 at 18:00" in message.body
    assert "Mansfield Civic Centre" in message.body
    assert f"/have-your-say/panel/meetings/{meeting.pk}/calendar.ics" in message.body


def test_staff_see_who_has_a_place_and_members_do_not(client, make_user, mfa_user):
    meeting = PanelMeetingFactory(places=3)
    member = make_user(roles=[PANEL_MEMBER], first_name="Priya", last_name="Shah")
    client.force_login(member)
    sign_up(client, meeting)
    other_member = make_user(roles=[PANEL_MEMBER])
    client.force_login(other_member)
    members_view = client.get(meeting_url(meeting)).content.decode()
    assert "Priya Shah" not in members_view and "2 of 3 left" in members_view

    staff, _ = mfa_user(roles=[VRU_STAFF])
    client.force_login(staff)
    staff_view = client.get(meeting_url(meeting)).content.decode()
    assert "Who has a place" in staff_view and "Priya Shah" in staff_view
    admin = client.get(f"/admin/panel-meetings/{meeting.pk}/attendance/").content.decode()
    assert "Priya Shah" in admin and "1 of 3 places taken" in admin


def attendance_url(meeting) -> str:
    return f"/admin/panel-meetings/{meeting.pk}/attendance/"


def test_staff_record_attendance_after_the_meeting_and_members_see_their_own(
    client, make_user, mfa_user
):
    meeting = PanelMeetingFactory(starts_at=datetime.now(UTC) - timedelta(days=2))
    came, apologised, unrecorded = (make_user(roles=[PANEL_MEMBER]) for _ in range(3))
    places = {
        person: MeetingSignUp.objects.create(meeting=meeting, user=person)
        for person in (came, apologised, unrecorded)
    }
    staff, _ = mfa_user(roles=[VRU_STAFF])
    client.force_login(staff)

    bad = client.post(attendance_url(meeting), {f"attendance-{places[came].pk}": "asleep"})
    assert "Choose one of the attendance options given." in bad.content.decode()
    assert MeetingSignUp.objects.filter(attendance="").count() == 3

    saved = client.post(
        attendance_url(meeting),
        {
            f"attendance-{places[came].pk}": "attended",
            f"attendance-{places[apologised].pk}": "apologies",
            f"attendance-{places[unrecorded].pk}": "",
        },
        follow=True,
    )
    assert "Attendance saved (2 changed)." in saved.content.decode()

    for person, words in (
        (came, "Attended."),
        (apologised, "Sent apologies."),
        (unrecorded, "Attendance has not been recorded yet."),
    ):
        client.force_login(person)
        page = client.get(meeting_url(meeting)).content.decode()
        assert "Your attendance" in page and words in page
    exported = data_rights.export_for(came)["consultations"]["panel_meeting_places"]
    assert exported[0]["attendance"] == "Attended"


def test_attendance_is_for_staff_only_and_only_after_the_meeting_starts(
    client, make_user, mfa_user
):
    member = make_user(roles=[PANEL_MEMBER])
    upcoming = PanelMeetingFactory()
    place = MeetingSignUp.objects.create(meeting=upcoming, user=member)
    client.force_login(member)
    response = client.post(attendance_url(upcoming), {f"attendance-{place.pk}": "attended"})
    assert response.status_code in (302, 403)

    staff, _ = mfa_user(roles=[VRU_STAFF])
    client.force_login(staff)
    early = client.post(
        attendance_url(upcoming), {f"attendance-{place.pk}": "attended"}, follow=True
    )
    assert "once the meeting has started" in early.content.decode()
    place.refresh_from_db()
    assert place.attendance == ""


def ics_lines(response) -> list[str]:
    """The calendar's content lines, unfolded (RFC 5545 3.1), checking CRLF endings."""
    text = response.content.decode()
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    physical = text.split("\r\n")[:-1]
    assert all(len(line.encode()) <= 75 for line in physical)
    lines: list[str] = []
    for line in physical:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def value(lines: list[str], name: str) -> str | None:
    found = [line.split(":", 1)[1] for line in lines if line.split(":", 1)[0] == name]
    assert len(found) <= 1
    return found[0] if found else None


def test_the_calendar_file_is_valid_with_utc_times_and_where_only_with_a_place(client, make_user):
    meeting = PanelMeetingFactory(
        title="Safer nights, taxis; and venues",
        starts_at=datetime(2030, 7, 1, 18, 30, tzinfo=LONDON),  # British Summer Time
        ends_at=datetime(2030, 7, 1, 20, 0, tzinfo=LONDON),
        location="Mansfield Civic Centre, Chesterfield Road South",
    )
    member = make_user(roles=[PANEL_MEMBER])
    client.force_login(member)
    response = client.get(meeting_url(meeting, "calendar.ics"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    lines = ics_lines(response)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and "BEGIN:VEVENT" in lines and "END:VEVENT" in lines
    assert value(lines, "DTSTART") == "20300701T173000Z"
    assert value(lines, "DTEND") == "20300701T190000Z"
    assert value(lines, "SUMMARY") == "Safer nights\\, taxis\\; and venues"
    assert value(lines, "LOCATION") is None  # no place yet
    uid = value(lines, "UID")
    assert uid and str(meeting.pk) in uid

    client.post(meeting_url(meeting, "sign-up/"))
    with_place = ics_lines(client.get(meeting_url(meeting, "calendar.ics")))
    assert value(with_place, "LOCATION") == "Mansfield Civic Centre\\, Chesterfield Road South"
    assert value(with_place, "UID") == uid

    # A meeting with no end given lasts two hours in the calendar.
    meeting.ends_at = None
    meeting.save()
    assert value(ics_lines(client.get(meeting_url(meeting, "calendar.ics"))), "DTEND") == (
        "20300701T193000Z"
    )


def test_the_online_link_is_in_the_calendar_only_for_members_with_a_place(client, make_user):
    meeting = PanelMeetingFactory(location="", online_link="https://meet.example.org/panel-42")
    with_place, without = make_user(roles=[PANEL_MEMBER]), make_user(roles=[PANEL_MEMBER])
    MeetingSignUp.objects.create(meeting=meeting, user=with_place)
    client.force_login(without)
    assert (
        "meet.example.org" not in client.get(meeting_url(meeting, "calendar.ics")).content.decode()
    )
    client.force_login(with_place)
    lines = ics_lines(client.get(meeting_url(meeting, "calendar.ics")))
    assert value(lines, "URL") == "https://meet.example.org/panel-42"


def test_the_calendar_file_is_not_for_the_public(client, make_user):
    meeting = PanelMeetingFactory()
    assert client.get(meeting_url(meeting, "calendar.ics")).status_code == 302
    client.force_login(make_user())
    assert client.get(meeting_url(meeting, "calendar.ics")).status_code == 403


def test_the_reminder_goes_the_day_before_once_and_not_to_a_cancelled_member(
    client, make_user, django_capture_on_commit_callbacks
):
    meeting = PanelMeetingFactory(
        title="Youth provision", starts_at=datetime(2030, 3, 12, 18, 0, tzinfo=LONDON)
    )
    coming = make_user(roles=[PANEL_MEMBER], email="coming@example.org")
    cancelled = make_user(roles=[PANEL_MEMBER], email="cancelled@example.org")
    with time_machine.travel(datetime(2030, 3, 1, 12, 0, tzinfo=LONDON)):
        for member in (coming, cancelled):
            client.force_login(member)
            client.post(meeting_url(meeting, "sign-up/"))
        client.post(meeting_url(meeting, "cancel/"))
    mail.outbox.clear()
    OutgoingEmail.objects.all().delete()

    with (
        time_machine.travel(datetime(2030, 3, 10, 9, 0, tzinfo=LONDON)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert tasks.send_panel_meeting_reminders.delay().get() == 0  # two days before
    assert mail.outbox == []

    with (
        time_machine.travel(datetime(2030, 3, 11, 9, 0, tzinfo=LONDON)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert tasks.send_panel_meeting_reminders.delay().get() == 1
        assert tasks.send_panel_meeting_reminders.delay().get() == 0  # beat ran it again
    assert [m.to for m in mail.outbox] == [["coming@example.org"]]
    assert mail.outbox[0].subject == "Reminder: panel meeting tomorrow, Youth provision"
    assert "Tuesday 12 March 2030 at 18:00" in mail.outbox[0].body

    with time_machine.travel(datetime(2030, 3, 12, 9, 0, tzinfo=LONDON)):
        assert tasks.send_panel_meeting_reminders.delay().get() == 0  # the day itself


def test_places_at_old_meetings_are_deleted_after_the_retention_months(settings, make_user):
    settings.CONSULTATION_ANONYMISE_AFTER_MONTHS = 12
    member = make_user(roles=[PANEL_MEMBER])
    old = PanelMeetingFactory(starts_at=datetime.now(UTC) - timedelta(days=400))
    recent = PanelMeetingFactory(starts_at=datetime.now(UTC) - timedelta(days=300))
    for meeting in (old, recent):
        MeetingSignUp.objects.create(meeting=meeting, user=member, attendance="attended")
    assert tasks.forget_old_meeting_places.delay().get() == 1
    assert list(MeetingSignUp.objects.values_list("meeting", flat=True)) == [recent.pk]


# --- Papers ------------------------------------------------------------------------------------

PAPER_TEXT = b"Night-time economy figures, draft for the panel"


@pytest.fixture
def meeting_with_paper(db):
    document = get_document_model()(title="Night-time figures", collection=papers_collection())
    document.file.save("night-time-figures.txt", ContentFile(PAPER_TEXT))
    meeting = PanelMeetingFactory(title="The night-time economy", papers=[("paper", document)])
    return meeting, document


def paper_url(meeting, document) -> str:
    return meeting_url(meeting, f"papers/{document.pk}/")


def downloads(response) -> bool:
    return response.status_code == 200 and b"".join(response.streaming_content) == PAPER_TEXT


def test_papers_are_for_members_and_staff_until_published(
    client, make_user, mfa_user, meeting_with_paper
):
    meeting, document = meeting_with_paper
    anonymous_page = client.get(meeting_url(meeting))
    assert anonymous_page.status_code == 302
    assert client.get(paper_url(meeting, document)).status_code == 302
    client.force_login(make_user())
    assert client.get(meeting_url(meeting)).status_code == 403
    assert client.get(paper_url(meeting, document)).status_code == 403

    staff, _ = mfa_user(roles=[VRU_STAFF])
    for person in (make_user(roles=[PANEL_MEMBER]), staff):
        client.force_login(person)
        page = client.get(meeting_url(meeting)).content.decode()
        assert "Night-time figures" in page and "for panel members only until" in page
        assert downloads(client.get(paper_url(meeting, document)))


def test_published_papers_are_for_everyone(client, make_user, mfa_user, meeting_with_paper):
    meeting, document = meeting_with_paper
    meeting.papers_published = True
    meeting.save()

    page = client.get(meeting_url(meeting)).content.decode()
    assert "Night-time figures" in page and paper_url(meeting, document) in page
    assert "Youth provision in county hotspots" not in page  # the agenda stays for members
    assert downloads(client.get(paper_url(meeting, document)))
    assert "The night-time economy" in client.get("/have-your-say/panel/").content.decode()
    # Wagtail's own address for the document still asks for a panel member.
    assert client.get(document.url).status_code == 302
    staff, _ = mfa_user(roles=[VRU_STAFF])
    for person in (make_user(roles=[PANEL_MEMBER]), staff):
        client.force_login(person)
        assert downloads(client.get(paper_url(meeting, document)))


def test_only_the_meetings_own_papers_are_served(client, make_user, meeting_with_paper):
    _, document = meeting_with_paper
    other = PanelMeetingFactory(papers_published=True)
    client.force_login(make_user(roles=[PANEL_MEMBER]))
    assert client.get(paper_url(other, document)).status_code == 404


# --- Two members at once, on PostgreSQL ----------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_members_at_once_cannot_both_take_the_last_place(make_user):
    meeting = PanelMeetingFactory(places=1)
    members = [make_user(roles=[PANEL_MEMBER]) for _ in range(4)]
    barrier = threading.Barrier(len(members))
    outcomes: list[str] = []

    def take_place(member):
        from django.db import connection as thread_connection

        barrier.wait()
        try:
            panel.sign_up(meeting, member)
            outcomes.append("place")
        except panel.SignUpRefused as refusal:
            outcomes.append(str(refusal))
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=take_place, args=(m,)) for m in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == sorted(["place", FULL, FULL, FULL])
    assert meeting.signed_up().count() == 1


def test_leaving_the_panel_gives_up_places_at_upcoming_meetings_only(client, make_user):
    member = make_user(roles=[PANEL_MEMBER])
    upcoming = PanelMeetingFactory(places=1)
    held = PanelMeetingFactory(starts_at=datetime.now(UTC) - timedelta(days=3))
    client.force_login(member)
    sign_up(client, upcoming)
    MeetingSignUp.objects.create(meeting=held, user=member, attendance="attended")
    client.post("/have-your-say/panel/leave/")
    assert not has_place(upcoming, member) and upcoming.places_left() == 1
    assert has_place(held, member)


def test_staff_find_places_and_attendance_from_the_meetings_listing(client, mfa_user):
    meeting = PanelMeetingFactory()
    staff, _ = mfa_user(roles=[VRU_STAFF])
    client.force_login(staff)
    listing = client.get("/admin/snippets/consultations/panelmeeting/").content.decode()
    assert attendance_url(meeting) in listing and "Places and attendance" in listing
