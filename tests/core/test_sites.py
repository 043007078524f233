"""Each worker remembers which Wagtail site a host is, without a query per request, and
forgets it the moment a site or a page's place changes. Through HTTP with the page cache
off, so every request renders (as for someone signed in)."""

import pytest
from django.db import connection
from django.test import RequestFactory, TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from cms.core import sites
from tests.factories import HomePageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _every_request_renders(settings):
    settings.PAGE_CACHE_ENABLED = False
    settings.ALLOWED_HOSTS = ["localhost", "testserver", "other.example.org"]


def _site_queries(client, path: str, **headers) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **headers)
    assert response.status_code == 200, path
    # Wagtail's lookup of a host's site ranks the candidates in a column it calls "match" (its
    # list of every site's root path, kept in the cache, is another query).
    asked = sum(
        '"wagtailcore_site"' in query["sql"] and 'AS "match"' in query["sql"]
        for query in queries.captured_queries
    )
    return response.content.decode(), asked


def test_the_site_is_looked_up_once_then_remembered(client, home_page):
    StandardPageFactory(parent=home_page, title="About the VRU", slug="about")
    assert _site_queries(client, "/about/")[1] == 1
    page, asked = _site_queries(client, "/about/")
    assert asked == 0 and "About the VRU" in page


def test_a_new_root_page_is_served_on_the_next_request(client, home_page):
    _site_queries(client, "/")
    new_home = HomePageFactory(parent=home_page.get_parent(), title="Welcome, new", slug="new")
    StandardPageFactory(parent=new_home, title="Under the new home", slug="under")
    site = Site.objects.get(is_default_site=True)
    site.root_page = new_home
    with TestCase.captureOnCommitCallbacks(execute=True):
        site.save()
    page, asked = _site_queries(client, "/under/")
    assert asked == 1 and "Under the new home" in page


def test_a_second_host_gets_its_own_site_until_that_site_is_deleted(client, home_page):
    other_home = HomePageFactory(parent=home_page.get_parent(), title="Other", slug="other")
    StandardPageFactory(parent=other_home, title="Only on the other site", slug="only")
    other = Site.objects.create(hostname="other.example.org", root_page=other_home)
    other_host = {"HTTP_HOST": "other.example.org"}
    for _ in range(2):
        assert "Only on the other site" in _site_queries(client, "/only/", **other_host)[0]
    assert client.get("/only/").status_code == 404  # the default site has no such page
    with TestCase.captureOnCommitCallbacks(execute=True):
        other.delete()
    assert client.get("/only/", **other_host).status_code == 404  # now the default site's


def test_publishing_a_page_makes_the_site_be_looked_up_again(client, home_page):
    _site_queries(client, "/")
    about = StandardPageFactory(parent=home_page, title="About", slug="about")
    with TestCase.captureOnCommitCallbacks(execute=True):
        about.save_revision().publish()
    assert _site_queries(client, "/about/")[1] == 1


def test_each_request_gets_its_own_site_and_root_page(home_page):
    first, second = (sites.find_for_request(RequestFactory().get("/")) for _ in range(2))
    assert first is not None and second is not None
    first.root_page.title = "Changed by one request"
    assert first is not second and first.root_page is not second.root_page
    assert second.root_page.title == home_page.title


def test_with_the_cache_down_the_site_is_looked_up_every_time(client, home_page, page_cache_down):
    assert [_site_queries(client, "/")[1] for _ in range(2)] == [1, 1]


def test_hosts_kept_are_few_whatever_hosts_are_sent(client, home_page, settings):
    settings.ALLOWED_HOSTS = ["*"]
    for number in range(sites.MAX_HOSTS_KEPT * 3):
        client.get("/", HTTP_HOST=f"host{number}.example.org")
    assert len(sites._found) <= sites.MAX_HOSTS_KEPT
