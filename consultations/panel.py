"""Joining and leaving the Citizen's Advisory Panel, and its meetings' places, attendance and
reminders: the rules in one place, for the public views and the staff admin alike.
Membership is the Panel member role."""

from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from cms.core import mail
from cms.core.roles import PANEL_MEMBER, has_role, record_role_change

from .models import MeetingSignUp, PanelApplication, PanelMeeting

Status = PanelApplication.Status


def latest_application(user: User | AnonymousUser) -> PanelApplication | None:
    if not user.is_authenticated:
        return None
    return user.panel_applications.first()


def why_cannot_apply(user: User) -> str:
    """An explanation when the person may not apply now, or "" when they may."""
    if has_role(user, PANEL_MEMBER):
        return "You are already a member of the panel."
    if user.panel_applications.filter(status=Status.PENDING).exists():
        return "We already have your application and will be in touch soon."
    return ""


def apply(user: User, *, reason: str, area: str, about_you: dict) -> PanelApplication:
    return PanelApplication.objects.create(user=user, reason=reason, area=area, about_you=about_you)


@transaction.atomic
def decide(application: PanelApplication, *, approve: bool, by: User, reason: str = "") -> None:
    """Staff decision on a waiting application: recorded (who, when, why), approval gives the
    Panel member role, and the applicant is told once it commits."""
    application.decide(Status.APPROVED if approve else Status.DECLINED, by=by, reason=reason)
    if approve:
        record_role_change(application.user, PANEL_MEMBER, grant=True, by=by)


@transaction.atomic
def leave(user: User) -> bool:
    """Remove the role; the member's application is marked as left and their places at
    upcoming meetings are given up (so others may have them, and no reminder goes). False if
    not a member."""
    if not has_role(user, PANEL_MEMBER):
        return False
    record_role_change(user, PANEL_MEMBER, grant=False, by=user)
    now = timezone.now()
    user.panel_applications.filter(status=Status.APPROVED).update(status=Status.LEFT, left_at=now)
    user.meeting_sign_ups.filter(cancelled_at__isnull=True, meeting__starts_at__gt=now).update(
        cancelled_at=now
    )
    return True


# --- Meetings: places, attendance and reminders -------------------------------------------


class SignUpRefused(Exception):
    """Why a member could not sign up or cancel, in words to show them."""


def sign_up(meeting: PanelMeeting, user: User) -> MeetingSignUp:
    """Give a panel member a place at an upcoming meeting, if one is left, and e-mail them.

    The meeting row is locked while the places are counted, so two members signing up at
    once for the last place cannot both get it (PostgreSQL; SQLite runs one write at a time).
    """
    if not has_role(user, PANEL_MEMBER):
        raise SignUpRefused("Only members of the panel can sign up for its meetings.")
    with transaction.atomic():
        locked = PanelMeeting.objects.select_for_update().get(pk=meeting.pk)
        if not locked.is_upcoming:
            raise SignUpRefused("This meeting has already started, so you cannot sign up.")
        existing = locked.sign_ups.filter(user=user).first()
        if existing and existing.cancelled_at is None:
            raise SignUpRefused("You already have a place at this meeting.")
        if locked.places_left() == 0:
            raise SignUpRefused("Sorry, this meeting is full. Every place has been taken.")
        if existing:
            existing.cancelled_at = None
            existing.signed_up_at = timezone.now()
            existing.save(update_fields=["cancelled_at", "signed_up_at"])
            place = existing
        else:
            place = MeetingSignUp.objects.create(meeting=locked, user=user)
        mail.send_templated(
            "consultations/email/meeting_signed_up", [user.email], meeting_email_context(locked)
        )
    return place


def cancel(meeting: PanelMeeting, user: User) -> None:
    """Give up a place before the meeting starts; it is free for another member at once."""
    with transaction.atomic():
        locked = PanelMeeting.objects.select_for_update().get(pk=meeting.pk)
        if not locked.is_upcoming:
            raise SignUpRefused("This meeting has already started, so your place stays.")
        if not locked.signed_up().filter(user=user).update(cancelled_at=timezone.now()):
            raise SignUpRefused("You do not have a place at this meeting.")


def record_attendance(meeting: PanelMeeting, attendance: dict[int, str]) -> int:
    """Staff, after the meeting: each sign-up's attendance by its id. Returns how many changed.
    Ids of other meetings' sign-ups, or of cancelled ones, are ignored."""
    changed = 0
    with transaction.atomic():
        for place in meeting.signed_up().select_for_update():
            state = attendance.get(place.pk)
            if state is not None and state != place.attendance:
                place.attendance = state
                place.save(update_fields=["attendance"])
                changed += 1
    return changed


def meeting_email_context(meeting: PanelMeeting) -> dict[str, Any]:
    """What the sign-up and reminder e-mails say: when and where, with links to the meeting
    page and its calendar file (the outbox holds no attachments, so the file is linked)."""
    return {
        "meeting": meeting,
        "when": date_format(timezone.localtime(meeting.starts_at), r"l j F Y \a\t H:i"),
        "where": meeting.location or "Online",
        "path": reverse("consultations:meeting", args=[meeting.pk]),
        "calendar_path": reverse("consultations:meeting_calendar", args=[meeting.pk]),
    }


def send_meeting_reminders(today: date) -> int:
    """E-mail each member with a place at a meeting on the day after `today` (local time),
    once only (a re-run or a second beat sends nothing more; a meeting moved to another day
    reminds again). Cancelled places get nothing. Returns how many e-mails were queued."""
    tomorrow = today + timedelta(days=1)
    day_starts = timezone.make_aware(datetime.combine(tomorrow, time.min))
    day_ends = timezone.make_aware(datetime.combine(tomorrow + timedelta(days=1), time.min))
    places = MeetingSignUp.objects.filter(
        cancelled_at__isnull=True,
        meeting__starts_at__gte=day_starts,
        meeting__starts_at__lt=day_ends,
        user__is_active=True,
    ).select_related("meeting", "user")
    sent = 0
    for place in places:
        key = f"panel-meeting-reminder:{place.meeting_id}:{place.user_id}:{tomorrow.isoformat()}"
        context = meeting_email_context(place.meeting)
        message = mail.send_templated(
            "consultations/email/meeting_reminder", [place.user.email], context, once_key=key
        )
        sent += message is not None
    return sent
