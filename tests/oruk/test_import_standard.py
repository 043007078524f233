"""The importer on what the world sends: the standard's own published example records
(OpenReferralUK/uk-profile `examples/service_full.json`, `service_list.json`, vendored in
tests/oruk/standard/ under CC BY-SA 4.0), a 1.0 feed paged like Outpost's API (Spring's
`content`/`totalPages`/`last`), and our own feed served, imported afresh and served again.
Each test says what is kept.
"""

from __future__ import annotations

import copy
import io
import json
from datetime import date, time
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Revision

from assets_directory.models import Location, Organisation, Service, ServiceAtLocation
from assets_directory.oruk.importer import import_feed, import_records
from assets_directory.oruk.models import FeedRun, ListingSource
from tests.directory.factories import publish_service
from tests.oruk.factories import demo_records

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).parent / "standard" / "uk-profile" / "examples"


def example(name: str) -> dict:
    return json.loads((EXAMPLES / f"{name}.json").read_text())


class FakeFeed:
    """Stands in for another directory's API: answers GETs from a dict of url -> pages."""

    def __init__(self, pages: dict[str, object]):
        self.pages = pages
        self.asked: list[tuple[str, dict | None]] = []

    def __call__(self, url: str, params: dict | None = None, timeout: int = 0):
        self.asked.append((url, params))
        page = (params or {}).get("page", 1)
        body = self.pages.get(f"{url}?page={page}", self.pages.get(url))
        return _Response(body)


class _Response:
    def __init__(self, body):
        self.body = body

    def raise_for_status(self):
        if self.body is None:
            import requests

            raise requests.HTTPError("404 Not Found")

    def json(self):
        return copy.deepcopy(self.body)


@pytest.fixture
def fake_feed(monkeypatch):
    def install(pages: dict[str, object]) -> FakeFeed:
        feed = FakeFeed(pages)
        monkeypatch.setattr("assets_directory.oruk.importer.requests.get", feed)
        return feed

    return install


def _state() -> dict:
    return {
        "services": list(Service.objects.order_by("pk").values()),
        "locations": list(Location.objects.order_by("pk").values()),
        "revisions": Revision.objects.count(),
        "sources": list(ListingSource.objects.order_by("pk").values("source_id", "content_hash")),
    }


def test_the_standards_full_service_record_is_kept(tmp_path, postcodes):
    """uk-profile examples/service_full.json, as one record in a file."""
    path = tmp_path / "service_full.json"
    path.write_text(json.dumps(example("service_full")))
    summary = import_feed("example", str(path))
    assert (summary.created, summary.failed) == (1, [])
    service = Service.objects.get()
    assert str(service.uuid) == "ac148810-d857-441c-9679-408f346de14b"  # its id is ours now
    assert service.name == "Community Counselling" and service.live
    assert (service.url, service.email) == ("http://example.com/counselling", "email@example.com")
    assert (service.minimum_age, service.maximum_age) == (12, 100)
    assert service.last_reviewed == date(2005, 1, 1)  # upstream assured_date, not today
    assert not service.is_free and service.fees_description == "fees_description"
    assert [(s.weekday, s.opens_at, s.closes_at) for s in service.regular_schedules.all()] == [
        (4, time(10), time(18)),
        (5, time(10), time(18)),
    ]
    location = service.primary_location()
    assert str(location.uuid) == "3a19ff88-4620-4d17-9830-ac1d859eb5d5"
    assert (location.address_1, location.city) == ("1-30 Main Street", "MyCity")
    assert location.accessibility.startswith("The building is equipped with induction loops")
    assert not location.wheelchair_accessible  # only the words, no flag: kept as words
    assert location.latitude is None  # 100/101 is not a place on Earth, and no UK postcode
    assert [(c.name, c.title) for c in service.contacts.all()] == [
        ("Ann Persona", "Reception Manager")
    ]
    organisation = service.organisation
    assert (organisation.name, organisation.url) == (
        "Example Organization Inc.",
        "http://example.com",
    )
    kept = [link.term.data for link in service.foreign_terms.select_related("term")]
    assert kept == [
        {
            "id": "3f7b145d-84af-42d7-8fae-eaca714b02b2",
            "name": "name",
            "description": "description",
            "parent_id": "0bc248fa-dc27-4650-9ba4-8f1a24ef16a2",
            "taxonomy": "taxonomy",
            "term_uri": "http://example.com",
            "term": "name",
        }
    ]
    before = _state()
    assert import_feed("example", str(path)).unchanged == 1
    assert _state() == before  # a second run changes nothing


def test_a_3_0_list_is_followed_by_each_full_record(fake_feed, postcodes):
    """uk-profile examples/service_list.json lists one-to-one fields only (HSDS API reference:
    list items "do not need to contain arrays of child entities"): /services/{id} is fetched."""
    listing = example("service_list")
    listing.update(total_pages=1, last_page=True)
    full = example("service_full")
    feed = fake_feed(
        {
            "https://dir.example/api/services": listing,
            f"https://dir.example/api/services/{full['id']}": full,
        }
    )
    summary = import_feed("dir", "https://dir.example/api/services")
    assert summary.created == 1
    assert (f"https://dir.example/api/services/{full['id']}", None) in feed.asked
    service = Service.objects.get()
    assert service.regular_schedules.count() == 2 and service.primary_location() is not None


def test_a_1_0_feed_paged_like_outpost_is_read_to_the_end(fake_feed, postcodes):
    """Outpost's API pages as Spring does: content, totalPages, number, last (no last_page)."""
    records = demo_records("city.json")
    half = len(records) // 2
    base = "https://outpost.example/api/v1/services"

    def spring(part, number):
        return {
            "content": part,
            "totalElements": len(records),
            "totalPages": 2,
            "number": number,
            "size": half,
            "first": number == 0,
            "last": number == 1,
        }

    fake_feed(
        {f"{base}?page=1": spring(records[:half], 0), f"{base}?page=2": spring(records[half:], 1)}
    )
    summary = import_feed("outpost", base)
    assert summary.created == len(records) and summary.failed == []
    club = Service.objects.get(name="Meadows Youth Club")
    assert (club.minimum_age, club.maximum_age) == (11, 17)  # 1.0 eligibilitys
    assert club.primary_location().postal_code == "NG2 3RH"  # 1.0 physical_addresses
    assert club.primary_location().wheelchair_accessible
    assert club.primary_location().accessibility == "Wheelchair accessible entrance"
    assert {c.slug for c in club.categories.all()}  # 1.0 service_taxonomys, ours by name


def test_links_next_paging_is_followed(fake_feed, postcodes):
    records = demo_records("county.json")
    base = "https://links.example/services"
    fake_feed(
        {
            f"{base}?page=1": {"contents": records[:1], "links": {"next": f"{base}/p2"}},
            f"{base}/p2": {"contents": records[1:], "links": {}},
        }
    )
    assert import_feed("links", base).created == len(records)


def test_status_costs_duplicates_and_accessibility_are_kept_faithfully(postcodes):
    base = example("service_full")

    def variant(n: int, **changes) -> dict:
        record = copy.deepcopy(base)
        record.update({"id": f"rec-{n}", "name": f"Service {n}", **changes})
        record.pop("service_at_locations")
        return record

    null_charge = [
        {"id": "c", "option": "Per session", "amount": None, "amount_description": "Ask"}
    ]
    feed = [
        variant(1, cost_options=null_charge, fees=""),
        variant(2, status="defunct"),
        variant(3, status="inactive"),
        variant(1, name="Same id again"),
        variant(4, cost_options=[{"id": "f", "option": "Free", "amount": 0}], fees=""),
    ]
    summary = import_records("mixed", feed)
    assert summary.duplicates == ["rec-1"]
    assert (
        "rec-1",
        "Another record in this feed has the same id; the first was kept.",
    ) in summary.failed
    assert summary.not_published == 2
    assert set(Service.objects.values_list("name", flat=True)) == {"Service 1", "Service 4"}
    charged = Service.objects.get(name="Service 1")
    assert not charged.is_free and charged.fees_description == "Ask"  # null amount: not free
    assert Service.objects.get(name="Service 4").is_free
    # Published, then withdrawn upstream: our copy is archived, not left findable.
    feed[0]["status"] = "inactive"
    import_records("mixed", feed[:1])
    assert Service.objects.get(name="Service 1").archived


def test_moderated_feeds_send_imports_to_the_moderators(tmp_path, postcodes, settings):
    settings.ORUK_IMPORT_MODERATED = ["careful"]
    path = tmp_path / "feed.json"
    path.write_text(json.dumps({"contents": [example("service_full")]}))
    import_feed("careful", str(path))
    service = Service.objects.get()
    assert not service.live and service.workflow_in_progress
    assert not Service.objects.searchable().exists()


def test_incremental_runs_ask_for_what_changed_and_archive_nothing(fake_feed, postcodes):
    records = demo_records("city.json")
    base = "https://inc.example/services"
    feed = fake_feed({base: {"contents": records, "last_page": True}})
    import_feed("inc", base)
    assert FeedRun.objects.get(source_name="inc")
    feed.pages[base] = {"contents": records[:1], "last_page": True}
    summary = import_feed("inc", base, incremental=True)
    assert "modified_after" in feed.asked[-1][1]
    assert summary.archived == 0 and summary.unchanged == 1
    assert Service.objects.filter(archived=False).count() == len(records)


def test_round_trip_our_feed_imported_afresh_serves_the_same_records(client, postcodes):
    """Our feed, imported into an empty directory and served again: the same records, field
    for field (only `last_modified` differs: it is when this directory changed the record)."""
    publish_service(
        name="City youth club",
        description="Football and music.",
        categories=["youth-clubs"],
        areas=["nottingham-city"],
        languages=["en", "pl"],
        minimum_age=11,
        maximum_age=17,
        wheelchair=True,
        schedules=[(1, time(18), time(21))],
        eligibility_description="Young people",
        url="https://example.org/club",
        email="club@example.org",
    )
    publish_service(
        name="Mentors", categories=["mentoring"], is_free=False, fees_description="£2 a session"
    )
    Location.objects.update(accessibility="Step-free entrance; hearing loop.")
    Location.objects.filter(wheelchair_accessible=True).update(
        step_free=True, hearing_loop=True, bsl=True, quiet_space=True
    )

    def served() -> list[dict]:
        ids = [item["id"] for item in client.get("/api/services").json()["contents"]]
        out = [client.get(f"/api/services/{sid}").json() for sid in ids]
        for record in out:
            record.pop("last_modified")
        return out

    ours = served()
    Service.objects.all().delete()
    ServiceAtLocation.objects.all().delete()
    Location.objects.all().delete()
    Organisation.objects.all().delete()
    imported = import_records("hub", copy.deepcopy(ours))
    assert (imported.created, imported.failed) == (2, [])
    again = served()
    assert again == ours
    needs = Location.objects.filter(wheelchair_accessible=True).values(
        "step_free", "hearing_loop", "bsl", "quiet_space", "accessible_toilet", "interpreters"
    )
    assert list(needs) == [
        {
            "step_free": True,
            "hearing_loop": True,
            "bsl": True,
            "quiet_space": True,
            "accessible_toilet": False,
            "interpreters": False,
        }
    ]
    # And again: no "Wheelchair accessible" piles up, nothing changes.
    import_records("hub2", copy.deepcopy(again))
    notes = set(Location.objects.values_list("accessibility", flat=True))
    assert notes == {"Step-free entrance; hearing loop."}


def test_the_command_reports_duplicates_and_not_published(tmp_path, postcodes):
    record = example("service_full")
    path = tmp_path / "feed.json"
    path.write_text(json.dumps({"contents": [record, record]}))
    out, err = io.StringIO(), io.StringIO()
    call_command("import_oruk", str(path), name="cmd", stdout=out, stderr=err)
    assert "1 duplicate ids" in out.getvalue()
    assert "same id" in err.getvalue()


def _lga_attribute(term: dict) -> dict:
    return {"id": f"attr-{term['name']}", "link_type": "service", "taxonomy_term": term}


def test_another_directorys_lga_terms_land_in_the_categories_we_map_to_them(client, postcodes):
    """The LGA's shared lists, written as other directories write them (their own term ids,
    the LGA URI as the id, a CURIE, a 1.0 vocabulary): each term one of our categories maps
    to files the listing there; an LGA term we do not map is kept as it came."""
    record = example("service_full")
    record["attributes"] = [
        _lga_attribute(
            {
                "id": "7d1b0f0e-5b8e-4f5e-9d7e-0a3c2b1d4e5f",  # their own id for the term
                "name": "Mentoring schemes",
                "code": "627",
                "taxonomy": "esdServiceTypes",
                "term_uri": "http://id.esd.org.uk/service/627",
            }
        ),
        _lga_attribute({"id": "http://id.esd.org.uk/service/112", "name": "Homelessness support"}),
        _lga_attribute({"id": "esdNeed:69", "name": "Social inclusion", "taxonomy": "esdNeeds"}),
        _lga_attribute({"id": "http://id.esd.org.uk/service/372", "name": "Abandoned vehicles"}),
    ]
    other = example("service_full") | {"id": "d2b1f1a4-0a51-4c55-9d61-8f0b3b7c9e10"}
    other["name"] = "Debt and benefits clinic"
    other.pop("attributes")
    other["service_taxonomys"] = [  # 1.0's shape: the list named by `vocabulary`
        {"taxonomy": {"id": "190", "name": "Benefits advice", "vocabulary": "esdServiceTypes"}}
    ]
    summary = import_records("other", [record, other])
    assert (summary.created, summary.failed) == (2, [])
    counselling = Service.objects.get(name="Community Counselling")
    assert set(counselling.categories.values_list("slug", flat=True)) == {
        "mentoring",
        "housing-and-homelessness",
        "youth-clubs-and-diversionary-activity",
    }
    kept = [link.term.data["name"] for link in counselling.foreign_terms.select_related("term")]
    assert kept == ["Abandoned vehicles"]
    clinic = Service.objects.get(name="Debt and benefits clinic")
    assert list(clinic.categories.values_list("slug", flat=True)) == ["benefits-and-debt-advice"]

    served = client.get(f"/api/services/{counselling.uuid}").json()
    lga = {
        (term["taxonomy"], term["code"])
        for term in (a["taxonomy_term"] for a in served["attributes"])
        if term.get("taxonomy", "").startswith("esd")
    }
    # Ours again beside each category, once each, and the unmapped one as it came.
    assert lga == {("esdServiceTypes", "627"), ("esdServiceTypes", "112"), ("esdNeeds", "69")}
    names = [a["taxonomy_term"]["name"] for a in served["attributes"]]
    assert names.count("Mentoring schemes") == 1 and "Abandoned vehicles" in names
