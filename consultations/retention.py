"""How long consultations keep what they hold about people (run daily, see tasks.py).

Who gave a response is personal data; the answers are what the consultation is for. So after
`CONSULTATION_ANONYMISE_AFTER_MONTHS` from closing (or when someone deletes their account),
responses are detached from the person and unfinished drafts are deleted (personal_data.py
uses the same `anonymise` when an account is deleted). Panel applications
that were declined, or whose member has left, are deleted after the same number of months,
and so are the places members had at panel meetings (and their attendance), counted from
the meeting.

Alert subscriptions (alerts.py) hold an e-mail address and nothing else about the person. One
never confirmed is deleted `ALERT_CONFIRM_DAYS` (7) after its confirmation link was asked for,
when the link stops working (tasks.delete_unconfirmed_alert_subscriptions, daily); a confirmed
one is kept until its owner unsubscribes, which deletes it at once.
"""

import calendar
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import AlertSubscription, ConsultationResponse, MeetingSignUp, PanelApplication


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (clamped to the month's end)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return moment.replace(year=year, month=month + 1, day=min(moment.day, last_day))


def anonymise(responses: QuerySet[ConsultationResponse]) -> int:
    """Delete drafts never submitted; detach submitted ones from the person. Returns how many."""
    pending = responses.filter(anonymised_at__isnull=True)
    deleted, _ = pending.filter(submitted_at__isnull=True).delete()
    detached = pending.filter(submitted_at__isnull=False).update(
        respondent_token="", anonymised_at=timezone.now()
    )
    return deleted + detached


def anonymise_closed_before(cutoff: datetime) -> int:
    return anonymise(ConsultationResponse.objects.filter(consultation__closes_at__lte=cutoff))


def delete_finished_applications_before(cutoff: datetime) -> int:
    """Applications that were declined, or whose member left, are of no further use."""
    Status = PanelApplication.Status
    finished = PanelApplication.objects.filter(
        Q(status=Status.DECLINED, decided_at__lte=cutoff)
        | Q(status=Status.LEFT, left_at__lte=cutoff)
    )
    deleted, _ = finished.delete()
    return deleted


def delete_meeting_places_before(cutoff: datetime) -> int:
    """Who had a place at a meeting, and who came, is of no use long after it."""
    deleted, _ = MeetingSignUp.objects.filter(meeting__starts_at__lte=cutoff).delete()
    return deleted


def delete_unconfirmed_subscriptions_before(cutoff: datetime) -> int:
    """Alert subscriptions whose confirmation link was asked for before `cutoff`, never used."""
    deleted, _ = AlertSubscription.objects.filter(
        confirmed_at__isnull=True, requested_at__lt=cutoff
    ).delete()
    return deleted
