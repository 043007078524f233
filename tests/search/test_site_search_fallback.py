"""Site search with Elasticsearch down answers from the database, never a 500."""

import pytest
from django.test import override_settings

from tests.factories import StandardPageFactory

DEAD_CLUSTER = {
    "BACKEND": "wagtail.search.backends.elasticsearch8",
    "URLS": ["http://127.0.0.1:9"],  # nothing listens on the discard port
    "INDEX": "nottshub-test-dead",
    "TIMEOUT": 1,
    "OPTIONS": {"max_retries": 0},
    "AUTO_UPDATE": False,
}


@pytest.mark.django_db
def test_site_search_answers_from_the_database_when_elasticsearch_is_down(client, home_page):
    StandardPageFactory(parent=home_page, title="Knife crime support in Bulwell")
    backends = {
        "default": DEAD_CLUSTER,
        "database": {"BACKEND": "wagtail.search.backends.database"},
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        response = client.get("/search/", {"q": "knife crime"})
    assert response.status_code == 200
    assert "Knife crime support in Bulwell" in response.content.decode()
