"""Database engines for the directory: PostgreSQL full-text search, and an SQLite fallback.

Both share filtering, distance and facet counting (plain ORM that runs on either database);
they differ only in how text matches and ranks. A search costs a fixed number of queries:
one aggregate (total and yes/no facets), one page of hits, one for the facets the query does not
filter on, and one more per facet it does filter on.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import transaction
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt

from .engine import (
    EARTH_RADIUS_KM,
    FACETS,
    DirectoryDocument,
    DirectoryEngine,
    DirectoryQuery,
    DirectoryResults,
    SearchHit,
)
from .models import DirectoryEntry, DirectoryEntryFacet, DirectoryEntryOpening

KM_PER_DEGREE_LATITUDE = 111.32
TEXT_CONFIG = "english"


def haversine_km(lat: float, lng: float) -> Value:
    """SQL for the great-circle distance from (lat, lng) to each entry's point, in km."""
    half_dlat = (Radians(F("latitude")) - Radians(Value(lat))) / 2
    half_dlng = (Radians(F("longitude")) - Radians(Value(lng))) / 2
    a = Power(Sin(half_dlat), 2) + Cos(Radians(Value(lat))) * Cos(Radians(F("latitude"))) * Power(
        Sin(half_dlng), 2
    )
    return 2 * EARTH_RADIUS_KM * ASin(Sqrt(a))


class DatabaseEngine(DirectoryEngine):
    """What both database engines share. Subclasses say how text matches and ranks."""

    def index(self, documents: Iterable[DirectoryDocument]) -> None:
        documents = list(documents)
        if not documents:
            return
        ids = [doc.id for doc in documents]
        with transaction.atomic():
            DirectoryEntry.objects.filter(id__in=ids).delete()
            DirectoryEntry.objects.bulk_create([self._entry(doc) for doc in documents])
            DirectoryEntryFacet.objects.bulk_create(
                DirectoryEntryFacet(entry_id=doc.id, facet=facet, value=value)
                for doc in documents
                for facet, values in doc.facets.items()
                for value in set(values)
            )
            DirectoryEntryOpening.objects.bulk_create(
                DirectoryEntryOpening(
                    entry_id=doc.id, weekday=o.weekday, opens=o.opens, closes=o.closes
                )
                for doc in documents
                for o in doc.openings
            )
            self.after_index(ids)

    def after_index(self, ids: list[int]) -> None:
        """Hook for engines that derive more from the stored text."""

    def remove(self, ids: Iterable[int]) -> None:
        DirectoryEntry.objects.filter(id__in=list(ids)).delete()

    def search(self, query: DirectoryQuery) -> DirectoryResults:
        matches = self.matching(query)
        totals = matches.aggregate(
            total=Count("id"),
            free=Count("id", filter=Q(is_free=True)),
            wheelchair=Count("id", filter=Q(wheelchair=True)),
        )
        page = self.ordered(matches, query)[query.offset : query.offset + query.limit]
        hits = [
            SearchHit(id=row["id"], score=row["score"], distance_km=row.get("distance"))
            for row in page.values(*self.hit_fields(query))
        ]
        facets = self.facet_counts(query)
        facets["free"] = {"yes": totals["free"]}
        facets["wheelchair"] = {"yes": totals["wheelchair"]}
        return DirectoryResults(hits=hits, total=totals["total"], facets=facets)

    # --- building blocks ------------------------------------------------------------------

    def matching(self, query: DirectoryQuery) -> QuerySet:
        """Entries matching every part of the query, annotated with score (and distance)."""
        entries = DirectoryEntry.objects.all()
        if query.text:
            entries = self.match_text(entries, query.text)
        else:
            entries = entries.annotate(score=Value(0.0, output_field=FloatField()))
        if query.has_point:
            entries = self.within(entries, query)
        for facet, value in query.facets.items():
            entries = entries.filter(
                Exists(
                    DirectoryEntryFacet.objects.filter(
                        entry=OuterRef("pk"), facet=facet, value=value
                    )
                )
            )
        if query.age is not None:
            entries = entries.filter(
                Q(minimum_age__isnull=True) | Q(minimum_age__lte=query.age),
                Q(maximum_age__isnull=True) | Q(maximum_age__gte=query.age),
            )
        if query.free_only:
            entries = entries.filter(is_free=True)
        if query.wheelchair:
            entries = entries.filter(wheelchair=True)
        if query.open_weekday is not None:
            openings = DirectoryEntryOpening.objects.filter(
                entry=OuterRef("pk"), weekday=query.open_weekday
            )
            if query.open_time is not None:
                openings = openings.filter(opens__lte=query.open_time, closes__gt=query.open_time)
            entries = entries.filter(Exists(openings))
        return entries

    def within(self, entries: QuerySet, query: DirectoryQuery) -> QuerySet:
        """Keep entries inside the radius: a bounding box first (indexed), then exact."""
        lat, lng = query.latitude, query.longitude
        entries = entries.filter(latitude__isnull=False).annotate(distance=haversine_km(lat, lng))
        if query.radius_km is None:
            return entries
        dlat = query.radius_km / KM_PER_DEGREE_LATITUDE
        dlng = query.radius_km / (KM_PER_DEGREE_LATITUDE * max(math.cos(math.radians(lat)), 0.01))
        return entries.filter(
            latitude__range=(lat - dlat, lat + dlat),
            longitude__range=(lng - dlng, lng + dlng),
            distance__lte=query.radius_km,
        )

    def ordered(self, entries: QuerySet, query: DirectoryQuery) -> QuerySet:
        if query.has_point:
            return entries.order_by("distance", "-score", "name", "id")
        return entries.order_by("-score", "name", "id")

    def hit_fields(self, query: DirectoryQuery) -> list[str]:
        return ["id", "score", "distance"] if query.has_point else ["id", "score"]

    def facet_counts(self, query: DirectoryQuery) -> dict[str, dict[str, int]]:
        """Counts per facet value, each with every filter but its own (the engine contract).

        Facets the query does not filter on share one grouped query over the matches; each
        facet it does filter on needs its own, without that filter.
        """
        counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
        unfiltered = [name for name in FACETS if name not in query.facets]
        groups = [(unfiltered, query)] + [
            ([name], query.without_facet(name)) for name in FACETS if name in query.facets
        ]
        for names, facet_query in groups:
            if not names:
                continue
            rows = (
                DirectoryEntryFacet.objects.filter(
                    facet__in=names, entry__in=self.matching(facet_query).values("id")
                )
                .values("facet", "value")
                .annotate(count=Count("entry_id"))
            )
            for row in rows:
                counts[row["facet"]][row["value"]] = row["count"]
        return counts

    def match_text(self, entries: QuerySet, text: str) -> QuerySet:
        raise NotImplementedError

    @staticmethod
    def _entry(doc: DirectoryDocument) -> DirectoryEntry:
        return DirectoryEntry(
            id=doc.id,
            name=doc.name,
            keywords=doc.keywords,
            body=doc.body,
            extra=doc.extra,
            latitude=doc.latitude,
            longitude=doc.longitude,
            minimum_age=doc.minimum_age,
            maximum_age=doc.maximum_age,
            is_free=doc.is_free,
            wheelchair=doc.wheelchair,
        )


class PostgresEngine(DatabaseEngine):
    """PostgreSQL full-text search: English stemming, weighted vector, GIN index, ts_rank.

    Weights: name A, keywords B, body C, address D. Queries use websearch syntax, so
    "youth -football" and quoted phrases work. When nothing matches, names are tried by
    trigram word similarity (pg_trgm) so a typo like "mentorng" still finds mentoring.
    """

    WEIGHTED_VECTOR = (
        SearchVector("name", weight="A", config=TEXT_CONFIG)
        + SearchVector("keywords", weight="B", config=TEXT_CONFIG)
        + SearchVector("body", weight="C", config=TEXT_CONFIG)
        + SearchVector("extra", weight="D", config=TEXT_CONFIG)
    )

    def after_index(self, ids: list[int]) -> None:
        DirectoryEntry.objects.filter(id__in=ids).update(search_vector=self.WEIGHTED_VECTOR)

    def search(self, query: DirectoryQuery) -> DirectoryResults:
        results = super().search(query)
        if results.total or not query.text:
            return results
        return _TYPO_ENGINE.search(query)

    def match_text(self, entries: QuerySet, text: str) -> QuerySet:
        search_query = SearchQuery(text, config=TEXT_CONFIG, search_type="websearch")
        return entries.filter(search_vector=search_query).annotate(
            score=SearchRank(F("search_vector"), search_query)
        )


class _TypoTolerantEngine(PostgresEngine):
    """Second try when full-text search found nothing: names similar to the words typed."""

    def search(self, query: DirectoryQuery) -> DirectoryResults:
        return DatabaseEngine.search(self, query)

    def match_text(self, entries: QuerySet, text: str) -> QuerySet:
        similarity = TrigramWordSimilarity(Value(text), "name")
        return entries.filter(TrigramWordSimilar(F("name"), Value(text))).annotate(score=similarity)


_TYPO_ENGINE = _TypoTolerantEngine()


class SQLiteEngine(DatabaseEngine):
    """The fallback for the demo: every word must appear somewhere; no stemming, no typos.

    Scores mirror the PostgreSQL weights: the whole text in the name scores 8, each word
    in the name 4, in the keywords 2, in the body 1.
    """

    MAX_WORDS = 8  # each word adds to the SQL; SQLite's parser has a small stack

    def match_text(self, entries: QuerySet, text: str) -> QuerySet:
        words = list(dict.fromkeys(text.lower().split()))[: self.MAX_WORDS]
        for word in words:
            entries = entries.filter(
                Q(name__icontains=word)
                | Q(keywords__icontains=word)
                | Q(body__icontains=word)
                | Q(extra__icontains=word)
            )
        score = _contains_score("name", text, 8.0)
        for word in words:
            score = (
                score
                + _contains_score("name", word, 4.0)
                + _contains_score("keywords", word, 2.0)
                + _contains_score("body", word, 1.0)
            )
        return entries.annotate(score=score)


def _contains_score(field: str, text: str, weight: float) -> Case:
    return Case(
        When(**{f"{field}__icontains": text}, then=Value(weight)),
        default=Value(0.0),
        output_field=FloatField(),
    )
