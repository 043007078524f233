"""What other parts of the site may know of ambassadors' outreach: counts, never people.

WHY a module of its own: the Gaps page shows outreach as evidence for a gap, and it must get
no closer to the logs than totals. Nothing here returns a log, an ambassador, a ward or
"what we heard"; only how many activities and how many people reached, and those only as
`cms.core.suppression` allows (1 to 4 is never shown as a number).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Sum
from django.db.models.signals import m2m_changed, post_delete, post_save

from cms.core.suppression import MIN_GROUP_SIZE

from .models import AGE_BANDS, OutreachLog, Topic


@dataclass(frozen=True)
class Figure:
    """A count as the public may see it: the number, or only that it is under the
    threshold (`small`), so a handful of activities cannot point to the people behind them."""

    value: int | None
    small: bool

    @classmethod
    def of(cls, count: int) -> Figure:
        small = 0 < count < MIN_GROUP_SIZE
        return cls(None if small else count, small)

    def __str__(self) -> str:
        return f"fewer than {MIN_GROUP_SIZE}" if self.small else str(self.value)


@dataclass(frozen=True)
class OutreachCounts:
    activities: Figure
    people_reached: Figure


def outreach_counts(areas: Iterable[str], topics: Iterable[str], since: date) -> OutreachCounts:
    """Outreach activities since `since` in any of `areas` (area slugs) on any of `topics`
    (topic names), and the people they reached, each suppressed below 5."""
    logs = OutreachLog.objects.filter(
        pk__in=OutreachLog.objects.filter(
            date__gte=since, area__in=list(areas), topics__name__in=list(topics)
        ).values("pk")
    )
    sums = logs.aggregate(activities=Count("pk"), **{field: Sum(field) for field, _ in AGE_BANDS})
    activities = sums.pop("activities")
    people = sum(value or 0 for value in sums.values())
    return OutreachCounts(activities=Figure.of(activities), people_reached=Figure.of(people))


def when_outreach_changes(receiver: Callable[..., Any]) -> None:
    """Call `receiver` (a signal receiver) whenever counted outreach may have changed: a log
    saved or deleted (also when its ambassador's record goes), its topics changed, or a topic
    renamed or deleted. For pages that show `outreach_counts` and are cached."""
    for signal in (post_save, post_delete):
        signal.connect(receiver, sender=OutreachLog, weak=False)
        signal.connect(receiver, sender=Topic, weak=False)
    m2m_changed.connect(receiver, sender=OutreachLog.topics.through, weak=False)
