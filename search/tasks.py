"""Keeping the directory index in step, off the request that changed a listing.

Publishing, unpublishing, archiving or editing a listing calls `enqueue_index_update`; the
task runs only once the change is committed (a rolled-back change enqueues nothing), so the
worker always reads what was saved. The index is rebuilt from the database each time, so
running the task twice, or late, does no harm.
"""

from __future__ import annotations

from collections.abc import Iterable

from celery import shared_task
from django.db import transaction

from assets_directory.indexing import reindex

from .engine import EngineUnavailable


@shared_task(autoretry_for=(EngineUnavailable,), retry_backoff=True, max_retries=6)
def update_directory_index(listing_ids: list[int]) -> None:
    """Index or remove each of these listings, whichever its current state calls for."""
    reindex(listing_ids)


def enqueue_index_update(listing_ids: Iterable[int]) -> None:
    """Update these listings' index entries after the current transaction commits.

    `robust`: a broker or engine failure is logged instead of failing the request that
    published the listing; `rebuild_directory_index` puts anything missed right.
    """
    ids = sorted(set(listing_ids))
    transaction.on_commit(lambda: update_directory_index.delay(ids), robust=True)
