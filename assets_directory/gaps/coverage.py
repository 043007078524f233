"""The stored coverage matrix: counted once per change, read by every Gaps page request.

A change to listings (`indexing.listings_changed`, once it commits) or to the categories,
areas and wards they are counted by queues one `refresh_coverage` task; changes arriving
while one is already queued share it. The task counts every view at once and replaces the
stored counts, then drops the cached Gaps pages. Hourly, the beat schedule refreshes too,
in case a queued refresh was lost (the broker down at the wrong moment).
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from celery import shared_task
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from assets_directory.indexing import listings_changed
from assets_directory.models import Area, Taxonomy, Ward
from cms.core import page_cache

from .matrix import Counts, Layout, Matrix, count_coverage, matrix_from
from .models import CoverageSnapshot

# The page cache's tag for the Gaps page and its downloads.
GAPS = "gaps"
_QUEUED_KEY = "gaps:coverage-refresh-queued"
_QUEUED_FOR_SECONDS = 10 * 60


def refresh() -> Counts:
    """Count coverage from the listings now and store it for the page."""
    counts = count_coverage()
    with transaction.atomic():
        for age_group, views in counts.items():
            CoverageSnapshot.objects.update_or_create(
                age_group=age_group, defaults={"counts": views}
            )
    page_cache.drop(GAPS)  # the new counts are committed
    return counts


def stored_counts(age_group: str) -> dict[str, dict[str, dict[str, int]]]:
    """One age group's stored counts; counted now if none were ever stored (a new site)."""
    snapshot = CoverageSnapshot.objects.filter(age_group=age_group).first()
    if snapshot is None:
        return refresh()[age_group]
    return snapshot.counts


class StoredCoverage:
    """The stored matrices one request shows (the table, the chart by area, each gap's
    evidence), each age group's counts and the layout read once for all of them."""

    def __init__(self) -> None:
        self._counts: dict[str, dict[str, dict[str, dict[str, int]]]] = {}
        self._matrices: dict[tuple[str, int | None], Matrix] = {}

    @cached_property
    def layout(self) -> Layout:
        return Layout.load()

    def matrix(self, age_group: str = "", area: Area | None = None) -> Matrix:
        """One age group's matrix by area, or by the wards of `area`."""
        key = (age_group, area.pk if area else None)
        if key not in self._matrices:
            if age_group not in self._counts:
                self._counts[age_group] = stored_counts(age_group)
            self._matrices[key] = matrix_from(self._counts[age_group], age_group, area, self.layout)
        return self._matrices[key]


@shared_task
def refresh_coverage() -> None:
    cache.delete(_QUEUED_KEY)  # changes from now on queue another refresh
    refresh()


def queue_refresh() -> None:
    """Queue one refresh (the change has committed), unless one is already queued."""
    # A cache that is down answers None rather than False: queue then, to be safe.
    if cache.add(_QUEUED_KEY, True, _QUEUED_FOR_SECONDS) is not False:
        refresh_coverage.delay()


@receiver(listings_changed)
def _listings_changed(sender: type, **kwargs: Any) -> None:
    queue_refresh()  # sent once the change has committed


@receiver(post_save, sender=Taxonomy)
@receiver(post_delete, sender=Taxonomy)
@receiver(post_save, sender=Area)
@receiver(post_delete, sender=Area)
@receiver(post_save, sender=Ward)
@receiver(post_delete, sender=Ward)
def _places_or_categories_changed(sender: type, **kwargs: Any) -> None:
    transaction.on_commit(queue_refresh, robust=True)
