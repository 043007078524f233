"""Directory searches answered from the cache: the same normalised query within a short
lifetime gets the stored results, and any change to the index drops them all.

`get_engine()` wraps the configured engine in `CachedEngine`, so the directory's pages and
the Open Referral UK API both use it without knowing. The key is the query with its text
folded (case, spacing) and its facets in a fixed order; each stored result carries the
index's version when the search began, and `index`/`remove` give the index a new version, so
a result computed while the index was changing is never served. A cache that fails is a miss.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import astuple, replace

from django.conf import settings
from django.core.cache import cache

from .engine import DirectoryDocument, DirectoryEngine, DirectoryQuery, DirectoryResults

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
            found = cache.get_many([_VERSION_KEY, key])
        except Exception:
            logger.warning("Directory search cache: lookup failed", exc_info=True)
            return self.engine.search(query)
        version = found.get(_VERSION_KEY)
        stored = found.get(key)
        if stored is not None and stored[0] == version:
            return stored[1]
        results = self.engine.search(query)
        try:
            cache.set(key, (version, results), lifetime)
        except Exception:
            logger.warning("Directory search cache: could not store results", exc_info=True)
        return results

    def _index_changed(self) -> None:
        try:
            cache.set(_VERSION_KEY, uuid.uuid4().hex, timeout=None)
        except Exception:
            logger.warning("Directory search cache: could not record an index change")
