"""The request body sent to Elasticsearch for each kind of search, and reading its answer."""

from datetime import time

from search.engine import FACETS, DirectoryQuery, SearchHit
from search.es.query import build_search, parse_response

TEXT_FIELDS = ["name^8", "keywords^4", "body^2", "extra"]
BY_RELEVANCE = [
    {"_score": {"order": "desc"}},
    {"reviewed": {"order": "desc", "missing": "_last"}},  # ties: never the alphabet
    {"id": {"order": "asc"}},
]
NEAR_NG1 = {"lat": 52.954, "lon": -1.148}


def body(**query) -> dict:
    return build_search(DirectoryQuery(**query)).to_dict()


def facet_aggregations(chosen: dict[str, dict]) -> dict:
    """What every search asks for: each facet filtered by the other facets' choices."""

    def all_of(clauses):
        return {"bool": {"filter": clauses}} if clauses else {"match_all": {}}

    def others(facet):
        return [{"terms": {name: values}} for name, values in chosen.items() if name != facet]

    def yes(field):
        return all_of([*others(None), {"term": {field: True}}])

    return {
        **{
            facet: {
                "filter": all_of(others(facet)),
                "aggs": {"values": {"terms": {"field": facet, "size": 500}}},
            }
            for facet in FACETS
        },
        "free": {"filter": yes("is_free")},
        "wheelchair": {"filter": yes("wheelchair")},
    }


FIRST_PAGE_BY_RELEVANCE = {
    "aggs": facet_aggregations({}),
    "sort": BY_RELEVANCE,
    "from": 0,
    "size": 20,
    "track_total_hits": True,
    "_source": False,
}


def test_everything_sorted_by_name():
    assert body() == {
        "query": {"bool": {"must": [{"match_all": {}}]}},
        **FIRST_PAGE_BY_RELEVANCE,
        "sort": [{"name.sort": {"order": "asc"}}, {"id": {"order": "asc"}}],
    }


def phrase(text, operator="and"):
    return {"combined_fields": {"query": text, "fields": TEXT_FIELDS, "operator": operator}}


def test_text_every_concept_must_match_with_name_boosted_and_matches_highlighted():
    # "Help with" is a stop phrase; "knives" is a resident's word for the listings' "knife".
    assert body(text="help with knives crime") == {
        "query": {
            "bool": {
                "must": [
                    {
                        "bool": {
                            "must": [
                                {
                                    "bool": {
                                        "should": [
                                            phrase("knives"),
                                            phrase("knife crime"),
                                            phrase("knife"),
                                        ],
                                        "minimum_should_match": 1,
                                    }
                                },
                                phrase("crime"),
                            ]
                        }
                    }
                ]
            }
        },
        **FIRST_PAGE_BY_RELEVANCE,
        "highlight": {
            "encoder": "html",
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "fields": {
                "name": {"number_of_fragments": 0},
                "body": {"fragment_size": 150, "number_of_fragments": 2},
            },
        },
    }


def test_a_minus_leaves_out_listings_mentioning_a_word():
    assert body(text="boxing -football -rugby")["query"] == {
        "bool": {
            "must": [
                {
                    "bool": {
                        "should": [
                            phrase("boxing"),
                            phrase("sport and fitness"),
                            phrase("sport"),
                            phrase("football"),
                        ],
                        "minimum_should_match": 1,
                    }
                }
            ],
            "must_not": [phrase("football rugby", operator="or")],
        }
    }


def test_when_no_listing_has_every_concept_any_of_them_will_do():
    partial = build_search(DirectoryQuery(text="mentoring bulwell"), every=False).to_dict()
    assert partial["query"]["bool"]["must"] == [
        {
            "bool": {
                "should": [
                    {"bool": {"should": [phrase("mentoring"), phrase("mentor")],
                              "minimum_should_match": 1}},
                    phrase("bulwell"),
                ],
                "minimum_should_match": 1,
            }
        }
    ]  # fmt: skip


def test_second_try_tolerates_typos():
    fuzzy = build_search(DirectoryQuery(text="mentorng"), fuzzy=True).to_dict()
    assert fuzzy["query"] == {
        "bool": {
            "must": [
                {
                    "multi_match": {
                        "query": "mentorng",
                        "fields": TEXT_FIELDS,
                        "fuzziness": "AUTO",
                        "prefix_length": 1,
                        "operator": "and",
                    }
                }
            ]
        }
    }
    assert "highlight" in fuzzy


def test_point_and_radius_filter_by_distance_and_sort_nearest_first():
    sent = body(latitude=52.954, longitude=-1.148, radius_km=16.09)
    assert sent["query"] == {
        "bool": {
            "must": [{"match_all": {}}],
            "filter": [{"geo_distance": {"distance": "16.09km", "location": NEAR_NG1}}],
        }
    }
    assert sent["sort"] == [
        {
            "_geo_distance": {
                "location": NEAR_NG1,
                "order": "asc",
                "unit": "km",
                "distance_type": "arc",
            }
        },
        *BY_RELEVANCE,
    ]
    assert sent["track_scores"] is True


def test_a_point_without_radius_keeps_only_listings_with_a_place():
    sent = body(latitude=52.954, longitude=-1.148)
    assert sent["query"]["bool"]["filter"] == [{"exists": {"field": "location"}}]


def test_age_admits_listings_without_limits():
    assert body(age=12)["query"]["bool"]["filter"] == [
        {
            "bool": {
                "must_not": [
                    {"range": {"minimum_age": {"gt": 12}}},
                    {"range": {"maximum_age": {"lt": 12}}},
                ]
            }
        }
    ]


def test_free_and_wheelchair_filters():
    assert body(free_only=True, wheelchair=True)["query"]["bool"]["filter"] == [
        {"term": {"is_free": True}},
        {"term": {"wheelchair": True}},
    ]


def test_open_at_matches_one_opening_by_day_and_hours():
    assert body(open_weekday=1, open_time=time(9, 30))["query"]["bool"]["filter"] == [
        {
            "nested": {
                "path": "openings",
                "query": {
                    "bool": {
                        "filter": [
                            {"term": {"openings.weekday": 1}},
                            {"range": {"openings.opens": {"lte": 34200}}},
                            {"range": {"openings.closes": {"gt": 34200}}},
                        ]
                    }
                },
            }
        }
    ]


def test_open_on_a_day_at_any_time():
    nested = body(open_weekday=3)["query"]["bool"]["filter"][0]["nested"]
    assert nested["query"] == {"bool": {"filter": [{"term": {"openings.weekday": 3}}]}}


def test_facet_choices_filter_hits_after_counting_so_each_facet_ignores_its_own():
    chosen = {"area": ["mansfield"], "category": ["sport", "youth"]}
    sent = body(facets=chosen)
    assert "filter" not in sent["query"]["bool"]
    assert sent["post_filter"] == {
        "bool": {
            "filter": [
                {"terms": {"area": ["mansfield"]}},
                {"terms": {"category": ["sport", "youth"]}},
            ]
        }
    }
    assert sent["aggs"] == facet_aggregations(chosen)
    assert sent["aggs"]["area"]["filter"] == {
        "bool": {"filter": [{"terms": {"category": ["sport", "youth"]}}]}
    }


def test_access_needs_must_all_match_and_count_with_their_own_choices():
    sent = body(facets={"access": ["bsl", "hearing_loop"], "area": ["gedling"]})
    both = {"bool": {"filter": [{"term": {"access": "bsl"}}, {"term": {"access": "hearing_loop"}}]}}
    assert sent["post_filter"] == {"bool": {"filter": [both, {"terms": {"area": ["gedling"]}}]}}
    assert sent["aggs"]["access"]["filter"] == {
        "bool": {"filter": [both, {"terms": {"area": ["gedling"]}}]}
    }
    assert sent["aggs"]["area"]["filter"] == {"bool": {"filter": [both]}}


def test_paging():
    sent = body(offset=40, limit=20)
    assert (sent["from"], sent["size"], sent["track_total_hits"]) == (40, 20, True)


def test_reading_the_answer():
    response = {
        "hits": {
            "total": {"value": 12, "relation": "eq"},
            "hits": [
                {
                    "_id": "3",
                    "_score": 2.5,
                    "sort": [1.25, 2.5, "near", 3],
                    "highlight": {"name": ["<mark>Boxing</mark> club"]},
                },
                {"_id": "9", "_score": None, "sort": [4.0, 1.0, "far", 9]},
            ],
        },
        "aggregations": {
            "category": {
                "doc_count": 12,
                "values": {"buckets": [{"key": "sport", "doc_count": 7}]},
            },
            "area": {"doc_count": 12, "values": {"buckets": []}},
            "language": {"doc_count": 12, "values": {"buckets": [{"key": "en", "doc_count": 12}]}},
            "age_band": {"doc_count": 12, "values": {"buckets": [{"key": "5-11", "doc_count": 3}]}},
            "day": {"doc_count": 12, "values": {"buckets": [{"key": "2", "doc_count": 4}]}},
            "access": {"doc_count": 12, "values": {"buckets": [{"key": "bsl", "doc_count": 1}]}},
            "free": {"doc_count": 5},
            "wheelchair": {"doc_count": 0},
        },
    }
    results = parse_response(
        response, DirectoryQuery(text="boxing", latitude=52.9, longitude=-1.1, radius_km=5)
    )
    assert results.total == 12
    assert results.hits == [
        SearchHit(
            id=3, score=2.5, distance_km=1.25, highlights={"name": ("<mark>Boxing</mark> club",)}
        ),
        SearchHit(id=9, score=0.0, distance_km=4.0),
    ]
    assert results.facets == {
        "category": {"sport": 7},
        "area": {},
        "language": {"en": 12},
        "age_band": {"5-11": 3},
        "day": {"2": 4},
        "access": {"bsl": 1},
        "free": {"yes": 5},
        "wheelchair": {"yes": 0},
    }


def test_without_a_point_hits_have_no_distance():
    response = {
        "hits": {"total": {"value": 1}, "hits": [{"_id": "4", "_score": 1.0}]},
        "aggregations": {
            **{f: {"values": {"buckets": []}} for f in FACETS},
            "free": {"doc_count": 0},
            "wheelchair": {"doc_count": 0},
        },
    }
    assert parse_response(response, DirectoryQuery()).hits == [SearchHit(id=4, score=1.0)]
