"""The evidence behind each recorded gap, as the Gaps page shows it.

Three kinds, each from where it is kept: the coverage figures (the stored matrix, the same
counts as the table at the top of the page), the consultations whose findings back the gap
(only those the visitor may see, with their outcome once published), and ambassadors'
outreach on the gap's topics in its areas, which comes as suppressed totals from
`ambassadors.evidence`: the gaps app never reads the logs themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone

from ambassadors.evidence import OutreachCounts, outreach_counts
from assets_directory.models import Area, Taxonomy
from consultations.models import ConsultationPage, ConsultationPageQuerySet

from .coverage import StoredCoverage
from .matrix import Cell, Matrix
from .models import Gap

# Outreach counted as evidence: the last twelve months, so old work does not prop up a gap.
OUTREACH_PERIOD = timedelta(days=365)


@dataclass
class GapEvidence:
    gap: Gap
    category: Taxonomy | None  # the matrix row counted: the gap's top-level category
    coverage: list[tuple[str, Cell]]  # (area name, published services there)
    consultations: list[ConsultationPage]
    outreach_topics: list[str]
    outreach: OutreachCounts | None  # None when no topics are linked to the gap


def consultations_seen_by(
    user: User | AnonymousUser, pages: ConsultationPageQuerySet
) -> ConsultationPageQuerySet:
    """Live consultations this person may see: panel-only ones only for the panel and the
    staff who run it (the consultations app's rule, `sees_panel_business`), and none that
    staff made private with a Wagtail view restriction (a password, a login, groups), whose
    title and outcome would otherwise be on these public pages."""
    return pages.live().public().visible_to(user).order_by("-closes_at")


def seconds_until_outcomes_change(pages: ConsultationPageQuerySet) -> int | None:
    """A page showing these consultations' outcomes changes when one closes (its published
    outcome then shows): how long it may be cached, or None for no limit."""
    closing = pages.live().next_opening_or_closing()
    if closing is None:
        return None
    return max(int((closing - timezone.now()).total_seconds()), 0)


def evidence_for(
    gaps: Iterable[Gap], user: User | AnonymousUser, stored: StoredCoverage
) -> list[GapEvidence]:
    """Each gap with its evidence, in the order given, from the page's stored coverage."""
    gaps = list(gaps)
    prefetch_related_objects(
        gaps,
        "areas",
        "outreach_topics",
        Prefetch(
            "consultations",
            queryset=consultations_seen_by(user, ConsultationPage.objects.all()),
            to_attr="visible_consultations",
        ),
    )
    since = timezone.localdate() - OUTREACH_PERIOD
    evidence = []
    for gap in gaps:
        category = stored.layout.top_level.get(gap.category_id) if gap.category_id else None
        areas = list(gap.areas.all())
        topics = [topic.name for topic in gap.outreach_topics.all()]
        evidence.append(
            GapEvidence(
                gap=gap,
                category=category,
                coverage=_coverage(stored.matrix(gap.age_group), category, areas),
                consultations=gap.visible_consultations,  # type: ignore[attr-defined]
                outreach_topics=topics,
                outreach=(
                    outreach_counts([area.slug for area in areas], topics, since)
                    if topics and areas
                    else None
                ),
            )
        )
    return evidence


def _coverage(
    matrix: Matrix, category: Taxonomy | None, areas: list[Area]
) -> list[tuple[str, Cell]]:
    """The matrix's cells for the gap's category in each of its areas (its "any category"
    totals when the gap names no category)."""
    row = next(
        (row.cells for row in matrix.rows if category and row.category.pk == category.pk), None
    )
    cells = row if row is not None else matrix.totals
    column = {area_id: index for index, area_id in enumerate(matrix.column_ids)}
    return [(area.name, cells[column[area.pk]]) for area in areas if area.pk in column]
