"""Anonymous visitors get public pages from the cache; a change drops them; nobody signed
in, or holding a message or a form's token, is ever served one. Through HTTP, with a real
cache backend (locmem here; the Redis-marked test uses the real Redis)."""

import os

import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.test import Client, TestCase
from wagtail.models import PageViewRestriction

from cms.core import page_cache
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(home_page):
    return StandardPageFactory(
        parent=home_page, title="About the VRU", slug="about", show_in_menus=True
    )


def _get(client: Client, path: str):
    response = client.get(path)
    assert response.status_code == 200, path
    return response


def test_a_public_page_is_served_from_the_cache_with_headers_a_cdn_can_use(client, about):
    first = _get(client, "/about/")
    second = _get(client, "/about/")
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    cache_control = {part.strip() for part in second["Cache-Control"].split(",")}
    assert {"public", "max-age=0", "s-maxage=60"} <= cache_control
    assert "Cookie" in second["Vary"]  # a proxy must not hand it to a signed-in person
    assert second["X-Frame-Options"] == "DENY"  # set below the cache, stored with the page
    not_modified = client.get("/about/", HTTP_IF_NONE_MATCH=second["ETag"])
    assert not_modified.status_code == 304 and not_modified.content == b""


def test_publishing_a_change_shows_on_the_next_anonymous_request(client, about):
    assert "About the VRU" in _get(client, "/about/").content.decode()
    assert "About the VRU" in _get(client, "/").content.decode()  # the home page lists it
    about.title = "Who we are"
    with TestCase.captureOnCommitCallbacks(execute=True):
        about.save_revision().publish()
    assert "Who we are" in _get(client, "/about/").content.decode()
    home = _get(client, "/")
    assert "Who we are" in home.content.decode() and home["X-Cache"] == "miss"


def test_unpublishing_takes_the_page_away_at_once(client, about):
    _get(client, "/about/")
    with TestCase.captureOnCommitCallbacks(execute=True):
        about.unpublish()
    assert client.get("/about/").status_code == 404


def test_a_page_rendered_while_a_change_was_being_made_is_not_kept(client, about, monkeypatch):
    """The versions are read before rendering: a page that started before a publish and
    finished after it is stored under the old versions, so it is never served."""
    real_serve = type(about).serve

    def serve_during_a_publish(page, request, *args, **kwargs):
        response = real_serve(page, request, *args, **kwargs)
        page_cache.drop("pages")  # someone published while this page was rendering
        return response

    monkeypatch.setattr(type(about), "serve", serve_during_a_publish)
    _get(client, "/about/")
    monkeypatch.undo()
    assert _get(client, "/about/")["X-Cache"] == "miss"


def test_signed_in_people_never_get_a_cached_page_and_theirs_is_never_stored(
    client, about, make_user
):
    _get(client, "/about/")
    _get(client, "/about/")  # stored for anonymous visitors
    client.force_login(make_user(username="resident"))
    for _ in range(2):
        response = _get(client, "/about/")
        assert "X-Cache" not in response and "Sign out" in response.content.decode()
        assert "private" in response["Cache-Control"]
    client.logout()
    anonymous = _get(client, "/about/")
    assert anonymous["X-Cache"] == "hit" and "Sign out" not in anonymous.content.decode()


def test_a_visitor_with_messages_waiting_is_served_fresh(client, about):
    _get(client, "/about/")
    client.cookies[CookieStorage.cookie_name] = "anything"
    assert "X-Cache" not in _get(client, "/about/")


def test_pages_with_a_form_token_are_never_stored(client, home_page):
    from tests.directory.factories import publish_service

    service = publish_service(name="Boxing club")
    path = f"/services/listing/{service.slug}/report/"
    for _ in range(2):
        response = _get(client, path)
        assert "X-Cache" not in response and "csrfmiddlewaretoken" in response.content.decode()


def test_restricted_pages_are_never_cached(client, about):
    PageViewRestriction.objects.create(page=about, restriction_type="password", password="x")
    for _ in range(2):
        assert "X-Cache" not in _get(client, "/about/")


def test_making_a_cached_page_private_takes_it_out_of_the_cache_at_once(client, about):
    _get(client, "/about/")
    assert _get(client, "/about/")["X-Cache"] == "hit"
    with TestCase.captureOnCommitCallbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=about, restriction_type="password", password="x"
        )
    private = _get(client, "/about/")
    assert "X-Cache" not in private and 'name="password"' in private.content.decode()
    with TestCase.captureOnCommitCallbacks(execute=True):
        restriction.delete()
    assert _get(client, "/about/")["X-Cache"] == "miss"  # public again, rendered afresh


def test_a_failing_cache_never_breaks_a_page(client, about, page_cache_down):
    # Every page cache call fails, and the page is served anyway.
    for _ in range(2):
        response = _get(client, "/about/")
        assert "About the VRU" in response.content.decode() and response["X-Cache"] == "miss"
    with TestCase.captureOnCommitCallbacks(execute=True):
        about.save_revision().publish()  # dropping pages fails quietly too


@pytest.mark.redis
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (CI PostgreSQL run)")
def test_with_the_real_redis_a_publish_drops_the_page(client, about, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "test-page-cache",
        }
    }

    cache.clear()
    _get(client, "/about/")
    assert _get(client, "/about/")["X-Cache"] == "hit"
    about.title = "Who we are"
    with TestCase.captureOnCommitCallbacks(execute=True):
        about.save_revision().publish()
    assert "Who we are" in _get(client, "/about/").content.decode()
    cache.clear()
