"""What the platform holds about a person in this app, and how it is let go of.

Who gave a response is personal data; the answers are what the consultation is for. So after
`CONSULTATION_ANONYMISE_AFTER_MONTHS` from closing (or when someone deletes their account),
responses are detached from the person and unfinished drafts are deleted. Panel applications
that were declined, or whose member has left, are deleted after the same number of months.
"""

import calendar
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from .answers import display_answers
from .models import ConsultationResponse, PanelApplication


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
        user=None, respondent_token="", anonymised_at=timezone.now()
    )
    return deleted + detached


def anonymise_closed_before(cutoff: datetime) -> int:
    return anonymise(ConsultationResponse.objects.filter(consultation__closes_at__lte=cutoff))


def delete_finished_applications_before(cutoff: datetime) -> int:
    """Applications that were declined, or whose member left, are of no further use."""
    finished = PanelApplication.objects.filter(
        status__in=[PanelApplication.Status.DECLINED, PanelApplication.Status.LEFT],
        status_changed_at__lte=cutoff,
    )
    deleted, _ = finished.delete()
    return deleted


def export_for_user(user) -> dict:
    """The person's own responses (answers included) and panel applications."""
    responses = [
        {
            "consultation": response.consultation.title,
            "reference": response.reference,
            "submitted_at": response.submitted_at.isoformat() if response.submitted_at else None,
            "answers": {
                a.question: a.answer
                for a in display_answers(response.consultation.questions, response.answers)
            },
            "about_you": response.about_you,
        }
        for response in user.consultation_responses.select_related("consultation")
    ]
    applications = [
        {
            "reason": application.reason,
            "area": application.area,
            "about_you": application.about_you,
            "status": application.get_status_display(),
            "applied_at": application.created_at.isoformat(),
        }
        for application in user.panel_applications.all()
    ]
    return {"responses": responses, "panel_applications": applications}


def erase_for_user(user) -> None:
    """Before an account is deleted: keep its submitted answers, anonymised; drop the rest."""
    anonymise(user.consultation_responses.all())
    PanelApplication.objects.filter(user=user).delete()
