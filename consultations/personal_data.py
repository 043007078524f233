"""What consultations hold about a person, for the account's "your data" download and for
deleting an account (found by name by cms/accounts/data_rights.py).

A person's answers are what a consultation is for, so erasing keeps submitted answers,
detached from them (see retention.anonymise); drafts, panel applications and places at panel
meetings go (places by the database's cascade when the account is deleted). Alert
subscriptions are not tied to accounts, only to an address: one for the account's address is
in the download and goes with the account.
"""

from typing import Any

from django.contrib.auth.models import User
from django.db.models import QuerySet

from .alerts import normalise_email
from .answers import display_answers
from .areas import area_names
from .models import (
    AlertSubscription,
    ConsultationPage,
    ConsultationResponse,
    MeetingSignUp,
    PanelApplication,
)
from .respondents import account_token
from .retention import anonymise

SECTION = "consultations"


def responses_of(user: User) -> QuerySet[ConsultationResponse]:
    """Found by the one-way token of the account for each consultation (respondents.py)."""
    tokens = [
        account_token(user.pk, page_id)
        for page_id in ConsultationPage.objects.values_list("pk", flat=True)
    ]
    return ConsultationResponse.objects.filter(respondent_token__in=tokens)


def export(user: User) -> dict[str, list[dict[str, Any]]]:
    """The person's own responses (answers included), panel applications and meeting places."""
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
        for response in responses_of(user).select_related("consultation")
    ]
    applications = [
        {
            "reason": application.reason,
            "area": application.area,
            "about_you": application.about_you,
            "status": application.get_status_display(),
            "applied_at": application.created_at.isoformat(),
            **application.decision_for_export(),
        }
        for application in PanelApplication.objects.filter(user_id=user.pk)
    ]
    meeting_places = [
        {
            "meeting": place.meeting.title,
            "starts_at": place.meeting.starts_at.isoformat(),
            "signed_up_at": place.signed_up_at.isoformat(),
            "cancelled_at": place.cancelled_at.isoformat() if place.cancelled_at else None,
            "attendance": place.get_attendance_display(),
        }
        for place in MeetingSignUp.objects.filter(user_id=user.pk).select_related("meeting")
    ]
    alerts = [
        {
            "areas": area_names(subscription.areas),
            "confirmed_at": (
                subscription.confirmed_at.isoformat() if subscription.confirmed_at else None
            ),
        }
        for subscription in _alert_subscriptions(user)
    ]
    return {
        "responses": responses,
        "panel_applications": applications,
        "panel_meeting_places": meeting_places,
        "alerts": alerts,
    }


def _alert_subscriptions(user: User) -> QuerySet[AlertSubscription]:
    if not user.email:
        return AlertSubscription.objects.none()
    return AlertSubscription.objects.filter(email=normalise_email(user.email))


def retained(user: User) -> list[str]:
    if not responses_of(user).filter(submitted_at__isnull=False).exists():
        return []
    return [
        "Your submitted consultation answers stay, with nothing that links them to you, "
        "because they are part of each consultation's results."
    ]


def erase(user: User) -> None:
    """Before an account is deleted: keep its submitted answers, anonymised; drop the rest."""
    anonymise(responses_of(user))
    PanelApplication.objects.filter(user_id=user.pk).delete()
    _alert_subscriptions(user).delete()
