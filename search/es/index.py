"""The directory index: analysis, mapping and the stored form of one `DirectoryDocument`.

Text is analysed as English (possessives, stop words, stemming) on the way in; queries also
fold spelling variants through a small synonym graph (at search time only). What residents'
words mean ("talking therapy" -> counselling) is the shared thesaurus, search/thesaurus.py.
"""

from __future__ import annotations

from datetime import time
from typing import Any

from elasticsearch_dsl import (
    Boolean,
    Byte,
    Date,
    GeoPoint,
    Index,
    Integer,
    Keyword,
    Long,
    Mapping,
    Nested,
    Short,
    Text,
    analyzer,
    normalizer,
    token_filter,
)

from search.engine import FACETS, DirectoryDocument

# The analyser's synonym graph keeps only spelling variants; what residents mean is in the
# thesaurus every engine shares (search/thesaurus.py), applied when the query is built.
SYNONYMS = (
    "counselling, counseling",
    "behaviour, behavior",
    "centre, center",
    "programme, program",
    "food bank, foodbank",
)

_possessive = token_filter("english_possessive", "stemmer", language="possessive_english")
_stop = token_filter("english_stop", "stop", stopwords="_english_")
_stemmer = token_filter("english_stemmer", "stemmer", language="english")
_synonyms = token_filter("directory_synonyms", "synonym_graph", synonyms=list(SYNONYMS))

ENGLISH = analyzer(
    "directory_english",
    tokenizer="standard",
    filter=[_possessive, "lowercase", "asciifolding", _stop, _stemmer],
)
# Synonyms before stop words: rules such as "education training and employment" keep their
# "and", which the stop filter then drops from both the query and its expansion.
ENGLISH_SEARCH = analyzer(
    "directory_english_search",
    tokenizer="standard",
    filter=[_possessive, "lowercase", "asciifolding", _synonyms, _stop, _stemmer],
)
SORTABLE = normalizer("directory_sortable", filter=["lowercase", "asciifolding"])

TEXT_FIELDS = ("name", "keywords", "body", "extra")


def _text(**extra: Any) -> Text:
    return Text(analyzer=ENGLISH, search_analyzer=ENGLISH_SEARCH, **extra)


def directory_mapping() -> Mapping:
    """Every filter and facet has a keyword (or numeric) field; nothing is mapped by guess."""
    mapping = Mapping()
    mapping.meta("dynamic", "strict")
    mapping.field("id", Long())
    mapping.field("name", _text(fields={"sort": Keyword(normalizer=SORTABLE)}))
    for name in TEXT_FIELDS[1:]:
        mapping.field(name, _text())
    mapping.field("location", GeoPoint())
    for facet in FACETS:
        mapping.field(facet, Keyword())
    mapping.field("minimum_age", Short())
    mapping.field("maximum_age", Short())
    mapping.field("is_free", Boolean())
    mapping.field("wheelchair", Boolean())
    mapping.field("reviewed", Date())
    # Nested, so "open on Monday at 10:00" matches one opening's day *and* hours.
    mapping.field(
        "openings",
        Nested(properties={"weekday": Byte(), "opens": Integer(), "closes": Integer()}),
    )
    return mapping


def directory_index(name: str, *, alias: str | None = None) -> Index:
    """A concrete index (settings, analysis, mapping), optionally carrying an alias."""
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.mapping(directory_mapping())
    if alias:
        index.aliases(**{alias: {}})
    return index


def seconds(moment: time) -> int:
    """A local time as seconds since midnight: how opening hours are stored and compared."""
    return moment.hour * 3600 + moment.minute * 60 + moment.second


def source(doc: DirectoryDocument) -> dict:
    """The stored form of one listing."""
    has_point = doc.latitude is not None and doc.longitude is not None
    return {
        "id": doc.id,
        "name": doc.name,
        "keywords": doc.keywords,
        "body": doc.body,
        "extra": doc.extra,
        "location": {"lat": doc.latitude, "lon": doc.longitude} if has_point else None,
        **{facet: sorted(set(doc.all_facets().get(facet, ()))) for facet in FACETS},
        "minimum_age": doc.minimum_age,
        "maximum_age": doc.maximum_age,
        "is_free": doc.is_free,
        "wheelchair": doc.wheelchair,
        "reviewed": doc.reviewed.isoformat() if doc.reviewed else None,
        "openings": [
            {"weekday": o.weekday, "opens": seconds(o.opens), "closes": seconds(o.closes)}
            for o in doc.openings
        ],
    }
