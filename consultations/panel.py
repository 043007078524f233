"""Joining and leaving the Citizen's Advisory Panel: the rules in one place, for the public
views and the staff admin alike. Membership is the Panel member role."""

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.utils import timezone

from cms.core.roles import PANEL_MEMBER, has_role, record_role_change

from .models import PanelApplication

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
    """Remove the role; the member's application is marked as left. False if not a member."""
    if not has_role(user, PANEL_MEMBER):
        return False
    record_role_change(user, PANEL_MEMBER, grant=False, by=user)
    user.panel_applications.filter(status=Status.APPROVED).update(
        status=Status.LEFT, left_at=timezone.now()
    )
    return True
