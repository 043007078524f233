"""The engine contract in search/engine.py, checked against the configured engine.

Any new engine (Elasticsearch, issue 8) should pass these with DIRECTORY_SEARCH_ENGINE set.
"""

from datetime import time

import pytest
from django.db import connection

from search.engine import DirectoryDocument, DirectoryQuery, OpeningTime, get_engine

pytestmark = pytest.mark.django_db


def doc(id: int, name: str, **fields) -> DirectoryDocument:
    return DirectoryDocument(id=id, name=name, **fields)


def test_index_replaces_and_remove_ignores_unknown_ids():
    engine = get_engine()
    engine.index([doc(1, "Youth club"), doc(2, "Food bank")])
    engine.index([doc(1, "Boxing club")])
    engine.remove([2, 999])
    results = engine.search(DirectoryQuery())
    assert [hit.id for hit in results.hits] == [1]
    assert engine.search(DirectoryQuery(text="youth")).total == 0
    assert engine.search(DirectoryQuery(text="boxing")).total == 1


def test_paging_total_and_no_distance_without_a_point():
    engine = get_engine()
    engine.index([doc(n, f"Club {n:02d}", latitude=52.95, longitude=-1.15) for n in range(1, 8)])
    page = engine.search(DirectoryQuery(offset=5, limit=5))
    assert page.total == 7
    assert [hit.id for hit in page.hits] == [6, 7]
    assert all(hit.distance_km is None for hit in page.hits)
    past_the_end = engine.search(DirectoryQuery(offset=100, limit=5))
    assert (past_the_end.hits, past_the_end.total) == ([], 7)


def test_ranking_name_then_keywords_then_body():
    engine = get_engine()
    engine.index(
        [
            doc(1, "Drop-in", body="Counselling for anyone."),
            doc(2, "Drop-in centre", keywords="Counselling"),
            doc(3, "Counselling service"),
        ]
    )
    assert [hit.id for hit in engine.search(DirectoryQuery(text="counselling")).hits] == [3, 2, 1]


def test_facets_and_openings():
    engine = get_engine()
    monday = (OpeningTime(1, time(9), time(12)),)
    engine.index(
        [
            doc(1, "A", facets={"area": ("gedling",), "language": ("pl", "en")}, openings=monday),
            doc(2, "B", facets={"area": ("gedling",), "language": ("en",)}, is_free=True),
            doc(3, "C", facets={"area": ("mansfield",)}, wheelchair=True),
        ]
    )
    results = engine.search(DirectoryQuery(facets={"area": "gedling"}))
    assert results.total == 2
    assert results.facets["area"] == {"gedling": 2, "mansfield": 1}
    assert results.facets["language"] == {"pl": 1, "en": 2}
    assert results.facets["free"] == {"yes": 1}
    opened = engine.search(DirectoryQuery(open_weekday=1, open_time=time(11, 59)))
    assert [hit.id for hit in opened.hits] == [1]
    assert engine.search(DirectoryQuery(open_weekday=1, open_time=time(12))).total == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="typo tolerance needs pg_trgm")
def test_postgres_tolerates_typos_and_stems():
    engine = get_engine()
    engine.index([doc(1, "Mentoring project"), doc(2, "Bereavement support group")])
    assert [hit.id for hit in engine.search(DirectoryQuery(text="mentorng")).hits] == [1]
    assert [hit.id for hit in engine.search(DirectoryQuery(text="mentors")).hits] == [1]
    assert [hit.id for hit in engine.search(DirectoryQuery(text="bereavment")).hits] == [2]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="facet sets are PostgreSQL's")
@pytest.mark.django_db
def test_ages_days_and_access_needs_keep_to_a_facet_set_of_their_own():
    """Listings alike but for their opening days share their set of given facets, so
    counting by set still groups them (issue 14's 50,000-listing benchmark)."""
    from search.models import DirectoryEntry

    engine = get_engine()
    engine.index(
        DirectoryDocument(
            id=n,
            name=f"Club {n}",
            facets={"category": ("youth-clubs",)},
            openings=(OpeningTime(weekday=n, opens=time(18), closes=time(21)),),
        )
        for n in (1, 2)
    )
    first, second = DirectoryEntry.objects.order_by("id")
    assert first.facet_set_id == second.facet_set_id is not None
    assert first.derived_facet_set_id != second.derived_facet_set_id
    results = engine.search(DirectoryQuery(facets={"day": ("1",)}))
    assert [hit.id for hit in results.hits] == [1]
    assert results.facets["day"] == {"1": 1, "2": 1}
    assert results.facets["category"] == {"youth-clubs": 1}


def _plan_of_search(query: DirectoryQuery) -> str:
    """PostgreSQL's plan for the search's statement, with reading whole tables ruled out, so
    the plan shows which index it can answer from."""
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        get_engine().search(query)
    (statement,) = [q["sql"] for q in captured.captured_queries if "WITH m AS" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN {statement}")
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="covering indexes are PostgreSQL's")
def test_searches_without_words_count_from_the_covering_indexes_alone():
    """The rows carry the search vectors, most of the table: counting facets over thousands
    of matches must not read them (issue 14's 50,000-listing benchmark)."""
    engine = get_engine()
    engine.index(
        doc(
            n,
            f"Club {n}",
            latitude=52.95,
            longitude=-1.15,
            minimum_age=11,
            maximum_age=18,
            facets={"area": ("gedling",), "language": ("en",)},
            wheelchair=bool(n % 2),
        )
        for n in range(1, 5)
    )
    filtered = _plan_of_search(
        DirectoryQuery(facets={"area": ("gedling",), "language": ("en",)}, age=15, wheelchair=True)
    )
    assert "Index Only Scan using entry_filters_idx" in filtered
    near = _plan_of_search(DirectoryQuery(latitude=52.95, longitude=-1.15, radius_km=5))
    reads = near.count(" on search_directoryentry ")
    assert reads and near.count("Index Only Scan using entry_point_idx") == reads


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ts_rank is PostgreSQL's")
@pytest.mark.parametrize(
    "concepts",
    [
        (("food bank", "food banks", "food", "meals"),),
        (("talking therapy", "counselling"), ("daughter", "girl", "young woman")),
        (("mentoring", "mentor"), ("bulwell",)),
        (("step-free", "wheelchair"),),
        (("youth club",),),  # a lone phrase keeps its own ranking
    ],
)
def test_ranking_by_each_word_once_scores_as_the_phrases_do(concepts):
    """The shorter query ts_rank is given scores every listing exactly as the OR of the
    concepts' phrases would (search.database_engines._rank_query)."""
    from django.contrib.postgres.search import SearchRank
    from django.db.models import F

    from search.database_engines import _concepts_query, _rank_query
    from search.models import DirectoryEntry

    get_engine().index(
        [
            doc(1, "Food bank", keywords="food parcels meals", body="A food bank in Bulwell."),
            doc(2, "Talking therapy", keywords="counselling", body="For a young woman or girl."),
            doc(3, "Youth club", body="A youth club with mentoring; step-free entrance."),
            doc(4, "Mentor scheme", keywords="mentoring", body="Mentors for a daughter or son."),
        ]
    )
    vector = F("search_vector")
    scores = DirectoryEntry.objects.order_by("id").annotate(
        full=SearchRank(vector, _concepts_query(concepts, every=False)),
        short=SearchRank(vector, _rank_query(concepts)),
    )
    assert [entry.short for entry in scores] == [
        pytest.approx(entry.full, rel=1e-6) for entry in scores
    ]
    assert any(entry.full > 0 for entry in scores)
