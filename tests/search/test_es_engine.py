"""The Elasticsearch engine's conversation with a cluster: what it sends, and when.

A local fake cluster (tests/search/fake_elasticsearch.py) records the requests; the
answers a real cluster gives for the fixed data set are checked by the contract suite.
"""

import logging
from io import StringIO

import pytest
from django.core.management import call_command

from search.engine import FACETS, DirectoryDocument, DirectoryQuery, EngineUnavailable, get_engine
from search.es.engine import ElasticsearchEngine
from search.es.index import directory_index, source
from search.es.query import build_search
from tests.directory.factories import publish_service
from tests.search.fake_elasticsearch import FakeCluster, serve
from tests.search.test_fallback import fallback_warnings

ALIAS = "hub-directory"
NO_AGGREGATIONS = {
    **{facet: {"values": {"buckets": []}} for facet in FACETS},
    "free": {"doc_count": 0},
    "wheelchair": {"doc_count": 0},
}


def answer(*ids: int) -> tuple[int, dict]:
    hits = [{"_id": str(pk), "_score": 1.0} for pk in ids]
    return 200, {
        "hits": {"total": {"value": len(ids)}, "hits": hits},
        "aggregations": NO_AGGREGATIONS,
    }


@pytest.fixture
def cluster(settings):
    fake = FakeCluster()
    server = serve(fake)
    settings.ELASTICSEARCH_URL = fake.url
    settings.DIRECTORY_ELASTICSEARCH_INDEX = ALIAS
    yield fake
    server.shutdown()
    server.server_close()


def test_search_sends_the_built_body_to_the_alias(cluster):
    cluster.search_answers.append(answer(3, 9))
    query = DirectoryQuery(text="boxing", latitude=52.954, longitude=-1.148, radius_km=8)
    cluster.search_answers[0][1]["hits"]["hits"][0]["sort"] = [1.5]
    cluster.search_answers[0][1]["hits"]["hits"][1]["sort"] = [4.0]

    results = ElasticsearchEngine().search(query)

    assert cluster.sent(f"/{ALIAS}/_search") == [build_search(query).to_dict()]
    assert [(hit.id, hit.distance_km) for hit in results.hits] == [(3, 1.5), (9, 4.0)]


@pytest.mark.django_db  # "Did you mean" looks for a respelling among the indexed words first
def test_when_nothing_matches_it_asks_again_tolerating_typos(cluster):
    cluster.search_answers += [answer(), answer(4)]
    query = DirectoryQuery(text="mentorng")

    results = ElasticsearchEngine().search(query)

    assert cluster.sent("/_search") == [
        build_search(query).to_dict(),
        build_search(query, fuzzy=True).to_dict(),
    ]
    assert [hit.id for hit in results.hits] == [4]


def test_browsing_with_no_results_does_not_retry(cluster):
    cluster.search_answers.append(answer())
    ElasticsearchEngine().search(DirectoryQuery(facets={"area": "bassetlaw"}))
    assert len(cluster.sent("/_search")) == 1


def test_the_first_write_creates_a_live_index_then_writes_to_it(cluster):
    doc = DirectoryDocument(id=8, name="Online counselling", keywords="Counselling")

    ElasticsearchEngine().index([doc])

    (created,) = cluster.indices
    assert created.startswith(f"{ALIAS}-")
    assert cluster.sent(f"/{created}", "PUT") == [directory_index(created, alias=ALIAS).to_dict()]
    assert cluster.sent("/_bulk") == [[{"index": {"_index": created, "_id": 8}}, source(doc)]]


def test_removing_before_any_index_exists_writes_nothing(cluster):
    ElasticsearchEngine().remove([8])
    assert [r.method for r in cluster.requests] == ["GET"]


def test_a_cluster_error_is_reported_as_unavailable(cluster):
    cluster.search_answers.append((500, {"error": {"type": "search_phase_execution_exception"}}))
    with pytest.raises(EngineUnavailable):
        ElasticsearchEngine().search(DirectoryQuery(text="boxing"))


@pytest.mark.django_db
def test_a_cluster_error_on_the_search_page_answers_from_the_database(
    client, home_page, cluster, settings, caplog
):
    publish_service(name="Boxing club")
    settings.DIRECTORY_SEARCH_ENGINE = "search.es.engine.ElasticsearchWithFallback"
    failure = {"type": "search_phase_execution_exception", "reason": "all shards failed [boxing]"}
    cluster.search_answers.append((500, {"error": failure, "status": 500}))

    with caplog.at_level(logging.WARNING, logger="search.es.engine"):
        response = client.get("/services/", {"q": "boxing"})

    assert response.status_code == 200
    assert "Boxing club" in response.content.decode()
    assert fallback_warnings(caplog) == [
        "Directory search answered from the database instead: "
        "Elasticsearch ApiError: search_phase_execution_exception"
    ]
    assert "boxing" not in caplog.text  # what was searched for stays out of the log


@pytest.mark.django_db
def test_rebuild_fills_a_new_index_then_swaps_the_alias_in_one_request(cluster, settings):
    first = publish_service(name="Boxing club")
    second = publish_service(name="Family hub")
    cluster.indices["hub-directory-1"] = {ALIAS}
    settings.DIRECTORY_SEARCH_ENGINE = "search.es.engine.ElasticsearchWithFallback"
    output = StringIO()

    call_command("rebuild_directory_index", batch_size=1, stdout=output)

    (new,) = cluster.indices
    assert cluster.indices == {new: {ALIAS}}
    assert cluster.sent(f"/{new}", "PUT") == [
        directory_index(new, alias=f"{ALIAS}-incoming").to_dict()
    ]
    bulks = cluster.sent("/_bulk")
    written = [(line["index"]["_index"], line["index"]["_id"]) for b in bulks for line in b[::2]]
    # Until the swap, every write also refreshes the live index, so nothing is lost.
    assert written == [
        ("hub-directory-1", first.pk),
        (new, first.pk),
        ("hub-directory-1", second.pk),
        (new, second.pk),
    ]
    assert cluster.sent("/_aliases") == [
        {
            "actions": [
                {"add": {"index": new, "alias": ALIAS}},
                {"remove": {"index": new, "alias": f"{ALIAS}-incoming"}},
                {"remove_index": {"index": "hub-directory-1"}},
            ]
        }
    ]
    swap = next(i for i, r in enumerate(cluster.requests) if r.path == "/_aliases")
    assert all(r.path != "/_bulk" for r in cluster.requests[swap:])
    assert output.getvalue().splitlines() == [
        "Rebuilding the directory index with ElasticsearchWithFallback.",
        "Checked 1 of 2 listings (50%).",
        "Checked 2 of 2 listings (100%).",
        "Done: 2 published listings searchable.",
    ]


def test_a_failed_rebuild_drops_its_new_index_and_leaves_search_alone(cluster):
    cluster.indices["hub-directory-1"] = {ALIAS}
    engine = ElasticsearchEngine()

    with pytest.raises(RuntimeError), engine.rebuilding():
        raise RuntimeError("the database went away")

    assert cluster.indices == {"hub-directory-1": {ALIAS}}
    assert cluster.sent("/_aliases") == []


@pytest.mark.django_db
def test_rebuild_on_the_database_engine_shows_progress():
    publish_service(name="Boxing club")
    output = StringIO()
    call_command("rebuild_directory_index", stdout=output)
    assert output.getvalue().splitlines()[1:] == [
        "Checked 1 of 1 listings (100%).",
        "Done: 1 published listings searchable.",
    ]
    assert get_engine().search(DirectoryQuery(text="boxing")).total == 1
