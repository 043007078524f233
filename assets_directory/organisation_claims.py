"""Providers claim organisations already listed (not expense claims); VRU staff decide.

A claim is a `cms.core.decisions.StaffDecision`: `OrganisationClaim.decide` records who
decided, when and why, makes an approved claimant an editor of the organisation, and
e-mails the claimant the outcome once the decision is committed.
"""

from __future__ import annotations

from django.contrib.auth.models import User

from .models import OrganisationClaim


def apply_decision_made_in_admin(claim: OrganisationClaim, by: User) -> bool:
    """Staff set the status in the admin form; act on it once. True if a decision was made."""
    if claim.decided_at is not None or claim.status == OrganisationClaim.Status.PENDING:
        return False
    claim.decide(claim.status, by=by, reason=claim.decision_reason)
    return True
