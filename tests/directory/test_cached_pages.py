"""The directory's cached pages (a listing, searches, the API, the Gaps page) show each change
on the next anonymous request: moderation, imports, unpublishing, gap edits. Through HTTP."""

import io
import re
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.test import Client, TestCase
from django.urls import reverse

from assets_directory.gaps import coverage
from assets_directory.gaps.models import Gap
from cms.core.roles import VRU_STAFF
from search.cached_engine import CachedEngine
from search.engine import DirectoryEngine, DirectoryQuery, database_engine, get_engine
from tests.directory.conftest import service_form_data
from tests.directory.factories import publish_service
from tests.directory.test_moderation import moderate
from tests.gaps.factories import GapFactory
from tests.oruk.factories import feed_record, write_feed

pytestmark = pytest.mark.django_db


def _html(client, path: str, data: dict | None = None) -> str:
    response = client.get(path, data or {})
    assert response.status_code == 200, path
    return response.content.decode()


def _twice(client, path: str, data: dict | None = None) -> str:
    """Fetch a page twice, so the second answer comes from the cache."""
    _html(client, path, data)
    response = client.get(path, data or {})
    assert response["X-Cache"] == "hit", path
    return response.content.decode()


def test_moderation_approval_shows_on_the_listing_and_in_search(
    client, staff_client, provider, organisation, home_page
):
    service = publish_service(name="Bulwell Boxing", organisation=organisation)
    listing = f"/services/listing/{service.slug}/"
    assert "A friendly local service." in _twice(client, listing)
    assert "Bulwell Boxing" in _twice(client, "/services/", {"q": "boxing"})
    provider_client = Client()
    provider_client.force_login(provider)
    edit = reverse("assets_directory:service_edit", args=[service.pk])
    data = service_form_data(name="Bulwell Boxing", description="Now with a homework room.")
    assert provider_client.post(edit, data).status_code == 302
    assert "homework room" not in _html(client, listing)  # waiting for review
    moderate(staff_client, service, "approve")
    assert "homework room" in _html(client, listing)
    assert "Bulwell Boxing" in _html(client, "/services/", {"q": "homework room"})


def test_unpublishing_removes_the_listing_from_its_page_search_and_the_api(client, home_page):
    service = publish_service(name="Boxing club", categories=["youth-clubs"], areas=["ashfield"])
    listing = f"/services/listing/{service.slug}/"
    _twice(client, listing)
    assert "Boxing club" in _twice(client, "/services/", {"q": "boxing"})
    assert "Boxing club" in _twice(client, "/api/services")
    with TestCase.captureOnCommitCallbacks(execute=True):
        service.unpublish()
    assert client.get(listing).status_code == 404
    assert "Boxing club" not in _html(client, "/services/", {"q": "boxing"})
    assert "Boxing club" not in _html(client, "/api/services")


def test_an_import_shows_its_listings_on_the_next_request(client, home_page, tmp_path):
    assert "Youth club nights" not in _twice(client, "/api/services")
    assert "Youth club nights" not in _twice(client, "/services/", {"q": "youth club nights"})
    feed = write_feed(tmp_path / "feed.json", [feed_record("a-1", "Youth club nights")])
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("import_oruk", feed, name="city", stdout=io.StringIO())
    assert "Youth club nights" in _html(client, "/api/services")
    assert "Youth club nights" in _html(client, "/services/", {"q": "youth club nights"})


def test_an_organisation_renamed_in_the_admin_shows_on_its_listings(client, home_page):
    service = publish_service(name="Boxing club")
    listing = f"/services/listing/{service.slug}/"
    _twice(client, listing)
    organisation = service.organisation
    organisation.name = "Renamed Trust"
    with TestCase.captureOnCommitCallbacks(execute=True):
        organisation.save()
    assert "Renamed Trust" in _html(client, listing)


@pytest.fixture
def coverage_stored(db):
    """The coverage matrix as a running site has it: counted when listings last changed."""
    coverage.refresh()


def test_gap_edits_and_new_listings_show_on_the_gaps_page(client, home_page, coverage_stored):
    GapFactory(title="No youth club in Hucknall", areas=["ashfield"])
    html = _twice(client, "/services/gaps/")
    assert "No youth club in Hucknall" in html and "1 service" not in html
    gap = Gap.objects.get()
    gap.title = "No youth club in Kirkby"
    with TestCase.captureOnCommitCallbacks(execute=True):
        gap.save()
    assert "No youth club in Kirkby" in _twice(client, "/services/gaps/")
    publish_service(name="Youth club", categories=["youth-clubs"], areas=["ashfield"])
    assert "1 service, 0.08 per 10,000 residents" in _html(client, "/services/gaps/")


def test_staff_see_their_own_gaps_page_never_the_cached_one(
    client, home_page, mfa_user, coverage_stored
):
    GapFactory(title="Proposal awaiting review", status=Gap.Status.PROPOSED)
    assert "Proposal awaiting review" not in _twice(client, "/services/gaps/")
    staff, _ = mfa_user(roles=[VRU_STAFF])
    client.force_login(staff)
    response = client.get("/services/gaps/")
    assert "Proposal awaiting review" in response.content.decode()
    assert "X-Cache" not in response and "private" in response["Cache-Control"]


def test_service_pages_expire_when_open_now_would_change(client, home_page, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 59, 30, tzinfo=ZoneInfo("Europe/London")))
    service = publish_service(name="Drop-in", schedules=[(1, time(10), time(12))])
    response = client.get(f"/services/listing/{service.slug}/")
    # It opens in 30 seconds, so a proxy may keep it for no longer.
    assert re.search(r"s-maxage=(29|30)\b", response["Cache-Control"])


class CountingEngine(DirectoryEngine):
    """The database engine, counting the searches that reach it."""

    def __init__(self):
        self.engine = database_engine()
        self.searches = 0

    def index(self, documents):
        self.engine.index(documents)

    def remove(self, ids):
        self.engine.remove(ids)

    def search(self, query):
        self.searches += 1
        return self.engine.search(query)


def test_searches_are_cached_per_normalised_query_until_the_index_changes(settings, home_page):
    settings.DIRECTORY_SEARCH_CACHE_SECONDS = 60
    boxing = publish_service(name="Boxing club")
    counting = CountingEngine()
    engine = CachedEngine(counting)
    first = engine.search(DirectoryQuery(text="Boxing  Club", facets={"area": "x", "b": "y"}))
    again = engine.search(DirectoryQuery(text="boxing club", facets={"b": "y", "area": "x"}))
    assert counting.searches == 1 and again.total == first.total
    assert engine.search(DirectoryQuery(text="boxing club")).total == 1
    assert counting.searches == 2  # a different search
    engine.remove([boxing.pk])
    assert engine.search(DirectoryQuery(text="boxing club")).total == 0
    assert counting.searches == 3


def test_the_site_uses_the_cached_engine_when_searches_are_cached(settings):
    settings.DIRECTORY_SEARCH_CACHE_SECONDS = 60
    assert isinstance(get_engine(), CachedEngine)
    settings.DIRECTORY_SEARCH_CACHE_SECONDS = 0
    assert not isinstance(get_engine(), CachedEngine)
