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
  the keywords, which outranks one in the body. Ties go to the nearer, never the alphabet.
- Text is understood through search.thesaurus on every engine: stop phrases dropped,
  residents' words expanded to listings' words; when no document has every concept, those
  with any are returned, ranked by how many match.
- Facet counts for a facet are computed with every filter applied except that facet's own,
  so each count is the number of results a person gets by choosing that value instead.
- `index` replaces a document with the same id; `remove` of an unknown id is not an error.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import time
from functools import cache

from django.conf import settings
from django.core.signals import setting_changed
from django.db import connection
from django.dispatch import receiver
from django.utils.module_loading import import_string

# Multi-valued facets a document carries; each value is a string (an id or a code).
FACETS = ("category", "area", "language")
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


@dataclass(frozen=True)
class DirectoryQuery:
    """One search. Empty text and no filters means "everything", sorted by name."""

    text: str = ""
    latitude: float | None = None
    longitude: float | None = None
    radius_km: float | None = None
    facets: dict[str, str] = field(default_factory=dict)  # facet name -> one chosen value
    age: int | None = None
    free_only: bool = False
    wheelchair: bool = False
    open_weekday: int | None = None  # ISO weekday; with open_time, "open at that moment"
    open_time: time | None = None
    offset: int = 0
    limit: int = 20

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


@cache
def _engine_for(dotted: str) -> DirectoryEngine:
    return import_string(dotted)()


@cache
def _cached_engine_for(dotted: str) -> DirectoryEngine:
    from .cached_engine import CachedEngine  # it builds on this module

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
