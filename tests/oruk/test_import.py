"""import_oruk: idempotent by source id, updates as revisions, archives removals, survives
bad records, follows pages of a URL feed, and runs as a Celery task."""

import io

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from assets_directory.models import Organisation, Service
from assets_directory.oruk.models import ListingSource
from assets_directory.oruk.tasks import import_oruk_feeds
from tests.oruk.factories import feed_record, write_feed

pytestmark = pytest.mark.django_db


def _import(source: str, name: str = "city") -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_oruk", source, name=name, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _state() -> dict:
    return {
        "services": list(Service.objects.order_by("pk").values_list("name", "archived", "live")),
        "organisations": Organisation.objects.count(),
        "revisions": Revision.objects.count(),
        "sources": list(ListingSource.objects.values_list("source_id", "content_hash")),
    }


@pytest.fixture
def feed(tmp_path):
    records = [
        feed_record("a-1", "Youth club nights", description="Games and sport."),
        feed_record("a-2", "Homework club", description="Help with homework."),
    ]
    return tmp_path / "feed.json", records


def test_first_import_creates_published_listings_with_their_source(feed):
    path, records = feed
    out, err = _import(write_feed(path, records))
    assert "[1/2] Youth club nights" in out and "[2/2] Homework club" in out
    assert "city: 2 created, 0 updated, 0 unchanged, 0 archived" in out
    assert err == ""
    club = Service.objects.searchable().get(name="Youth club nights")
    assert club.live and not club.archived
    assert club.listing_source.source_name == "city" and club.listing_source.source_id == "a-1"
    assert club.organisation.name == "Meadows Youth Trust"
    assert club.organisation.sources.get().source_name == "city"
    assert {c.slug for c in club.categories.all()} == {
        "youth-clubs-and-diversionary-activity",
        "sport-and-fitness",
    }
    assert (club.minimum_age, club.maximum_age) == (11, 17)
    assert club.primary_location().postal_code == "NG2 3RH"
    assert [str(s) for s in club.regular_schedules.all()] == [
        "Monday 18:00-21:00",
        "Wednesday 18:00-21:00",
    ]


def test_second_run_changes_nothing(feed):
    path, records = feed
    source = write_feed(path, records)
    _import(source)
    before = _state()
    out, _ = _import(source)
    assert "0 created, 0 updated, 2 unchanged, 0 archived" in out
    assert _state() == before


def test_upstream_change_updates_our_copy_as_a_new_revision(feed):
    path, records = feed
    _import(write_feed(path, records))
    club = Service.objects.get(name="Youth club nights")
    revisions = club.revisions.count()
    records[0]["description"] = "Games, sport and a hot meal."
    out, _ = _import(write_feed(path, records))
    assert "0 created, 1 updated, 1 unchanged" in out
    club.refresh_from_db()
    assert club.description == "Games, sport and a hot meal."
    assert club.revisions.count() == revisions + 1
    assert club.live and not club.archived
    assert Service.objects.count() == 2  # updated in place, no new listing


def test_upstream_removal_archives_and_return_restores(feed):
    path, records = feed
    _import(write_feed(path, records))
    out, _ = _import(write_feed(path, records[:1]))
    assert "1 archived" in out and "archived Homework club" in out
    homework = Service.objects.get(name="Homework club")
    assert homework.archived
    assert not Service.objects.searchable().filter(pk=homework.pk).exists()
    assert ListingSource.objects.get(source_id="a-2").removed_upstream
    out, _ = _import(write_feed(path, records))
    homework.refresh_from_db()
    assert homework.live and not homework.archived and "1 updated" in out


def test_sources_are_kept_apart(feed):
    path, records = feed
    source = write_feed(path, records)
    _import(source, name="city")
    _import(source, name="county")
    assert Service.objects.count() == 4
    assert ListingSource.objects.filter(source_name="county", kind="service").count() == 2


def test_a_malformed_record_is_reported_and_the_run_carries_on(feed):
    path, records = feed
    bad_age = feed_record("bad-age", "Strange ages")
    bad_age["eligibilitys"][0]["minimum_age"] = "teenagers"
    records += [
        {"name": "No id at all"},
        "not even a record",
        feed_record("no-name", ""),
        bad_age,
        feed_record("bad-email", "Bad email", email="not-an-email"),
    ]
    out, err = _import(write_feed(path, records))
    assert "2 created" in out and "5 failed" in out
    assert "Could not import bad-age: Age 'teenagers' is not a whole number" in err
    assert "Could not import no-name: The service has no name." in err
    assert "Could not import bad-email: email:" in err
    assert "Could not import record 3: The record has no id." in err
    assert set(Service.objects.values_list("name", flat=True)) == {
        "Youth club nights",
        "Homework club",
    }
    assert not ListingSource.objects.filter(source_id="bad-age").exists()


def test_a_bad_record_of_an_imported_listing_does_not_archive_it(feed):
    path, records = feed
    _import(write_feed(path, records))
    records[1]["regular_schedules"] = [{"byday": "XX", "opens_at": "9", "closes_at": "x"}]
    out, err = _import(write_feed(path, records))
    assert "0 archived" in out and "1 failed" in out and "Could not import a-2" in err
    assert Service.objects.searchable().filter(name="Homework club").exists()


def test_unreadable_feed_is_an_error_and_changes_nothing(tmp_path):
    missing = tmp_path / "missing.json"
    with pytest.raises(CommandError, match="Could not read"):
        _import(str(missing))
    (tmp_path / "broken.json").write_text("{not json")
    with pytest.raises(CommandError):
        _import(str(tmp_path / "broken.json"))
    assert not Service.objects.exists()


class FakeResponse:
    def __init__(self, body):
        self.body = body

    def raise_for_status(self):
        return None

    def json(self):
        return self.body


def test_url_feeds_are_read_page_by_page(monkeypatch):
    pages = {
        1: {"page_number": 1, "last_page": False, "content": [feed_record("u-1", "One")]},
        2: {"page_number": 2, "last_page": True, "content": [feed_record("u-2", "Two")]},
    }
    calls = []

    def fake_get(url, params=None, timeout=None):
        calls.append((url, params, timeout))
        return FakeResponse(pages[(params or {}).get("page")])

    monkeypatch.setattr("assets_directory.oruk.importer.requests.get", fake_get)
    out, _ = _import("https://county.example.org/api/services", name="county")
    assert "2 created" in out
    assert [c[1] for c in calls] == [{"page": 1}, {"page": 2}]
    assert calls[0][2] == settings.ORUK_IMPORT_TIMEOUT


def test_celery_task_imports_the_configured_feeds(feed, settings):
    path, records = feed
    settings.ORUK_IMPORT_FEEDS = {"city": write_feed(path, records), "gone": "/nope.json"}
    summaries = import_oruk_feeds.delay().get()
    assert summaries == [
        "city: 2 created, 0 updated, 0 unchanged, 0 archived, 0 left merged, "
        "0 not published (inactive or defunct upstream), 0 failed, 0 duplicate ids",
        "gone: feed could not be read",
    ]
    assert Service.objects.searchable().count() == 2
    entry = settings.CELERY_BEAT_SCHEDULE["oruk-import-feeds"]
    assert entry["task"] == "assets_directory.oruk.tasks.import_oruk_feeds"
