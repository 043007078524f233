"""The Elasticsearch engine, and the engine the site uses when ELASTICSEARCH_URL is set.

Reads go through an alias (DIRECTORY_ELASTICSEARCH_INDEX); behind it sits one concrete,
timestamped index. A rebuild fills a new index that carries the "-incoming" alias, while
every write also goes there, then swaps the alias in one atomic request: searches never
see an empty or half-built index, and nothing published during the rebuild is lost.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace

from django.conf import settings
from django.utils import timezone
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, NotFoundError
from elasticsearch.helpers import BulkIndexError, bulk

from search.engine import (
    DirectoryDocument,
    DirectoryEngine,
    DirectoryQuery,
    DirectoryResults,
    EngineUnavailable,
    database_engine,
)
from search.thesaurus import understand
from search.vocabulary import respell

from .index import directory_index, source
from .query import build_search, parse_response

logger = logging.getLogger(__name__)


@contextmanager
def _unavailable_on_errors() -> Iterator[None]:
    """Any failure of the cluster or the network becomes the interface's EngineUnavailable.

    The message names only the kind of failure: a cluster's full error can quote the words
    someone searched for, and those stay out of the logs.
    """
    try:
        yield
    except (ApiError, TransportError, BulkIndexError) as error:
        kind = getattr(error, "message", None) or str(error)
        raise EngineUnavailable(f"Elasticsearch {type(error).__name__}: {kind}") from error


def bulk_actions(
    documents: Iterable[DirectoryDocument], removed: Iterable[int], targets: Iterable[str]
) -> list[dict]:
    """The bulk request that writes these documents to (and deletes these ids from) each index."""
    documents, removed = list(documents), list(removed)
    actions = []
    for target in sorted(targets):
        actions += [
            {"_op_type": "index", "_index": target, "_id": doc.id, "_source": source(doc)}
            for doc in documents
        ]
        actions += [{"_op_type": "delete", "_index": target, "_id": pk} for pk in removed]
    return actions


class ElasticsearchEngine(DirectoryEngine):
    """Directory search on an Elasticsearch 8 cluster at settings.ELASTICSEARCH_URL."""

    def __init__(self) -> None:
        self.alias = settings.DIRECTORY_ELASTICSEARCH_INDEX
        self.incoming = f"{self.alias}-incoming"
        self.client = Elasticsearch(
            settings.ELASTICSEARCH_URL,
            request_timeout=settings.DIRECTORY_ELASTICSEARCH_TIMEOUT,
            max_retries=0,  # the fallback answers at once; the Celery task retries writes
            retry_on_timeout=False,
        )

    def search(self, query: DirectoryQuery) -> DirectoryResults:
        results = self._run(query, fuzzy=False)
        if results.total or not query.text:
            return results
        if len(understand(query.text).concepts) > 1:
            partial = self._run(query, fuzzy=False, every=False)
            if partial.total:
                return partial
        if respelt := respell(query.text):
            return self.search(replace(query, text=respelt))
        return self._run(query, fuzzy=True)

    def index(self, documents: Iterable[DirectoryDocument]) -> None:
        documents = list(documents)
        if documents:
            self._write(documents, [], create=True)

    def remove(self, ids: Iterable[int]) -> None:
        ids = list(ids)
        if ids:
            self._write([], ids, create=False)

    @contextmanager
    def rebuilding(self) -> Iterator[str]:
        """Fill a new index (every write meanwhile goes to both), then swap the alias to it."""
        new = self._index_name()
        with _unavailable_on_errors():
            directory_index(new, alias=self.incoming).create(using=self.client)
        try:
            yield new
        except BaseException:
            with _unavailable_on_errors():
                self.client.indices.delete(index=new)
            raise
        with _unavailable_on_errors():
            self.client.indices.refresh(index=new)
            self.client.indices.update_aliases(actions=self.swap_actions(new))

    def swap_actions(self, new: str) -> list[dict]:
        """One atomic alias change: the new index goes live and every older one is dropped."""
        older = sorted(set(self._indices()) - {new})
        return [
            {"add": {"index": new, "alias": self.alias}},
            {"remove": {"index": new, "alias": self.incoming}},
            *({"remove_index": {"index": name}} for name in older),
        ]

    # --- talking to the cluster -----------------------------------------------------------

    def _run(self, query: DirectoryQuery, *, fuzzy: bool, every: bool = True) -> DirectoryResults:
        search = build_search(query, fuzzy=fuzzy, every=every).index(self.alias).using(self.client)
        with _unavailable_on_errors():
            response = search.execute().to_dict()
        return parse_response(response, query)

    def _write(
        self, documents: list[DirectoryDocument], removed: list[int], *, create: bool
    ) -> None:
        with _unavailable_on_errors():
            targets = self._write_targets()
            if not targets and create:
                targets = [self._create_live_index()]
            if targets:
                bulk(
                    self.client,
                    bulk_actions(documents, removed, targets),
                    refresh="wait_for",
                    ignore_status=(404,),  # removing what was never indexed is fine
                )

    def _indices(self) -> dict[str, set[str]]:
        """Our concrete indices, each with the aliases it carries."""
        try:
            found = self.client.indices.get_alias(index=f"{self.alias}-*")
        except NotFoundError:
            return {}
        return {name: set(info.get("aliases", {})) for name, info in found.body.items()}

    def _write_targets(self) -> list[str]:
        wanted = {self.alias, self.incoming}
        return [name for name, aliases in self._indices().items() if aliases & wanted]

    def _create_live_index(self) -> str:
        """The very first write, before any rebuild: an index that is live from the start."""
        name = self._index_name()
        directory_index(name, alias=self.alias).create(using=self.client)
        return name

    def _index_name(self) -> str:
        return f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"


class FallbackEngine(DirectoryEngine):
    """Searches `primary`, answering from `fallback` (with a warning) when it is unavailable.

    Writes go to both, the fallback first, so it is always current enough to take over. A
    failed write to the primary is raised after that, so the Celery task that made it retries.
    """

    def __init__(self, primary: DirectoryEngine, fallback: DirectoryEngine) -> None:
        self.primary = primary
        self.fallback = fallback

    def search(self, query: DirectoryQuery) -> DirectoryResults:
        try:
            return self.primary.search(query)
        except EngineUnavailable as error:
            logger.warning("Directory search answered from the database instead: %s", error)
            return self.fallback.search(query)

    def index(self, documents: Iterable[DirectoryDocument]) -> None:
        documents = list(documents)
        self.fallback.index(documents)
        self.primary.index(documents)

    def remove(self, ids: Iterable[int]) -> None:
        ids = list(ids)
        self.fallback.remove(ids)
        self.primary.remove(ids)

    def rebuilding(self) -> AbstractContextManager:
        return self.primary.rebuilding()


class ElasticsearchWithFallback(FallbackEngine):
    """The default engine when ELASTICSEARCH_URL is set: Elasticsearch, else the database."""

    def __init__(self) -> None:
        super().__init__(ElasticsearchEngine(), database_engine())
