"""ELASTICSEARCH_URL switches both Wagtail's page search and the directory to Elasticsearch."""

from tests.core.test_settings import _run

SHOW = (
    "from django.conf import settings as s;"
    "print(s.WAGTAILSEARCH_BACKENDS['default']['BACKEND']);"
    "print(repr(s.DIRECTORY_SEARCH_ENGINE));"
    "print(s.DIRECTORY_ELASTICSEARCH_INDEX)"
)


def search_settings(**env: str) -> list[str]:
    result = _run(
        "cms.settings.dev", {"ELASTICSEARCH_URL": "", **env}, "shell", "-v", "0", "-c", SHOW
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_without_elasticsearch_the_database_engines_run():
    assert search_settings() == ["wagtail.search.backends.database", "''", "nottshub-directory"]


def test_elasticsearch_url_selects_elasticsearch_with_the_database_as_fallback():
    assert search_settings(
        ELASTICSEARCH_URL="http://search.internal:9200", ELASTICSEARCH_INDEX_PREFIX="hub"
    ) == [
        "wagtail.search.backends.elasticsearch8",
        "'search.es.engine.ElasticsearchWithFallback'",
        "hub-directory",
    ]


def test_an_explicit_directory_engine_wins():
    assert (
        search_settings(
            ELASTICSEARCH_URL="http://search.internal:9200",
            DIRECTORY_SEARCH_ENGINE="search.database_engines.PostgresEngine",
        )[1]
        == "'search.database_engines.PostgresEngine'"
    )
