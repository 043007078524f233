"""The directory search engine interface: a query object in; ranked ids, distances, facets out.

Why an interface: the directory works on a laptop with SQLite, in production with
PostgreSQL full-text search, or on an Elasticsearch cluster (search/es/). Callers never
know which engine runs. An engine only sees `DirectoryDocument`s (plain data built by the
directory app), so it never reaches into the directory's models; a new engine is one class:

    class ElasticsearchEngine(DirectoryEngine):
        def index(self, documents): ...
        def remove(self, ids): ...
        def search(self, query) -> DirectoryResults: ...

Choose it with the setting DIRECTORY_SEARCH_ENGINE = "dotted.path.ToEngine". Unset, the
PostgreSQL engine runs on PostgreSQL and the SQLite fallback elsewhere. With
ELASTICSEARCH_URL set, the default is Elasticsearch, falling back to the database's engine
whenever the cluster cannot answer (search.es.engine.ElasticsearchWithFallback).

Contract every engine keeps (tests/search/test_contract.py checks it for every engine):
- `search` returns at most `query.limit` hits starting at `query.offset`, and `total` counts
  all matches.
- With a point and a radius, only documents within `radius_km` match, and each hit carries
  `distance_km`; without a point `distance_km` is None. With a point and no text, hits are
  sorted nearest first; with both, the database engines blend relevance and distance (a
  nearer, slightly weaker match can lead; a far exact one still shows). The Elasticsearch
  engine still sorts nearest first there (blending it with a decay function is to do).
- With text and no point, hits are sorted by relevance: a match in the name outranks one in
  the keywords, which outranks one in the body. Ties go to the more recently reviewed, then
  the nearer, never the alphabet (and last the id, so pages never overlap).
- Text is understood through search.thesaurus on every engine: stop phrases dropped,
  residents' words expanded to listings' words; when no document has every concept, those
  with any are returned, ranked by how many match.
- Several values of one facet match any of them (all of them for EVERY_VALUE_FACETS);
  different facets must all match. Facet counts for a facet are computed with every filter
  applied except that facet's own, so each count is the number of results a person gets by
  choosing that value instead (for EVERY_VALUE_FACETS, by choosing it as well).
- `index` replaces a document with the same id; `remove` of an unknown id is not an error.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import astuple, dataclass, field, replace
from datetime import date, time
from functools import cache

from django.conf import settings
from django.core.cache import cache as django_cache
from django.core.signals import setting_changed
from django.db import connection
from django.dispatch import receiver
from django.utils.module_loading import import_string

# Multi-valued facets a document carries; each value is a string (an id or a code). The
# last two are derived from the document's ages and openings (`DirectoryDocument.all_facets`),
# so every engine counts them like the others.
FACETS = ("category", "area", "language", "age_band", "day", "access")
# Facets whose chosen values a listing must *all* have: a resident's access needs must all be
# met. Their counts keep their own choices too (what ticking one more value would leave).
EVERY_VALUE_FACETS = frozenset({"access"})
# Facets worked out from a listing's ages, opening days and access needs: each listing has
# many values of them, in nearly every combination.
DERIVED_FACETS = frozenset({"age_band", "day", "access"})
# Age bands a resident can choose: (value, youngest, oldest); None means no upper limit.
AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("0-4", 0, 4),
    ("5-11", 5, 11),
    ("12-17", 12, 17),
    ("18-25", 18, 25),
    ("26-64", 26, 64),
    ("65-", 65, None),
)
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class OpeningTime:
    """Open on an ISO weekday (1 = Monday) from `opens` until `closes`, local time."""

    weekday: int
    opens: time
    closes: time


@dataclass(frozen=True)
class DirectoryDocument:
    """What an engine indexes for one listing. Text fields are ranked name > keywords > body."""

    id: int
    name: str
    keywords: str = ""  # category names, organisation name
    body: str = ""  # description, who it is for
    extra: str = ""  # address, areas: found, but ranked lowest
    latitude: float | None = None
    longitude: float | None = None
    facets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    minimum_age: int | None = None
    maximum_age: int | None = None
    is_free: bool = False
    wheelchair: bool = False
    openings: tuple[OpeningTime, ...] = ()
    reviewed: date | None = None  # when its provider last confirmed it: breaks ranking ties

    def all_facets(self) -> dict[str, tuple[str, ...]]:
        """The given facets, plus the age bands the listing's ages overlap and the ISO
        weekdays it opens on: what every engine stores and counts."""
        youngest = self.minimum_age or 0
        oldest = self.maximum_age if self.maximum_age is not None else 200
        bands = tuple(
            band
            for band, low, high in AGE_BANDS
            if youngest <= (high if high is not None else 200) and oldest >= low
        )
        days = tuple(sorted({str(opening.weekday) for opening in self.openings}))
        return {**self.facets, "age_band": bands, "day": days}


@dataclass(frozen=True)
class DirectoryQuery:
    """One search. Empty text and no filters means "everything", sorted by name.

    `facets`: facet name -> the chosen values. A listing matches a facet when it has any of
    its values (all of them for EVERY_VALUE_FACETS), and must match every facet chosen (OR
    within a facet, AND across facets). A single string is taken as one value.
    """

    text: str = ""
    latitude: float | None = None
    longitude: float | None = None
    radius_km: float | None = None
    facets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    age: int | None = None
    free_only: bool = False
    wheelchair: bool = False
    open_weekday: int | None = None  # ISO weekday; with open_time, "open at that moment"
    open_time: time | None = None
    offset: int = 0
    limit: int = 20

    def __post_init__(self) -> None:
        chosen = {
            name: tuple(sorted({values} if isinstance(values, str) else set(values)))
            for name, values in self.facets.items()
        }
        object.__setattr__(self, "facets", {name: v for name, v in chosen.items() if v})

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def without_facet(self, name: str) -> DirectoryQuery:
        return replace(self, facets={k: v for k, v in self.facets.items() if k != name})


@dataclass(frozen=True)
class SearchHit:
    id: int
    score: float
    distance_km: float | None = None
    # Optional: field name -> HTML-escaped fragments with matched words in <mark>. Engines that
    # cannot highlight leave it empty, so a page may show it when present and ignore it if not.
    highlights: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)


@dataclass
class DirectoryResults:
    hits: list[SearchHit]
    total: int
    # facet name -> value -> count; also "free" and "wheelchair" -> {"yes": count}
    facets: dict[str, dict[str, int]]


class EngineUnavailable(Exception):
    """The engine's server could not answer (down, timed out, or refused the request)."""


class DirectoryEngine(ABC):
    """Every directory search engine implements these three methods."""

    @abstractmethod
    def index(self, documents: Iterable[DirectoryDocument]) -> None:
        """Add or replace these documents."""

    @abstractmethod
    def remove(self, ids: Iterable[int]) -> None:
        """Forget these documents; unknown ids are ignored."""

    @abstractmethod
    def search(self, query: DirectoryQuery) -> DirectoryResults:
        """Run one query."""

    def rebuilding(self) -> AbstractContextManager:
        """Where a full reindex runs. Engines that can build a fresh copy and swap it in
        override this; the database engines rewrite their rows in place."""
        return nullcontext()


# --- Searches answered from the cache ---------------------------------------------------
# Directory searches answered from the cache: the same normalised query within a short
# lifetime gets the stored results, and any change to the index drops them all.
#
# `get_engine()` wraps the configured engine in `CachedEngine`, so the directory's pages and
# the Open Referral UK API both use it without knowing. The key is the query with its text
# folded (case, spacing) and its facets in a fixed order; each stored result carries the
# index's version when the search began, and `index`/`remove` give the index a new version, so
# a result computed while the index was changing is never served. A cache that fails is a miss.

logger = logging.getLogger(__name__)
_VERSION_KEY = "directory-search:index-version"


def normalised(query: DirectoryQuery) -> tuple:
    """What makes two searches the same search: folded text, facets in a fixed order."""
    folded = replace(query, text=" ".join(query.text.casefold().split()), facets={})
    return (astuple(folded), tuple(sorted(query.facets.items())))


def _result_key(query: DirectoryQuery) -> str:
    digest = hashlib.sha256(repr(normalised(query)).encode()).hexdigest()
    return f"directory-search:results:{digest}"


class CachedEngine(DirectoryEngine):
    """Any engine, with its search results cached for DIRECTORY_SEARCH_CACHE_SECONDS."""

    def __init__(self, engine: DirectoryEngine) -> None:
        self.engine = engine

    def index(self, documents: Iterable[DirectoryDocument]) -> None:
        self.engine.index(documents)
        self._index_changed()

    def remove(self, ids: Iterable[int]) -> None:
        self.engine.remove(ids)
        self._index_changed()

    def rebuilding(self) -> AbstractContextManager:
        return self._rebuilding()

    @contextmanager
    def _rebuilding(self) -> Iterator[None]:
        with self.engine.rebuilding():
            yield
        self._index_changed()  # e.g. Elasticsearch's alias now points at the new index

    def search(self, query: DirectoryQuery) -> DirectoryResults:
        lifetime = settings.DIRECTORY_SEARCH_CACHE_SECONDS
        if lifetime <= 0:
            return self.engine.search(query)
        key = _result_key(query)
        try:
            found = django_cache.get_many([_VERSION_KEY, key])
        except Exception:
            logger.warning("Directory search cache: lookup failed", exc_info=True)
            return self.engine.search(query)
        version = found.get(_VERSION_KEY)
        stored = found.get(key)
        if stored is not None and stored[0] == version:
            return stored[1]
        results = self.engine.search(query)
        try:
            django_cache.set(key, (version, results), lifetime)
        except Exception:
            logger.warning("Directory search cache: could not store results", exc_info=True)
        return results

    def _index_changed(self) -> None:
        try:
            django_cache.set(_VERSION_KEY, uuid.uuid4().hex, timeout=None)
        except Exception:
            logger.warning("Directory search cache: could not record an index change")


@cache
def _engine_for(dotted: str) -> DirectoryEngine:
    return import_string(dotted)()


@cache
def _cached_engine_for(dotted: str) -> DirectoryEngine:
    return CachedEngine(_engine_for(dotted))


def _database_engine_path() -> str:
    return (
        "search.database_engines.PostgresEngine"
        if connection.vendor == "postgresql"
        else "search.database_engines.SQLiteEngine"
    )


def get_engine() -> DirectoryEngine:
    """The configured engine (one instance per process), its searches cached briefly."""
    dotted = getattr(settings, "DIRECTORY_SEARCH_ENGINE", "") or _database_engine_path()
    if getattr(settings, "DIRECTORY_SEARCH_CACHE_SECONDS", 0) > 0:
        return _cached_engine_for(dotted)
    return _engine_for(dotted)


def database_engine() -> DirectoryEngine:
    """The engine the database itself provides: always there, so other engines fall back to it."""
    return _engine_for(_database_engine_path())


@receiver(setting_changed)
def _forget_engines(setting: str, **kwargs: object) -> None:
    """Engines read their settings once; a changed setting (in tests) needs fresh ones."""
    if setting in (
        "DIRECTORY_SEARCH_ENGINE",
        "ELASTICSEARCH_URL",
        "DIRECTORY_ELASTICSEARCH_INDEX",
        "DIRECTORY_SEARCH_CACHE_SECONDS",
    ):
        _engine_for.cache_clear()
        _cached_engine_for.cache_clear()
