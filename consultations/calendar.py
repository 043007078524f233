"""A panel meeting as an iCalendar file (RFC 5545), for members to add to their calendars.

Written by hand (it is one event): CRLF line endings, text escaped and long lines folded as
the RFC says, times in UTC. The UID depends only on the meeting, so a file downloaded again
after staff move the meeting updates the same calendar entry instead of adding another.
"""

from datetime import UTC, datetime

from django.urls import reverse
from django.utils import timezone

from cms.core.mail import site_url

from .models import PanelMeeting

PRODUCT_ID = "-//Notts Community Hub//Citizen's Advisory Panel//EN"
MAX_LINE_OCTETS = 75


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines escaped."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets, each after the first starting with
    a space (RFC 5545 3.1), never inside a multi-byte character."""
    parts: list[str] = []
    current = ""
    limit = MAX_LINE_OCTETS
    for character in line:
        if len((current + character).encode()) > limit:
            parts.append(current)
            current = ""
            limit = MAX_LINE_OCTETS - 1  # the leading space counts
        current += character
    parts.append(current)
    return "\r\n ".join(parts)


def utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_ics(meeting: PanelMeeting, *, with_place: bool) -> str:
    """The meeting as a VCALENDAR with one VEVENT. Where it is (the address or the online
    link) is only for members with a place (`with_place`)."""
    page_url = site_url() + reverse("consultations:meeting", args=[meeting.pk])
    description = f"Citizen's Advisory Panel meeting. Agenda and papers: {page_url}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:panel-meeting-{meeting.pk}@{site_url().split('://', 1)[-1]}",
        f"DTSTAMP:{utc(timezone.now())}",
        f"DTSTART:{utc(meeting.starts_at)}",
        f"DTEND:{utc(meeting.finishes_at)}",
        f"SUMMARY:{escape_text(meeting.title)}",
    ]
    if with_place:
        lines.append(f"LOCATION:{escape_text(meeting.location or meeting.online_link or 'Online')}")
        if meeting.online_link:
            lines.append(f"URL:{meeting.online_link}")
            description += f"\nJoin online: {meeting.online_link}"
    lines += [
        f"DESCRIPTION:{escape_text(description)}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(f"{fold(line)}\r\n" for line in lines)
