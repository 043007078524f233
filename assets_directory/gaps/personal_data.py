"""What the gaps app holds about a person: which gaps they proposed.

Retention: the link to the proposer is kept while the gap exists so staff can ask them about
it; erasing a person's data keeps the gap (it is about services, not them) but unlinks them.
"""

from __future__ import annotations

from django.contrib.auth.models import User

from .models import Gap

SECTION = "gap proposals"


def export(user: User) -> list[dict]:
    return [
        {
            "title": gap.title,
            "evidence": gap.evidence,
            "status": gap.get_status_display(),
            "proposed_at": gap.created_at.isoformat(),
            **gap.decision_for_export(),
        }
        for gap in Gap.objects.filter(proposed_by_id=user.pk)
    ]


def retained(user: User) -> list[str]:
    if not Gap.objects.filter(proposed_by_id=user.pk).exists():
        return []
    return ["Gaps you proposed stay, without your name, because they are about services."]


def erase(user: User) -> None:
    Gap.objects.filter(proposed_by_id=user.pk).update(proposed_by=None)
