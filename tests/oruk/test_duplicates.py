"""Duplicates across directories are found and staff merge them in the admin."""

import pytest

from assets_directory.models import Service
from assets_directory.oruk.demo import DEMO_FEEDS
from assets_directory.oruk.demo import load as load_demo_feeds
from assets_directory.oruk.duplicates import find_duplicates
from assets_directory.oruk.importer import import_feed
from assets_directory.oruk.models import DuplicatePair, ListingSource
from cms.core.roles import PANEL_MEMBER, VRU_STAFF
from tests.directory.factories import publish_service
from tests.oruk.factories import demo_records, feed_record, write_feed

pytestmark = pytest.mark.django_db


def _pairs() -> set[tuple[str, str, str]]:
    return {
        (pair.first.name, pair.second.name, pair.reason)
        for pair in DuplicatePair.objects.select_related("first", "second")
    }


def test_demo_feeds_overlap_on_name_and_postcode_and_on_phone():
    load_demo_feeds()
    assert _pairs() == {
        (
            "Meadows Youth Club",
            "Youth club nights (Meadows)",
            "same organisation name and postcode",
        ),
        (
            "Young People's Bereavement Support",
            "Bereavement support for young people",
            "same phone number",
        ),
    }
    load_demo_feeds()  # idempotent: nothing new is raised
    assert DuplicatePair.objects.count() == 2


def test_same_email_against_our_own_listing_is_a_duplicate(tmp_path):
    publish_service(name="Our mentoring", email="Mentoring@Radford-Futures.example.org")
    import_feed("city", str(DEMO_FEEDS["city directory"]))
    assert find_duplicates() == 1
    assert _pairs() == {("Our mentoring", "Radford Mentoring Project", "same email address")}


def test_listings_of_one_source_are_not_paired(tmp_path):
    records = [feed_record("x-1", "Club A"), feed_record("x-2", "Club B")]  # same phone
    import_feed("city", write_feed(tmp_path / "f.json", records))
    assert find_duplicates() == 0


def _demo_pair(name: str) -> DuplicatePair:
    load_demo_feeds()
    return DuplicatePair.objects.get(first__name=name)


def test_staff_merge_keeps_one_and_archives_the_other(client, mfa_user, tmp_path):
    pair = _demo_pair("Meadows Youth Club")
    staff, _ = mfa_user(roles=[VRU_STAFF])
    client.force_login(staff)
    listing = client.get("/admin/oruk/duplicates/")
    assert listing.status_code == 200
    assert "Meadows Youth Club" in listing.content.decode()
    response = client.post(f"/admin/oruk/duplicates/{pair.pk}/resolve/", {"keep": pair.first_id})
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == DuplicatePair.Status.MERGED and pair.kept_id == pair.first_id
    assert pair.decided_by == staff and pair.decided_at is not None
    assert pair.second.archived
    assert not Service.objects.searchable().filter(pk=pair.second_id).exists()
    assert Service.objects.searchable().filter(pk=pair.first_id).exists()
    remaining = client.get("/admin/oruk/duplicates/").content.decode()
    assert "Kept &#x27;Meadows Youth Club&#x27;" in remaining  # the message after the merge
    assert f"/admin/oruk/duplicates/{pair.pk}/resolve/" not in remaining

    # The county feed changes the merged listing: it stays archived.
    records = demo_records("county.json")
    records[0]["description"] = "Changed upstream."
    summary = import_feed("county directory", write_feed(tmp_path / "county.json", records))
    assert summary.kept_merged == 1
    pair.second.refresh_from_db()
    assert pair.second.archived
    assert ListingSource.objects.get(service=pair.second).merged_into_id == pair.first_id


def test_staff_can_dismiss_and_others_cannot_review(client, mfa_user, make_user):
    pair = _demo_pair("Young People's Bereavement Support")
    client.force_login(make_user(roles=[PANEL_MEMBER]))
    assert client.get("/admin/oruk/duplicates/").status_code in (302, 403)
    assert client.post(
        f"/admin/oruk/duplicates/{pair.pk}/resolve/", {"keep": "none"}
    ).status_code in (302, 403)
    pair.refresh_from_db()
    assert pair.status == DuplicatePair.Status.OPEN

    staff, _ = mfa_user(roles=[VRU_STAFF])
    client.force_login(staff)
    client.post(f"/admin/oruk/duplicates/{pair.pk}/resolve/", {"keep": "none"})
    pair.refresh_from_db()
    assert pair.status == DuplicatePair.Status.DISMISSED and pair.decided_by == staff
    assert Service.objects.searchable().filter(pk__in=[pair.first_id, pair.second_id]).count() == 2
    assert find_duplicates() == 0  # a dismissed pair is not raised again
