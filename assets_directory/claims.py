"""Providers claim organisations already listed; VRU staff decide in the Wagtail admin."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, Group
from django.db import transaction
from django.utils import timezone

from cms.core.mail import send_email
from cms.core.roles import PROVIDER_EDITOR

from .models import Organisation, OrganisationClaim


def make_editor(organisation: Organisation, user: AbstractBaseUser) -> None:
    """Let a person edit an organisation's listings (and give them the provider role)."""
    organisation.editors.add(user)
    group = Group.objects.filter(name=PROVIDER_EDITOR).first()
    if group:
        user.groups.add(group)


def can_edit(organisation: Organisation, user: AbstractBaseUser) -> bool:
    return user.is_authenticated and organisation.editors.filter(pk=user.pk).exists()


@transaction.atomic
def decide(claim: OrganisationClaim, *, approve: bool, reason: str, by: AbstractBaseUser) -> None:
    """Record staff's decision on a claim, grant access if approved, and tell the claimant."""
    Status = OrganisationClaim.Status
    claim.status = Status.APPROVED if approve else Status.REJECTED
    claim.decision_reason = reason
    claim.decided_by = by
    claim.decided_at = timezone.now()
    claim.save()
    if approve:
        make_editor(claim.organisation, claim.user)
        body = (
            f"You can now add and edit listings for {claim.organisation.name}. Sign in and go to "
            "'Your listings'."
        )
    else:
        body = (
            f"We could not confirm you can manage {claim.organisation.name}.\n\n"
            f"Reason: {reason or 'none given'}\n\nReply to this email if you think this is wrong."
        )
    send_email.delay(
        f"Your request to manage {claim.organisation.name}",
        body,
        [claim.user.email],
        settings.DEFAULT_FROM_EMAIL,
    )


def apply_decision_made_in_admin(claim: OrganisationClaim, by: AbstractBaseUser) -> bool:
    """Staff set the status in the admin form; act on it once. True if a decision was made."""
    if claim.decided_at is not None or claim.status == OrganisationClaim.Status.PENDING:
        return False
    decide(
        claim,
        approve=claim.status == OrganisationClaim.Status.APPROVED,
        reason=claim.decision_reason,
        by=by,
    )
    return True
