"""When Elasticsearch cannot answer, the directory answers from the database and says so."""

import logging
import socket
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from search.engine import DirectoryDocument, DirectoryQuery, EngineUnavailable, get_engine
from search.es.engine import ElasticsearchWithFallback
from search.models import DirectoryEntry
from tests.directory.factories import publish_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def unreachable_elasticsearch(settings) -> str:
    """ELASTICSEARCH_URL at a local port nothing listens on, with the default engine for it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"
    settings.DIRECTORY_SEARCH_ENGINE = "search.es.engine.ElasticsearchWithFallback"
    return settings.ELASTICSEARCH_URL


def fallback_warnings(caplog) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == "search.es.engine" and record.levelno == logging.WARNING
    ]


def test_search_page_answers_from_the_database_and_logs_a_warning(request, client, caplog):
    request.getfixturevalue("home_page")
    publish_service(name="Boxing club", description="Training for teenagers.")
    publish_service(name="Family hub", description="Parents meet here.")
    request.getfixturevalue("unreachable_elasticsearch")  # goes down after indexing

    with caplog.at_level(logging.WARNING):
        response = client.get("/services/", {"q": "boxing"})

    assert isinstance(get_engine(), ElasticsearchWithFallback)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Boxing club" in html
    assert "Family hub" not in html
    (warning,) = fallback_warnings(caplog)
    assert warning.startswith("Directory search answered from the database instead")


def test_publishing_while_elasticsearch_is_down_still_publishes_and_indexes_the_database(
    unreachable_elasticsearch, caplog
):
    with caplog.at_level(logging.WARNING):
        service = publish_service(name="Boxing club")
    service.refresh_from_db()
    assert service.live
    assert DirectoryEntry.objects.filter(pk=service.pk, name="Boxing club").exists()
    results = get_engine().search(DirectoryQuery(text="boxing"))
    assert [hit.id for hit in results.hits] == [service.pk]


def test_a_failed_write_reaches_the_database_then_is_raised_so_the_task_retries(
    unreachable_elasticsearch,
):
    engine = get_engine()
    with pytest.raises(EngineUnavailable):
        engine.index([DirectoryDocument(id=41, name="Boxing club")])
    assert DirectoryEntry.objects.filter(pk=41).exists()
    with pytest.raises(EngineUnavailable):
        engine.remove([41])
    assert not DirectoryEntry.objects.filter(pk=41).exists()


def test_rebuilding_while_elasticsearch_is_down_fails_clearly(unreachable_elasticsearch):
    with pytest.raises(CommandError, match="Searches still use the index they used before"):
        call_command("rebuild_directory_index", stdout=StringIO())
