"""A `DirectoryQuery` as an Elasticsearch request body, and the response as results.

How the pieces keep the engine contract (search/engine.py):
- Text: the query's concepts (search.thesaurus, shared by every engine: stop phrases
  dropped, residents' words expanded to listings' words) must each match somewhere, any of
  their phrases (combined_fields, AND within a phrase), with the fields weighted
  name > keywords > body > address. "-word" leaves out listings mentioning it, as on the
  database engines. When nothing has every concept, the engine asks for any of them
  (`every=False`, ranked by how many match); then with `fuzzy=True` (fuzziness AUTO), so
  a typo still finds something but never pushes aside exact matches.
- Facets: filters on the facets themselves go in `post_filter`, everything else in the
  query. Each facet's aggregation is filtered by the *other* facets' choices, so its counts
  are what a person gets by choosing that value instead.
- Distance: a geo_distance filter, and a sort whose first value is the distance in km.
"""

from __future__ import annotations

from elasticsearch_dsl import Q, Search
from elasticsearch_dsl.query import Query

from search.engine import EVERY_VALUE_FACETS, FACETS, DirectoryQuery, DirectoryResults, SearchHit
from search.thesaurus import understand

from .index import seconds

# combined_fields takes boosts of 1 or more: an address match counts once, a name match 8 times.
BOOSTED_FIELDS = ["name^8", "keywords^4", "body^2", "extra"]
FACET_SIZE = 500  # more than the directory's taxonomy terms, areas or languages
YES_NO_FACETS = {"free": "is_free", "wheelchair": "wheelchair"}


def build_search(query: DirectoryQuery, *, fuzzy: bool = False, every: bool = True) -> Search:
    """The whole request for one page of results with its facet counts.

    `every`: a listing must have every concept of the text (search.thesaurus); else any.
    """
    understood = understand(query.text)
    text = _text_query(understood.concepts, fuzzy, every) if understood.concepts else None
    matching = Q("bool", must=[text or Q("match_all")], filter=_filters(query))
    if understood.excluded:
        matching.must_not = [_phrase(" ".join(understood.excluded), fuzzy=False, operator="or")]
    search = Search().query(matching)
    search = search.extra(from_=query.offset, size=query.limit, track_total_hits=True)
    search = search.source(False)
    chosen = _facet_filters(query)
    if chosen:
        search = search.post_filter(Q("bool", filter=list(chosen.values())))
    for facet in FACETS:
        others = [
            clause
            for name, clause in chosen.items()
            if name != facet or name in EVERY_VALUE_FACETS  # those count with their own
        ]
        search.aggs.bucket(facet, "filter", filter=_all_of(others)).bucket(
            "values", "terms", field=facet, size=FACET_SIZE
        )
    for name, field in YES_NO_FACETS.items():
        search.aggs.bucket(
            name, "filter", filter=_all_of([*chosen.values(), Q("term", **{field: True})])
        )
    search = search.sort(*_sort(query))
    if query.has_point:
        search = search.extra(track_scores=True)
    if query.text:
        search = _highlighted(search)
    return search


def parse_response(response: dict, query: DirectoryQuery) -> DirectoryResults:
    """The raw search response as the engine interface's results."""
    hits = [
        SearchHit(
            id=int(hit["_id"]),
            score=hit.get("_score") or 0.0,
            distance_km=hit["sort"][0] if query.has_point else None,
            highlights={field: tuple(parts) for field, parts in hit.get("highlight", {}).items()},
        )
        for hit in response["hits"]["hits"]
    ]
    aggregations = response["aggregations"]
    facets = {
        facet: {
            bucket["key"]: bucket["doc_count"]
            for bucket in aggregations[facet]["values"]["buckets"]
        }
        for facet in FACETS
    }
    for name in YES_NO_FACETS:
        facets[name] = {"yes": aggregations[name]["doc_count"]}
    return DirectoryResults(hits=hits, total=response["hits"]["total"]["value"], facets=facets)


def _text_query(concepts: tuple[tuple[str, ...], ...], fuzzy: bool, every: bool) -> Query:
    """Each concept as any of its phrases; all concepts (every) or at least one."""
    clauses = [_any_of([_phrase(p, fuzzy) for p in concept]) for concept in concepts]
    if every:
        return clauses[0] if len(clauses) == 1 else Q("bool", must=clauses)
    return Q("bool", should=clauses, minimum_should_match=1)


def _any_of(clauses: list[Query]) -> Query:
    return clauses[0] if len(clauses) == 1 else Q("bool", should=clauses, minimum_should_match=1)


def _phrase(text: str, fuzzy: bool, operator: str = "and") -> Query:
    if fuzzy:
        return Q(
            "multi_match",
            query=text,
            fields=BOOSTED_FIELDS,
            fuzziness="AUTO",
            prefix_length=1,
            operator=operator,
        )
    return Q("combined_fields", query=text, fields=BOOSTED_FIELDS, operator=operator)


def _filters(query: DirectoryQuery) -> list[Query]:
    """Every restriction except the facets (those are in the post_filter)."""
    filters = []
    if query.has_point:
        point = {"lat": query.latitude, "lon": query.longitude}
        filters.append(
            Q("exists", field="location")
            if query.radius_km is None
            else Q("geo_distance", distance=f"{query.radius_km}km", location=point)
        )
    if query.age is not None:
        # Unset limits admit every age, and a range never matches a missing value.
        filters.append(
            Q(
                "bool",
                must_not=[
                    Q("range", minimum_age={"gt": query.age}),
                    Q("range", maximum_age={"lt": query.age}),
                ],
            )
        )
    if query.free_only:
        filters.append(Q("term", is_free=True))
    if query.wheelchair:
        filters.append(Q("term", wheelchair=True))
    if query.open_weekday is not None:
        filters.append(Q("nested", path="openings", query=_open_at(query)))
    return filters


def _open_at(query: DirectoryQuery) -> Query:
    clauses = [Q("term", openings__weekday=query.open_weekday)]
    if query.open_time is not None:
        moment = seconds(query.open_time)
        clauses += [
            Q("range", openings__opens={"lte": moment}),
            Q("range", openings__closes={"gt": moment}),
        ]
    return Q("bool", filter=clauses)


def _facet_filters(query: DirectoryQuery) -> dict[str, Query]:
    """Each chosen facet as "any of its values" (all of them for EVERY_VALUE_FACETS)."""
    return {
        facet: _all_of([Q("term", **{facet: value}) for value in values])
        if facet in EVERY_VALUE_FACETS
        else Q("terms", **{facet: list(values)})
        for facet, values in sorted(query.facets.items())
    }


def _all_of(clauses: list[Query]) -> Query:
    return Q("bool", filter=clauses) if clauses else Q("match_all")


def _sort(query: DirectoryQuery) -> list:
    """Nearest first with a point; otherwise best match; ties to the more recently reviewed,
    then the id (never the alphabet). Browsing, with neither, goes by name."""
    if not query.text and not query.has_point:
        return [{"name.sort": {"order": "asc"}}, {"id": {"order": "asc"}}]
    order = [
        {"_score": {"order": "desc"}},
        {"reviewed": {"order": "desc", "missing": "_last"}},
        {"id": {"order": "asc"}},
    ]
    if not query.has_point:
        return order
    distance = {
        "_geo_distance": {
            "location": {"lat": query.latitude, "lon": query.longitude},
            "order": "asc",
            "unit": "km",
            "distance_type": "arc",
        }
    }
    return [distance, *order]


def _highlighted(search: Search) -> Search:
    """Matched words wrapped in <mark>; the text around them is HTML-escaped by the cluster."""
    return (
        search.highlight_options(encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"])
        .highlight("name", number_of_fragments=0)
        .highlight("body", fragment_size=150, number_of_fragments=2)
    )
