"""Imports at scale (issue 17): each batch is written in bulk, so the number of queries does
not grow with the number of records, and each imported listing still has the history,
and reference index Wagtail's own publish path gives it."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry, ReferenceIndex

from assets_directory.models import Organisation, Service
from assets_directory.oruk.importer import import_records
from tests.oruk.factories import feed_record

pytestmark = pytest.mark.django_db


def _records(n: int, *, start: int = 0) -> list[dict]:
    return [
        feed_record(f"bulk-{i}", f"Bulk club {i}", description=f"Club number {i}.")
        for i in range(start, start + n)
    ]


def _queries(source_name: str, records: list[dict]) -> int:
    with CaptureQueriesContext(connection) as queries:
        summary = import_records(source_name, records)
    assert summary.failed == []
    return len(queries)


def test_queries_do_not_grow_with_the_number_of_records():
    """Per-record work would show as queries growing with the batch: they stay the same."""
    import_records("warm", _records(1, start=1000))  # vocabularies, content types cached
    few = _queries("few", _records(3))
    many = _queries("many", _records(30, start=100))
    assert many <= few + 2, (few, many)


def test_an_unchanged_rerun_reads_and_writes_next_to_nothing():
    few, many = _records(3), _records(30, start=100)
    import_records("few", few)
    import_records("many", many)
    assert _queries("few", few) == _queries("many", many) <= 6


def test_queries_of_a_changed_rerun_do_not_grow_either():
    few, many = _records(3), _records(30, start=100)
    import_records("few", few)
    import_records("many", many)
    for record in few + many:
        record["description"] += " Now with a hot meal."
    assert _queries("many", many) <= _queries("few", few) + 2


def test_each_imported_listing_has_the_history_wagtail_gives_a_published_one():
    import_records("bulk", _records(2))
    club = Service.objects.get(name="Bulk club 0")
    assert club.live and not club.has_unpublished_changes and club.first_published_at
    assert club.live_revision_id == club.latest_revision_id
    assert club.live_revision.as_object().description == "Club number 0."
    actions = list(
        ModelLogEntry.objects.filter(object_id=str(club.pk))
        .order_by("id")
        .values_list("action", "revision_id")
    )
    assert actions == [
        ("wagtail.edit", club.live_revision_id),
        ("wagtail.publish", club.live_revision_id),
    ]
    # The admin's "usage" of the organisation lists the listing, as after a Wagtail save.
    usage = ReferenceIndex.get_references_to(club.organisation).group_by_source_object()
    assert {source for source, _ in usage} == set(Service.objects.all())


def test_a_changed_record_is_a_new_revision_its_rename_logged_and_children_kept():
    records = _records(1)
    records[0]["contacts"][0]["id"] = str(uuid.uuid4())  # rows are matched by their UUID
    for schedule in records[0]["regular_schedules"]:
        schedule["id"] = str(uuid.uuid4())
    import_records("bulk", records)
    club = Service.objects.get()
    contact, schedules = club.contacts.get(), list(club.regular_schedules.order_by("pk"))
    records[0]["name"] = "Bulk club renamed"
    records[0]["regular_schedules"] = records[0]["regular_schedules"][:1]
    summary = import_records("bulk", records)
    assert (summary.updated, summary.created) == (1, 0)
    club.refresh_from_db()
    assert club.name == "Bulk club renamed" and club.revisions.count() == 2
    assert club.live_revision.as_object().name == "Bulk club renamed"
    assert club.contacts.get().pk == contact.pk  # kept, not recreated
    assert list(club.regular_schedules.all()) == schedules[:1]  # the dropped one deleted
    renamed = ModelLogEntry.objects.get(object_id=str(club.pk), action="wagtail.rename")
    assert renamed.data["title"] == {"old": "Bulk club 0", "new": "Bulk club renamed"}
    assert Organisation.objects.count() == 1


def test_names_that_slugify_alike_get_distinct_slugs_in_one_batch():
    records = [feed_record("a", "Youth Club!"), feed_record("b", "youth club")]
    import_records("bulk", records)
    assert sorted(Service.objects.values_list("slug", flat=True)) == ["youth-club", "youth-club-2"]
