"""What the ambassadors' portal needs from the gaps app: one link, shown to the right people.

The portal (another app) calls `proposal_link(user)` or includes
"gaps/includes/propose_link.html" (which needs `request` in the context).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.urls import reverse

from .views import may_propose_gap


def proposal_link(user: User | AnonymousUser) -> str | None:
    """The "propose a gap" URL for a Community or Youth ambassador; None for anyone else."""
    return reverse("gaps:propose") if may_propose_gap(user) else None
