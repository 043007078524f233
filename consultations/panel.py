"""Joining and leaving the Citizen's Advisory Panel: the rules in one place, for the public
views and the staff admin alike. Membership is the Panel member role."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from cms.core.mail import send_email
from cms.core.roles import PANEL_MEMBER, has_role

from .models import PanelApplication

Status = PanelApplication.Status


def latest_application(user) -> PanelApplication | None:
    if not user.is_authenticated:
        return None
    return user.panel_applications.first()


def why_cannot_apply(user) -> str:
    """An explanation when the person may not apply now, or "" when they may."""
    if has_role(user, PANEL_MEMBER):
        return "You are already a member of the panel."
    if user.panel_applications.filter(status=Status.PENDING).exists():
        return "We already have your application and will be in touch soon."
    return ""


def apply(user, *, reason: str, area: str, about_you: dict) -> PanelApplication:
    return PanelApplication.objects.create(user=user, reason=reason, area=area, about_you=about_you)


@transaction.atomic
def decide(application: PanelApplication, *, approve: bool) -> None:
    """Staff decision on a waiting application; approval gives the Panel member role."""
    application.status = Status.APPROVED if approve else Status.DECLINED
    application.status_changed_at = timezone.now()
    application.save(update_fields=["status", "status_changed_at"])
    user = application.user
    if approve:
        user.groups.add(Group.objects.get(name=PANEL_MEMBER))
        body = (
            "Welcome to the Citizen's Advisory Panel. Sign in to see upcoming meetings, their "
            "papers and the consultations open to panel members."
        )
    else:
        body = (
            "Thank you for applying to join the Citizen's Advisory Panel. We are not able to "
            "offer you a place this time. You can still answer our public consultations."
        )
    transaction.on_commit(
        lambda: send_email.delay(
            "Your application to the Citizen's Advisory Panel",
            body,
            [user.email],
            settings.DEFAULT_FROM_EMAIL,
        )
    )


@transaction.atomic
def leave(user) -> bool:
    """Remove the role; the member's application is marked as left. False if not a member."""
    if not has_role(user, PANEL_MEMBER):
        return False
    user.groups.remove(Group.objects.get(name=PANEL_MEMBER))
    user.panel_applications.filter(status=Status.APPROVED).update(
        status=Status.LEFT, status_changed_at=timezone.now()
    )
    return True
