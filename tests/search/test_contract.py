"""What every directory engine must return for one fixed set of listings.

Runs against the database's engine always (PostgreSQL full-text on PostgreSQL, the SQLite
fallback otherwise) and against Elasticsearch when ELASTICSEARCH_URL points at an 8.x
cluster. Each Elasticsearch test works in its own throw-away index.
"""

from datetime import date, time
from uuid import uuid4

import pytest

from search.engine import DirectoryDocument, DirectoryQuery, OpeningTime, database_engine

pytestmark = pytest.mark.django_db

MONDAY, TUESDAY, WEDNESDAY = 1, 2, 3
NG1 = {"latitude": 52.954, "longitude": -1.148}  # Nottingham city centre


def listing(id: int, name: str, keywords: str, body: str, point=None, **facts):
    facets = {
        k: tuple(facts.pop(k)) for k in ("category", "area", "language", "access") if k in facts
    }
    lat, lng = point or (None, None)
    return DirectoryDocument(
        id=id, name=name, keywords=keywords, body=body, latitude=lat, longitude=lng,
        facets=facets, **facts,
    )  # fmt: skip


# Distances from NG1, by the haversine formula with the mean Earth radius (6371.0088 km):
# Beeston 5.464 km, Arnold 5.843 km, Bingham 13.065 km, Mansfield 21.379 km.
LISTINGS = [
    listing(
        1, "Boxing club", "Sport", "Training for teenagers.", (52.954, -1.148),
        category=["sport"], area=["nottingham-city"], language=["en"],
        minimum_age=11, maximum_age=18, is_free=True, wheelchair=True,
        access=["wheelchair_accessible", "hearing_loop"],
        openings=(OpeningTime(TUESDAY, time(18), time(20)),),
    ),
    listing(
        2, "Youth centre", "Boxing Sport", "Drop-in sessions.", (53.005, -1.127),
        category=["sport", "youth"], area=["gedling"], language=["en", "pl"], minimum_age=11,
        openings=(OpeningTime(MONDAY, time(9, 30), time(12)),),
    ),
    listing(
        3, "Family hub", "Parenting", "Parents meet while children try boxing.",
        (52.926, -1.215), category=["parenting"], area=["broxtowe"], language=["pl"],
        is_free=True, wheelchair=True, access=["wheelchair_accessible"],
        openings=(
            OpeningTime(MONDAY, time(13), time(16)),
            OpeningTime(WEDNESDAY, time(13), time(16)),
        ),
    ),
    listing(
        4, "Mansfield mentoring", "Mentoring", "One to one support.", (53.144, -1.197),
        category=["mentoring", "youth"], area=["mansfield"], language=["en"],
        minimum_age=10, maximum_age=25, is_free=True,
    ),
    listing(
        5, "Online counselling", "Counselling", "Talk to someone online.", None,
        category=["counselling"], area=["nottingham-city", "mansfield"], language=["en"],
        minimum_age=18,
    ),
    listing(
        6, "Bingham parents group", "Parenting", "Coffee and a chat for parents.",
        (52.952, -0.953), category=["parenting"], area=["rushcliffe"], language=["en"],
        is_free=True,
    ),
]  # fmt: skip
NAMES = {doc.id: doc.name for doc in LISTINGS} | {
    7: "Knife crime awareness",
    8: "Routes into work",
    9: "Arnold youth club",
    10: "Zouch youth club",
    11: "Woodhouse mentoring",
    12: "Housing advice",
}


@pytest.fixture
def elasticsearch(request, settings):
    """The Elasticsearch engine on a throw-away index holding exactly LISTINGS."""
    if not settings.ELASTICSEARCH_URL:
        pytest.skip("Elasticsearch contract: set ELASTICSEARCH_URL to an 8.x cluster to run it")
    from search.es.engine import ElasticsearchEngine

    settings.DIRECTORY_ELASTICSEARCH_INDEX = f"test-directory-{uuid4().hex[:12]}"
    engine = ElasticsearchEngine()
    request.addfinalizer(lambda: _drop_indices(engine))
    engine.index(LISTINGS)
    return engine


def _drop_indices(engine) -> None:
    """Delete the test's indices by name (clusters refuse wildcard deletes by default)."""
    names = list(engine.client.indices.get(index=f"{engine.alias}-*").body)
    if names:
        engine.client.indices.delete(index=names)


@pytest.fixture(params=["database", "elasticsearch"])
def engine(request):
    """Each engine in turn, holding exactly LISTINGS."""
    if request.param == "elasticsearch":
        return request.getfixturevalue("elasticsearch")
    chosen = database_engine()
    chosen.index(LISTINGS)
    return chosen


def names(engine, **query) -> list[str]:
    return [NAMES[hit.id] for hit in engine.search(DirectoryQuery(**query)).hits]


def test_no_text_lists_everything_by_name(engine):
    results = engine.search(DirectoryQuery())
    assert results.total == 6
    assert [NAMES[hit.id] for hit in results.hits] == [
        "Bingham parents group",
        "Boxing club",
        "Family hub",
        "Mansfield mentoring",
        "Online counselling",
        "Youth centre",
    ]
    assert all(hit.distance_km is None for hit in results.hits)


def test_a_name_match_outranks_keywords_which_outrank_the_body(engine):
    assert names(engine, text="boxing") == ["Boxing club", "Youth centre", "Family hub"]


def test_every_concept_must_match_somewhere(engine):
    assert names(engine, text="boxing parents") == ["Family hub"]


def test_residents_words_find_the_listings_words(engine):
    engine.index(
        [
            listing(7, "Knife crime awareness", "Schools", "Workshops in schools."),
            listing(8, "Routes into work", "ETE", "Help to find a course or a job."),
        ]
    )
    assert names(engine, text="talking therapy") == ["Online counselling"]
    assert names(engine, text="blades") == ["Knife crime awareness"]
    assert names(engine, text="unemployed") == ["Routes into work"]


def test_ties_go_to_the_more_recently_reviewed_never_the_alphabet(engine):
    engine.index(
        [
            listing(9, "Arnold youth club", "Youth", "Games.", reviewed=date(2024, 1, 5)),
            listing(10, "Zouch youth club", "Youth", "Games.", reviewed=date(2026, 6, 1)),
        ]
    )
    assert names(engine, text="youth club")[:2] == ["Zouch youth club", "Arnold youth club"]


def test_stop_phrases_are_dropped(engine):
    assert names(engine, text="help with counselling for my daughter") == ["Online counselling"]
    assert names(engine, text="somewhere for my son near me to do boxing")[0] == "Boxing club"


def test_when_no_listing_has_every_word_those_with_most_words_come_first(engine):
    assert names(engine, text="mentoring in bulwell") == ["Mansfield mentoring"]
    assert names(engine, text="parents coffee bulwell")[:2] == [
        "Bingham parents group",
        "Family hub",
    ]


def test_a_minus_leaves_out_unwanted_words(engine):
    assert names(engine, text="boxing -teenagers") == ["Youth centre", "Family hub"]


def test_within_a_radius_nearest_first_with_distances(engine):
    results = engine.search(DirectoryQuery(**NG1, radius_km=10))
    assert [NAMES[hit.id] for hit in results.hits] == ["Boxing club", "Family hub", "Youth centre"]
    assert [hit.distance_km for hit in results.hits] == [
        pytest.approx(0, abs=0.01),
        pytest.approx(5.464, abs=0.01),
        pytest.approx(5.843, abs=0.01),
    ]
    assert results.total == 3
    assert names(engine, **NG1, radius_km=15)[-1] == "Bingham parents group"


def test_a_point_without_radius_sorts_every_listing_with_a_place(engine):
    assert names(engine, **NG1) == [
        "Boxing club",
        "Family hub",
        "Youth centre",
        "Bingham parents group",
        "Mansfield mentoring",
    ]


def test_text_near_a_point_blends_relevance_and_distance(engine):
    # Bingham's is the better match (in its name) but 13 km off; the family hub 5.5 km.
    assert names(engine, text="parenting", **NG1, radius_km=15) == [
        "Family hub",
        "Bingham parents group",
    ]
    # A far exact match still shows; a near one-word match leads it.
    assert names(engine, text="boxing parents", **NG1, radius_km=30) == ["Family hub"]


def test_facet_counts_with_nothing_chosen(engine):
    assert engine.search(DirectoryQuery()).facets == {
        "category": {"sport": 2, "youth": 2, "parenting": 2, "mentoring": 1, "counselling": 1},
        "area": {
            "nottingham-city": 2,
            "gedling": 1,
            "broxtowe": 1,
            "mansfield": 2,
            "rushcliffe": 1,
        },
        "language": {"en": 5, "pl": 2},
        # A listing without ages is for every age; one without openings is on no day.
        "age_band": {"0-4": 2, "5-11": 5, "12-17": 5, "18-25": 6, "26-64": 4, "65-": 4},
        "day": {"1": 2, "2": 1, "3": 1},
        "access": {"wheelchair_accessible": 2, "hearing_loop": 1},
        "free": {"yes": 4},
        "wheelchair": {"yes": 2},
    }


def test_each_facet_counts_with_every_other_choice_applied(engine):
    results = engine.search(DirectoryQuery(facets={"area": "mansfield", "category": "youth"}))
    assert [NAMES[hit.id] for hit in results.hits] == ["Mansfield mentoring"]
    assert results.facets == {
        # areas: what choosing another area (keeping category youth) would give
        "area": {"gedling": 1, "mansfield": 1},
        # categories: what choosing another category (keeping Mansfield) would give
        "category": {"mentoring": 1, "youth": 1, "counselling": 1},
        "language": {"en": 1},
        "age_band": {"5-11": 1, "12-17": 1, "18-25": 1},
        "day": {},
        "access": {},
        "free": {"yes": 1},
        "wheelchair": {"yes": 0},
    }


def test_several_values_of_a_facet_match_any_of_them_and_facets_all_apply(engine):
    either = {"category": ("sport", "parenting"), "language": ("pl",)}
    results = engine.search(DirectoryQuery(facets=either))
    assert [NAMES[hit.id] for hit in results.hits] == ["Family hub", "Youth centre"]
    # Each facet counts with the others applied, its own choices left out.
    assert results.facets["category"] == {"sport": 1, "youth": 1, "parenting": 1}
    assert results.facets["language"] == {"en": 3, "pl": 2}


def test_access_needs_must_all_be_met_and_count_with_their_own_choices(engine):
    one = engine.search(DirectoryQuery(facets={"access": ("wheelchair_accessible",)}))
    assert [NAMES[hit.id] for hit in one.hits] == ["Boxing club", "Family hub"]
    # What ticking a need as well would leave.
    assert one.facets["access"] == {"wheelchair_accessible": 2, "hearing_loop": 1}
    both = engine.search(
        DirectoryQuery(facets={"access": ("wheelchair_accessible", "hearing_loop")})
    )
    assert [NAMES[hit.id] for hit in both.hits] == ["Boxing club"]
    assert both.facets["access"] == {"wheelchair_accessible": 1, "hearing_loop": 1}
    assert both.facets["area"] == {"nottingham-city": 1}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"facets": {"category": "parenting"}}, ["Bingham parents group", "Family hub"]),
        ({"facets": {"language": "pl"}}, ["Family hub", "Youth centre"]),
        (
            {"facets": {"category": ("parenting", "mentoring")}},
            ["Bingham parents group", "Family hub", "Mansfield mentoring"],
        ),
        ({"facets": {"age_band": ("0-4",)}}, ["Bingham parents group", "Family hub"]),
        ({"facets": {"day": ("2", "3")}}, ["Boxing club", "Family hub"]),
        ({"age": 10}, ["Bingham parents group", "Family hub", "Mansfield mentoring"]),
        (
            {"free_only": True},
            ["Bingham parents group", "Boxing club", "Family hub", "Mansfield mentoring"],
        ),
        ({"wheelchair": True}, ["Boxing club", "Family hub"]),
        ({"open_weekday": MONDAY, "open_time": time(10)}, ["Youth centre"]),
        ({"open_weekday": MONDAY, "open_time": time(12)}, []),  # closing time is not open
        ({"open_weekday": MONDAY, "open_time": time(13)}, ["Family hub"]),
        ({"open_weekday": WEDNESDAY}, ["Family hub"]),
        ({"open_weekday": TUESDAY, "open_time": time(19, 59)}, ["Boxing club"]),
    ],
)
def test_filters(engine, query, expected):
    assert names(engine, **query) == expected


def test_paging_counts_every_match(engine):
    page = engine.search(DirectoryQuery(offset=2, limit=2))
    assert [NAMES[hit.id] for hit in page.hits] == ["Family hub", "Mansfield mentoring"]
    assert page.total == 6
    beyond = engine.search(DirectoryQuery(offset=6, limit=2))
    assert (beyond.hits, beyond.total) == ([], 6)


def test_index_replaces_and_remove_forgets_ignoring_unknown_ids(engine):
    renamed = listing(1, "Boxing academy", "Sport", "Training.", (52.954, -1.148))
    engine.index([renamed])
    assert [hit.id for hit in engine.search(DirectoryQuery(text="academy")).hits] == [1]
    assert engine.search(DirectoryQuery()).total == 6
    engine.remove([1, 999])
    assert engine.search(DirectoryQuery()).total == 5
    assert engine.search(DirectoryQuery(text="academy")).total == 0


# --- What only the Elasticsearch engine promises -------------------------------------------


def test_elasticsearch_forgives_a_typo(elasticsearch):
    assert names(elasticsearch, text="mentorng") == ["Mansfield mentoring"]


def test_elasticsearch_highlights_the_matched_words(elasticsearch):
    hits = elasticsearch.search(DirectoryQuery(text="boxing")).hits
    assert hits[0].highlights["name"] == ("<mark>Boxing</mark> club",)
    assert hits[2].highlights["body"] == ("Parents meet while children try <mark>boxing</mark>.",)


def test_elasticsearch_search_keeps_working_through_a_rebuild(elasticsearch):
    with elasticsearch.rebuilding():
        elasticsearch.index(LISTINGS[:2])
        assert elasticsearch.search(DirectoryQuery()).total == 6  # still the old index
    assert names(elasticsearch) == ["Boxing club", "Youth centre"]


def test_a_need_a_language_and_a_day_chosen_together_each_count_with_the_others(engine):
    """Access needs count with every choice; each other facet with every choice but its own."""
    two = engine.search(
        DirectoryQuery(facets={"access": ("wheelchair_accessible",), "language": ("pl",)})
    )
    assert [NAMES[hit.id] for hit in two.hits] == ["Family hub"]
    assert two.facets["language"] == {"en": 1, "pl": 1}  # the wheelchair-accessible two
    assert two.facets["access"] == {"wheelchair_accessible": 1}
    assert two.facets["area"] == {"broxtowe": 1}
    three = engine.search(
        DirectoryQuery(
            facets={"access": ("wheelchair_accessible",), "language": ("pl",), "day": ("1",)}
        )
    )
    assert [NAMES[hit.id] for hit in three.hits] == ["Family hub"]
    assert three.facets["day"] == {"1": 1, "3": 1}
    assert three.facets["language"] == {"pl": 1}  # the boxing club is not open on Mondays
    assert three.facets["category"] == {"parenting": 1}


def test_a_word_form_is_found_only_at_the_start_of_a_word(engine):
    """'jobs' finds 'a job', but 'housing' must not find a club in Woodhouse."""
    engine.index(
        [
            listing(11, "Woodhouse mentoring", "Mentoring", "Weekly sessions."),
            listing(12, "Housing advice", "Housing", "Help when you are homeless."),
        ]
    )
    assert names(engine, text="housing") == ["Housing advice"]
    assert names(engine, text="houses") == ["Housing advice"]
