"""Keeps the search engine in step with published listings.

The directory tells the engine what residents may find by turning each searchable Service
into a plain `DirectoryDocument`; anything not searchable (draft, archived, overdue for
review) is removed. The engine (search/) never reads the directory's models: it only sees
these documents, so the directory depends on search and never the other way round.

A listing's state changes in `lifecycle`, which ends each change with one
`enqueue_index_update`: the Celery task runs once the change is committed (a rolled-back
change enqueues nothing), so the worker always reads what was saved. The index is rebuilt
from the database each time, so running the task twice, or late, does no harm.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from celery import shared_task
from django.db import transaction
from django.dispatch import Signal

from cms.core import page_cache
from cms.core.queue import enqueue
from search.engine import DirectoryDocument, EngineUnavailable, OpeningTime, get_engine

from .models import Service, ServiceQuerySet, Taxonomy

# The page cache's tag for what listings show (service pages, searches, the API).
DIRECTORY = "directory"
# Sent, with `ids`, once a change to these listings has committed: what is derived from the
# listings (cached pages, the gaps matrix) listens, so the directory need not know it.
listings_changed = Signal()


def searchable_services(ids: Iterable[int] | None = None) -> ServiceQuerySet:
    services = Service.objects.searchable().select_related("organisation")
    if ids is not None:
        services = services.filter(id__in=list(ids))
    return services.prefetch_related(
        "categories",
        "areas",
        "languages",
        "regular_schedules",
        "service_at_locations__location",
    )


def document_for(service: Service, taxonomy: dict[int, Taxonomy]) -> DirectoryDocument:
    """The searchable facts of one published listing."""
    categories = list(service.categories.all())
    category_ids = {cid for term in categories for cid in term.ancestor_ids(taxonomy)}
    category_names = sorted(taxonomy[cid].name for cid in category_ids)
    location = service.primary_location()
    areas = list(service.areas.all())
    return DirectoryDocument(
        id=service.pk,
        name=service.name,
        keywords=" ".join([service.organisation.name, *category_names]),
        body=f"{service.description}\n{service.eligibility_description}",
        extra=" ".join(
            [str(location) if location else "", location.city if location else ""]
            + [area.name for area in areas]
        ),
        latitude=location.latitude if location else None,
        longitude=location.longitude if location else None,
        facets={
            "category": tuple(taxonomy[cid].slug for cid in category_ids),
            "area": tuple(area.slug for area in areas),
            "language": tuple(language.code for language in service.languages.all()),
            "access": tuple(location.access_needs_met()) if location else (),
        },
        minimum_age=service.minimum_age,
        maximum_age=service.maximum_age,
        is_free=service.is_free,
        reviewed=service.last_reviewed,
        wheelchair=bool(location and location.wheelchair_accessible),
        openings=tuple(
            OpeningTime(s.weekday, s.opens_at, s.closes_at) for s in service.regular_schedules.all()
        ),
    )


def reindex(ids: Iterable[int]) -> None:
    """Bring these listings' index entries up to date (index or remove each)."""
    ids = list(ids)
    taxonomy = {term.pk: term for term in Taxonomy.objects.all()}
    documents = [document_for(service, taxonomy) for service in searchable_services(ids)]
    engine = get_engine()
    engine.remove(set(ids) - {doc.id for doc in documents})
    engine.index(documents)
    page_cache.drop(DIRECTORY)  # pages of searches cached while the index was behind


def reindex_all(batch_size: int = 500, progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the whole index, in batches so memory stays flat. Returns how many indexed.

    `progress(done, total)` is told after each batch, so a long rebuild shows it is moving.
    """
    ids = list(Service.objects.values_list("id", flat=True).order_by("id"))
    for start in range(0, len(ids), batch_size):
        reindex(ids[start : start + batch_size])
        if progress:
            progress(min(start + batch_size, len(ids)), len(ids))
    return Service.objects.searchable().count()


# The name it had in search/ before the move: jobs queued by the old code still find it.
@shared_task(
    name="search.tasks.update_directory_index",
    autoretry_for=(EngineUnavailable,),
    retry_backoff=True,
    max_retries=6,
)
def update_directory_index(listing_ids: list[int]) -> None:
    """Index or remove each of these listings, whichever its current state calls for."""
    reindex(listing_ids)


_batch: ContextVar[set[int] | None] = ContextVar("index_batch", default=None)


def enqueue_index_update(listing_ids: Iterable[int]) -> None:
    """Update these listings' index entries after the current transaction commits.

    With the broker down the job is kept in the database and queued by the beat sweep
    (`cms.core.queue`), so the request that published the listing never fails or hangs.
    Inside `one_index_update()` the ids are gathered instead, for one update at the end.
    """
    ids = sorted(set(listing_ids))
    batch = _batch.get()
    if batch is not None:
        batch.update(ids)
    elif ids:
        transaction.on_commit(lambda: _after_commit(ids), robust=True)


@contextmanager
def one_index_update() -> Iterator[None]:
    """Every listing changed inside the block gets one index update (one task), not one
    each: an import of thousands of listings queues a task per batch."""
    token = _batch.set(set())
    try:
        yield
        gathered = _batch.get() or set()
    finally:
        _batch.reset(token)
    enqueue_index_update(gathered)


def _after_commit(ids: list[int]) -> None:
    enqueue(update_directory_index, ids)  # kept for the beat sweep if the broker is down
    listings_changed.send(Service, ids=ids)
