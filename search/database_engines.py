"""Database engines for the directory: PostgreSQL full-text search, and an SQLite fallback.

Both share storage, filtering and distance (plain ORM that runs on either database) and
differ in how text matches and ranks and how facets are kept. On SQLite a search costs a
fixed number of queries: one page of hits carrying the totals, one for the facets the query
does not filter on, and one more per facet it does filter on. On PostgreSQL the page, totals
and facet counts are one statement (plus one tiny lookup when facet values are chosen).
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import reduce

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    Expression,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt

from .engine import (
    DERIVED_FACETS,
    EARTH_RADIUS_KM,
    EVERY_VALUE_FACETS,
    FACETS,
    DirectoryDocument,
    DirectoryEngine,
    DirectoryQuery,
    DirectoryResults,
    SearchHit,
)
from .models import (
    DirectoryEntry,
    DirectoryEntryFacet,
    DirectoryEntryOpening,
    DirectoryEntryText,
    FacetSet,
    FacetValue,
)
from .stemming import phrase_lookup
from .thesaurus import understand
from .vocabulary import remember, respell

KM_PER_DEGREE_LATITUDE = 111.32
# With both text and a point, order by score / (1 + km / BLEND_KM): a listing BLEND_KM away
# needs twice the score of one on the doorstep to lead it, and a far exact match still shows.
BLEND_KM = 3.0
TEXT_CONFIG = "english"
# Ties in rank go to the listing its provider confirmed most recently, never the alphabet.
RECENT_FIRST = F("reviewed").desc(nulls_last=True)


_TOTALS = {
    "total": Count("id"),
    "free": Count("id", filter=Q(is_free=True)),
    "wheelchair": Count("id", filter=Q(wheelchair=True)),
}
_TOTALS_OVER_ALL = {f"{name}_all": Window(aggregate) for name, aggregate in _TOTALS.items()}


def haversine_km(lat: float, lng: float) -> Expression:
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
            DirectoryEntry.objects.bulk_create(self.entries(documents))
            DirectoryEntryOpening.objects.bulk_create(
                DirectoryEntryOpening(
                    entry_id=doc.id, weekday=o.weekday, opens=o.opens, closes=o.closes
                )
                for doc in documents
                for o in doc.openings
            )
            remember(documents)

    def entries(self, documents: list[DirectoryDocument]) -> list[DirectoryEntry]:
        """The entry rows for these documents; engines add how they keep text and facets."""
        return [
            DirectoryEntry(
                id=doc.id,
                name=doc.name,
                latitude=doc.latitude,
                longitude=doc.longitude,
                minimum_age=doc.minimum_age,
                maximum_age=doc.maximum_age,
                is_free=doc.is_free,
                wheelchair=doc.wheelchair,
                reviewed=doc.reviewed,
            )
            for doc in documents
        ]

    def remove(self, ids: Iterable[int]) -> None:
        DirectoryEntry.objects.filter(id__in=list(ids)).delete()

    # --- building blocks ------------------------------------------------------------------

    def matching(self, query: DirectoryQuery) -> QuerySet:
        """Entries matching every part of the query but its facet values (which each engine
        keeps its own way), annotated with distance given a point."""
        entries = DirectoryEntry.objects.all()
        if query.text:
            entries = self.match_text(entries, query.text)
        if query.latitude is not None and query.longitude is not None:
            entries = self.within(entries, query.latitude, query.longitude, query.radius_km)
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

    def within(
        self, entries: QuerySet, lat: float, lng: float, radius_km: float | None
    ) -> QuerySet:
        """Keep entries inside the radius: a bounding box first (indexed), then exact."""
        entries = entries.filter(latitude__isnull=False).annotate(distance=haversine_km(lat, lng))
        if radius_km is None:
            return entries
        dlat = radius_km / KM_PER_DEGREE_LATITUDE
        dlng = radius_km / (KM_PER_DEGREE_LATITUDE * max(math.cos(math.radians(lat)), 0.01))
        return entries.filter(
            latitude__range=(lat - dlat, lat + dlat),
            longitude__range=(lng - dlng, lng + dlng),
            distance__lte=radius_km,
        )

    def match_text(self, entries: QuerySet, text: str) -> QuerySet:
        """Keep the entries the text matches."""
        raise NotImplementedError

    def text_score(self, text: str) -> Expression:
        """How well each entry matches the text: higher is better."""
        raise NotImplementedError


class PostgresEngine(DatabaseEngine):
    """PostgreSQL full-text search: English stemming, weighted vector, GIN index, ts_rank.

    Weights: name A, keywords B, body C, address D. Queries use websearch syntax, so
    "youth -football" and quoted phrases work. When nothing matches, names are tried by
    trigram word similarity (pg_trgm) so a typo like "mentorng" still finds mentoring.
    Facet values are kept on each entry as an integer array of FacetValue codes.
    """

    def entries(self, documents: list[DirectoryDocument]) -> list[DirectoryEntry]:
        pairs = {pair for doc in documents for pair in _facet_pairs(doc)}
        codes = _ids_adding_missing(pairs, _codes_of, lambda p: FacetValue(facet=p[0], value=p[1]))

        def code_list(doc: DirectoryDocument, derived: bool) -> tuple[int, ...]:
            mine = (codes[p] for p in _facet_pairs(doc) if (p[0] in DERIVED_FACETS) == derived)
            return tuple(sorted(mine))

        given = [code_list(doc, derived=False) for doc in documents]
        derived = [code_list(doc, derived=True) for doc in documents]
        sets = _ids_adding_missing(
            set(filter(None, given + derived)), _sets_of, lambda c: FacetSet(codes=list(c))
        )
        entries = super().entries(documents)
        for entry, doc, own, worked_out in zip(entries, documents, given, derived, strict=True):
            entry.facet_codes = sorted(own + worked_out)
            entry.facet_set_id = sets.get(own)
            entry.derived_facet_set_id = sets.get(worked_out)
            entry.search_vector = _weighted_vector(doc)
        return entries

    def search(self, query: DirectoryQuery) -> DirectoryResults:
        results = self._search_in_one_statement(query)
        if results.total or not query.text:
            return results
        if len(understand(query.text).concepts) > 1:
            partial = _SOME_WORDS_ENGINE._search_in_one_statement(query)
            if partial.total:
                return partial
        if respelt := respell(query.text):
            return self.search(replace(query, text=respelt))
        return _TYPO_ENGINE.search(query)

    def _search_in_one_statement(self, query: DirectoryQuery) -> DirectoryResults:
        """The page, the totals and every facet's counts in one statement.

        The matches without any facet filter (m) are flagged with which chosen facet values
        each has; the hits are the rows with every flag. Ranking runs on the hits only.
        Without chosen facets the hits are m itself, materialised and found once; with them
        m is left inline, so each use of it can go through the facet_codes GIN index
        instead of through every match. How the counts are made: `_facet_counts_sql`.
        """
        codes = _codes_of(_chosen_pairs(query))
        # Per chosen facet, the codes of its values (0: no such value, so nothing matches).
        chosen_codes = [
            [codes.get((name, value), 0) for value in values]
            for name, values in query.facets.items()
        ]
        chosen = [
            Q(facet_codes__holds_all=facet_codes)
            if name in EVERY_VALUE_FACETS
            else Q(facet_codes__overlaps=facet_codes)
            for name, facet_codes in zip(query.facets, chosen_codes, strict=True)
        ]
        flags = {
            f"chosen_{i}": ExpressionWrapper(q, output_field=BooleanField())
            for i, q in enumerate(chosen)
        }
        score = self.text_score(query.text) if query.text else Value(0.0)
        if chosen:
            score = Case(When(reduce(operator.and_, chosen), then=score), default=Value(0.0))
        distance = ["distance"] if query.has_point else []
        # The name orders only a search with neither words nor a point; elsewhere carrying it
        # through every match costs time for nothing.
        name = [] if query.text or query.has_point else ["name"]
        columns = ["id", *name, "score", "reviewed", *distance, "is_free", "wheelchair"]
        columns += ["facet_set", "derived_facet_set"]
        matches = (
            self.matching(query)
            .annotate(score=ExpressionWrapper(score, output_field=FloatField()), **flags)
            .values(*columns, *flags)
        )
        matches_sql, params = matches.query.sql_with_params()
        with_hits = ""
        if flags:
            every_flag = " AND ".join(f"m.{flag}" for flag in flags)
            with_hits = f", hits AS (SELECT * FROM m WHERE {every_flag})"
        hits = "hits" if flags else "m"
        recent = "p.reviewed DESC NULLS LAST"
        order = {
            (
                True,
                True,
            ): f"p.score / (1 + p.distance / {BLEND_KM}) DESC, {recent}, p.distance, p.id",
            (True, False): f"p.score DESC, {recent}, p.id",
            (False, True): f"p.distance, {recent}, p.id",
            (False, False): "p.name, p.id",
        }[(bool(query.text), query.has_point)]
        counts_sql, counts_params = _facet_counts_sql(query, list(flags), hits)
        statement = f"""
            WITH m AS {"NOT MATERIALIZED" if flags else "MATERIALIZED"} ({matches_sql}){with_hits}
            SELECT
              (SELECT coalesce(json_agg(json_build_array(p.id, p.score,
                                        {"p.distance" if distance else "NULL"}) ORDER BY {order}),
                               '[]')
               FROM (SELECT * FROM {hits} p ORDER BY {order} LIMIT %s OFFSET %s) p),
              (SELECT json_build_array(count(*), count(*) FILTER (WHERE is_free),
                                       count(*) FILTER (WHERE wheelchair)) FROM {hits}),
              ({counts_sql})"""
        with connection.cursor() as cursor:
            cursor.execute(statement, [*params, query.limit, query.offset, *counts_params])
            page, (total, free, wheelchair), facet_values = cursor.fetchone()
        return DirectoryResults(
            hits=[SearchHit(id=i, score=float(s), distance_km=d) for i, s, d in page],
            total=total,
            facets={
                **_counts_by_facet(facet_values.items()),
                "free": {"yes": free},
                "wheelchair": {"yes": wheelchair},
            },
        )

    every_concept = True  # a match has every concept of the query; else any of them

    def match_text(self, entries: QuerySet, text: str) -> QuerySet:
        understood = understand(text)
        wanted = _concepts_query(understood.concepts, every=self.every_concept)
        if wanted is not None:
            entries = entries.filter(search_vector=wanted)
        unwanted = _concepts_query(tuple((w,) for w in understood.excluded), every=False)
        if unwanted is not None:
            entries = entries.exclude(search_vector=unwanted)
        return entries

    def text_score(self, text: str) -> Expression:
        """ts_rank against any concept, so a listing with more of them ranks higher, with the
        words as typed counting three times as much as the thesaurus's expansions of them."""
        concepts = understand(text).concepts
        wanted = _rank_query(concepts)
        typed = _rank_query(tuple((concept[0],) for concept in concepts))
        if wanted is None or typed is None:
            return Value(0.0)
        return SearchRank(F("search_vector"), typed) * Value(2.0) + SearchRank(
            F("search_vector"), wanted
        )


class _SomeWordsEngine(PostgresEngine):
    """Second try when no listing has every concept: those with any, most and best first."""

    every_concept = False


class _TypoTolerantEngine(PostgresEngine):
    """Second try when full-text search found nothing: names similar to the words typed."""

    def search(self, query: DirectoryQuery) -> DirectoryResults:
        return self._search_in_one_statement(query)

    def match_text(self, entries: QuerySet, text: str) -> QuerySet:
        return entries.filter(TrigramWordSimilar(F("name"), Value(text)))

    def text_score(self, text: str) -> Expression:
        return TrigramWordSimilarity(text, "name")


_TYPO_ENGINE = _TypoTolerantEngine()
_SOME_WORDS_ENGINE = _SomeWordsEngine()


class SQLiteEngine(DatabaseEngine):
    """The fallback for the demo: every word must appear somewhere, in any of its forms
    (English stems, as PostgreSQL's, see search.stemming); no typos.

    Scores mirror the PostgreSQL weights: the whole text in the name scores 8, each word
    in the name 4, in the keywords 2, in the body 1. They rise more steeply than ts_rank,
    so blended with distance their square root is used: a closer, slightly weaker match
    can lead, as on PostgreSQL. Facet values are rows of DirectoryEntryFacet.
    """

    MAX_WORDS = 8  # each word adds to the SQL; SQLite's parser has a small stack
    MAX_ALTERNATIVES = 4  # phrases tried per concept

    def index(self, documents: Iterable[DirectoryDocument]) -> None:
        documents = list(documents)
        with transaction.atomic():
            super().index(documents)
            DirectoryEntryText.objects.bulk_create(
                DirectoryEntryText(
                    entry_id=doc.id, keywords=doc.keywords, body=doc.body, extra=doc.extra
                )
                for doc in documents
            )
            DirectoryEntryFacet.objects.bulk_create(
                DirectoryEntryFacet(entry_id=doc.id, facet=facet, value=value)
                for doc in documents
                for facet, value in _facet_pairs(doc)
            )

    def _search(self, query: DirectoryQuery) -> DirectoryResults:
        matches = self.matching(query)
        # Scores are computed for the page only: counting and faceting never rank. The
        # totals ride along with the page as window aggregates, saving a pass over matches.
        no_score = Value(0.0, output_field=FloatField())
        scored = matches.annotate(
            score=self.text_score(query.text) if query.text else no_score, **_TOTALS_OVER_ALL
        )
        fields = ["id", "score", "distance"] if query.has_point else ["id", "score"]
        if query.text and query.has_point:
            blended = ExpressionWrapper(
                Sqrt(F("score")) / (1 + F("distance") / BLEND_KM), output_field=FloatField()
            )
            ordered = scored.annotate(blended=blended).order_by(
                "-blended", RECENT_FIRST, "distance", "id"
            )
        elif query.has_point:
            ordered = scored.order_by("distance", RECENT_FIRST, "id")
        elif query.text:
            ordered = scored.order_by("-score", RECENT_FIRST, "id")
        else:
            ordered = scored.order_by("name", "id")
        page = ordered[query.offset : query.offset + query.limit]
        rows = list(page.values(*fields, *_TOTALS_OVER_ALL))
        hits = [
            SearchHit(id=row["id"], score=row["score"], distance_km=row.get("distance"))
            for row in rows
        ]
        # A page past the end has no rows to carry the totals, so count them directly.
        totals = rows[0] if rows else matches.aggregate(**_TOTALS)
        facets = self.facet_counts(query)
        facets["free"] = {"yes": _total(totals, "free")}
        facets["wheelchair"] = {"yes": _total(totals, "wheelchair")}
        return DirectoryResults(hits=hits, total=_total(totals, "total"), facets=facets)

    def matching(self, query: DirectoryQuery) -> QuerySet:
        entries = super().matching(query)
        for facet, values in query.facets.items():
            each = [(value,) for value in values] if facet in EVERY_VALUE_FACETS else [values]
            for wanted in each:
                entries = entries.filter(
                    Exists(
                        DirectoryEntryFacet.objects.filter(
                            entry=OuterRef("pk"), facet=facet, value__in=wanted
                        )
                    )
                )
        return entries

    def facet_counts(self, query: DirectoryQuery) -> dict[str, dict[str, int]]:
        """Counts per facet value, each with every filter but its own (the engine contract).

        Facets the query does not filter on share one grouped query over the matches; each
        facet it does filter on needs its own, without that filter.
        """
        counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
        own_left_out = [name for name in query.facets if name not in EVERY_VALUE_FACETS]
        groups = [([name for name in FACETS if name not in own_left_out], query)] + [
            ([name], query.without_facet(name)) for name in own_left_out
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

    every_concept = True  # a match has every concept of the query; else any of them

    def search(self, query: DirectoryQuery) -> DirectoryResults:
        results = self._search(query)
        if results.total or not query.text or not self.every_concept:
            return results
        if len(self._concepts(query.text)) > 1:
            results = _SQLITE_SOME_WORDS._search(query)
        if not results.total and (respelt := respell(query.text)):
            return self.search(replace(query, text=respelt))
        return results

    def match_text(self, entries: QuerySet, text: str) -> QuerySet:
        having = [_anywhere(concept) for concept in self._concepts(text)]
        if having:
            entries = entries.filter(
                reduce(operator.and_ if self.every_concept else operator.or_, having)
            )
        for word in understand(text).excluded[: self.MAX_WORDS]:
            entries = entries.exclude(_anywhere((word,)))
        return entries

    def text_score(self, text: str) -> Expression:
        """The whole text in the name 8; per concept, found in the name 4, keywords 2, body 1."""
        score: Expression = _contains_score("name", text, 8.0)
        for concept in self._concepts(text):
            score = score + Case(
                *(
                    When(_anywhere(concept, (field,)), then=Value(weight))
                    for field, weight in (
                        ("name", 4.0),
                        ("text__keywords", 2.0),
                        ("text__body", 1.0),
                    )
                ),
                default=Value(0.0),
                output_field=FloatField(),
            )
        return score

    def _concepts(self, text: str) -> tuple[tuple[str, ...], ...]:
        return tuple(
            c[: self.MAX_ALTERNATIVES] for c in understand(text).concepts[: self.MAX_WORDS]
        )


class _SQLiteSomeWords(SQLiteEngine):
    """Second try when no listing has every concept: those with any, most and best first."""

    every_concept = False


_SQLITE_SOME_WORDS = _SQLiteSomeWords()
_TEXT_FIELDS = ("name", "text__keywords", "text__body", "text__extra")


def _anywhere(concept: tuple[str, ...], fields: tuple[str, ...] = _TEXT_FIELDS) -> Q:
    """Any phrase of the concept, in any of its word forms, in any of the fields."""
    lookups = [phrase_lookup(phrase) for phrase in concept]
    return reduce(
        operator.or_,
        (Q(**{f"{field}__{lookup}": value}) for lookup, value in lookups for field in fields),
    )


def _facet_pairs(doc: DirectoryDocument) -> set[tuple[str, str]]:
    return {(facet, value) for facet, values in doc.all_facets().items() for value in values}


def _chosen_pairs(query: DirectoryQuery) -> set[tuple[str, str]]:
    return {(facet, value) for facet, values in query.facets.items() for value in values}


def _codes_of(pairs: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """The FacetValue code of each known (facet, value) pair."""
    if not pairs:
        return {}
    rows = FacetValue.objects.filter(value__in={value for _, value in pairs})
    return {(r.facet, r.value): r.id for r in rows if (r.facet, r.value) in pairs}


def _sets_of(code_lists: set[tuple[int, ...]]) -> dict[tuple[int, ...], int]:
    """The FacetSet id of each known sorted list of codes."""
    if not code_lists:
        return {}
    rows = FacetSet.objects.filter(codes__in=[list(codes) for codes in code_lists])
    return {tuple(row.codes): row.id for row in rows}


def _ids_adding_missing(wanted: set, find: Callable[[set], dict], new: Callable) -> dict:
    """The ids `find` knows for the wanted keys, after adding rows made by `new` for the rest.

    Safe when two workers index at once: a row the other added meanwhile is skipped on
    insert and read back with the rest.
    """
    ids = find(wanted)
    missing = wanted - ids.keys()
    if missing:
        rows = [new(key) for key in missing]
        type(rows[0]).objects.bulk_create(rows, ignore_conflicts=True)
        ids = find(wanted)
    return ids


def _total(totals: dict, name: str) -> int:
    return totals.get(f"{name}_all", totals.get(name, 0))


def _counts_by_facet(facet_values: Iterable[tuple[str, int]]) -> dict[str, dict[str, int]]:
    """{"category:12": 3, ...} as {"category": {"12": 3}, ...}, every facet present."""
    counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    for facet_value, count in facet_values:
        facet, _, value = facet_value.partition(":")
        if facet in counts:
            counts[facet][value] = count
    return counts


def _facet_counts_sql(
    query: DirectoryQuery, flags: list[str], hits: str
) -> tuple[str, list[str | list[str]]]:
    """SQL for every facet's counts, "each with every filter but its own" (the contract).

    Facets without a choice, and those counted with their own choices kept
    (EVERY_VALUE_FACETS), are counted over the hits. Each other chosen facet is counted
    over the matches with every other chosen facet's flag: with one facet chosen, a pass
    over all matches, grouped by one set column alone; with more, the other flags narrow it
    through the GIN index. A row's codes come from its set (FacetSet), so each pass groups
    its rows by set (an integer) and unnests each set's codes once, not each row's.
    """
    own_pass = [
        (name, flag)
        for name, flag in zip(query.facets, flags, strict=True)
        if name not in EVERY_VALUE_FACETS
    ]
    passes = [
        f"""SELECT CASE WHEN GROUPING(facet_set) = 0 THEN facet_set ELSE derived_facet_set END
                  AS set_id, count(*) AS n, NULL AS only_facet
            FROM {hits} GROUP BY GROUPING SETS ((facet_set), (derived_facet_set))"""
    ]
    for name, flag in own_pass:
        column = "derived_facet_set" if name in DERIVED_FACETS else "facet_set"
        others = " AND ".join(f"m.{other}" for other in flags if other != flag) or "TRUE"
        passes.append(f"SELECT m.{column}, count(*), %s FROM m WHERE {others} GROUP BY m.{column}")
    own = [name for name, _ in own_pass]
    # Codes are summed first and named after: a few dozen lookups of a value's name, not
    # one for each code of each set.
    sql = f"""SELECT coalesce(json_object_agg(d.facet || ':' || d.value, f.n), '{{}}')
        FROM (SELECT g.only_facet, c.code, sum(g.n) AS n
              FROM ({" UNION ALL ".join(passes)}) g
              JOIN {FacetSet._meta.db_table} s ON s.id = g.set_id
              CROSS JOIN LATERAL unnest(s.codes) c(code)
              GROUP BY g.only_facet, c.code) f
        JOIN {FacetValue._meta.db_table} d ON d.id = f.code
        WHERE CASE WHEN f.only_facet IS NULL THEN d.facet <> ALL(%s)
                   ELSE d.facet = f.only_facet END"""
    return sql, [*own, own]


def _weighted_vector(doc: DirectoryDocument) -> Expression:
    """The document's words as a tsvector, computed as the row is written (no second write)."""
    weighted = [(doc.name, "A"), (doc.keywords, "B"), (doc.body, "C"), (doc.extra, "D")]
    return reduce(
        operator.add,
        (SearchVector(Value(text), weight=w, config=TEXT_CONFIG) for text, w in weighted),
    )


def _concepts_query(concepts: tuple[tuple[str, ...], ...], *, every: bool) -> SearchQuery | None:
    """Each concept as "any of its phrases"; all of them (every) or any of them."""
    if not concepts:
        return None
    alternatives = [
        reduce(
            operator.or_,
            (SearchQuery(p, config=TEXT_CONFIG, search_type="phrase") for p in concept),
        )
        for concept in concepts
    ]
    return reduce(operator.and_ if every else operator.or_, alternatives)


def _rank_query(concepts: tuple[tuple[str, ...], ...]) -> SearchQuery | None:
    """The query ts_rank ranks by: the same score as `_concepts_query(..., every=False)`,
    for less work on every matching row.

    Why the score is the same: when the query's top operator is OR, ts_rank weighs each
    distinct word it holds and ignores how they are joined (tsrank.c, calc_rank_or). So an
    OR of phrases ranks as the OR of their words, and a word repeated across the phrases
    ("food bank", "food banks", "food") is one word. Its cost grows with every word the
    query holds, repeats included, for each row ranked: with a thesaurus's expansions that
    was a quarter of a broad search's time. A lone phrase keeps its own (AND) ranking.
    """
    phrases = [phrase for concept in concepts for phrase in concept]
    if len(phrases) < 2:
        return _concepts_query(concepts, every=False)
    words = dict.fromkeys(word for phrase in phrases for word in phrase.lower().split())
    return reduce(operator.or_, (SearchQuery(word, config=TEXT_CONFIG) for word in words))


def _contains_score(field: str, text: str, weight: float) -> Case:
    return Case(
        When(**{f"{field}__icontains": text}, then=Value(weight)),
        default=Value(0.0),
        output_field=FloatField(),
    )
