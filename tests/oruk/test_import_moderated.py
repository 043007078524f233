"""Moderated imports, withdrawals and archival at scale (issues 15 and 17): each batch is
written in bulk, so queries do not grow with the number of records, and what moderators
and residents see is what Wagtail's own one-listing-at-a-time path gives: a revision each,
the workflow started (a moderation in progress cancelled first), the published row left
until a moderator approves, archived listings out of the directory, the history kept.
Moderators hear once per import, with a count, instead of an e-mail per listing."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry, Revision, TaskState, WorkflowState
from wagtail.users.models import UserProfile

from assets_directory import lifecycle
from assets_directory.models import Service
from assets_directory.oruk import bulk
from assets_directory.oruk.importer import import_records
from assets_directory.oruk.models import ListingSource
from cms.core.roles import VRU_STAFF
from tests.directory.test_moderation import moderate
from tests.directory.test_search import result_names
from tests.oruk.factories import feed_record

pytestmark = pytest.mark.django_db


def _records(n: int, *, start: int = 0, prefix: str = "club") -> list[dict]:
    return [
        feed_record(f"{prefix}-{i}", f"Moderated club {i}", description=f"Club number {i}.")
        for i in range(start, start + n)
    ]


def _queries(source_name: str, records: list[dict], **options) -> int:
    with CaptureQueriesContext(connection) as queries:
        summary = import_records(source_name, records, **options)
    assert summary.failed == []
    return len(queries)


@pytest.fixture
def warm():
    """Vocabularies, content types and the workflow read once, as in a long-running worker."""
    import_records("warm", _records(1, start=1000, prefix="warm"), moderated=True)


# --- Query counts ------------------------------------------------------------------------


def test_a_moderated_import_asks_the_same_number_of_queries_for_3_or_30_records(warm):
    few = _queries("few", _records(3), moderated=True)
    many = _queries("many", _records(30, start=100), moderated=True)
    assert many <= few + 2, (few, many)


@pytest.mark.parametrize(
    "first_moderated",
    [
        pytest.param(True, id="in review already: its moderation cancelled, another started"),
        pytest.param(False, id="published: the live row left alone until approval"),
    ],
)
def test_changed_records_sent_for_review_cost_no_more_queries_either(warm, first_moderated):
    few, many = _records(3), _records(30, start=100)
    import_records("few", few, moderated=first_moderated)
    import_records("many", many, moderated=first_moderated)
    for record in few + many:
        record["description"] += " Now with a hot meal."
    assert _queries("many", many, moderated=True) <= _queries("few", few, moderated=True) + 2


def test_withdrawals_ask_the_same_number_of_queries_for_3_or_30_records(warm):
    few, many = _records(3), _records(30, start=100)
    import_records("few", few)
    import_records("many", many)
    for record in few + many:
        record["status"] = "defunct"
    assert _queries("many", many) <= _queries("few", few) + 2
    assert Service.objects.filter(archived=True).count() == 33


def test_archiving_what_left_the_feed_asks_the_same_queries_for_3_or_30_records(warm):
    few, many = _records(4), _records(31, start=100)
    import_records("few", few)
    import_records("many", many)
    assert _queries("many", many[:1]) <= _queries("few", few[:1]) + 2
    assert Service.objects.filter(archived=True).count() == 33


# --- What is stored: as Wagtail stores it one listing at a time --------------------------


def _one_at_a_time(services):
    """What the importer did before: Wagtail's own path, one listing after another."""
    for service in services:
        lifecycle.send_import_for_review(service)


IDS = ("pk", "id", "uuid", "slug", "service", "location", "organisation")


def _without_ids(value, drop=IDS):
    if isinstance(value, dict):
        return {k: _without_ids(v, drop) for k, v in value.items() if k not in drop}
    if isinstance(value, list):
        return [_without_ids(v, drop) for v in value]
    return value


ROW_IGNORED = {
    "id",
    "uuid",
    "slug",
    "organisation_id",
    "latest_revision_id",
    "live_revision_id",
    "created_at",
    "first_published_at",
    "last_published_at",
}
CONTENT_IGNORED = {"latest_revision", "live_revision", "created_at"}
CONTENT_IGNORED |= {"first_published_at", "last_published_at"}


def _story(source_name: str) -> list[dict]:
    """Everything a moderator or resident could see of a source's listings, without ids."""
    out = []
    for link in ListingSource.objects.filter(source_name=source_name, kind="service").order_by(
        "source_id"
    ):
        service = Service.objects.get(pk=link.service_id)
        revisions = list(service.revisions.order_by("created_at", "id"))
        number = {revision.pk: n for n, revision in enumerate(revisions)}
        row = Service.objects.filter(pk=service.pk).values()[0]
        states = WorkflowState.objects.filter(object_id=str(service.pk)).order_by(
            "created_at", "id"
        )
        out.append(
            {
                "source": (link.source_id, link.removed_upstream),
                "row": {k: v for k, v in row.items() if k not in ROW_IGNORED},
                "latest": number.get(service.latest_revision_id),
                "live": number.get(service.live_revision_id),
                "revisions": [
                    _without_ids({k: v for k, v in r.content.items() if k not in CONTENT_IGNORED})
                    | {"object_str": r.object_str, "user": r.user_id}
                    for r in revisions
                ],
                "workflows": [
                    (
                        state.status,
                        state.requested_by_id,
                        state.workflow_id,
                        [
                            (
                                task.status,
                                task.task_id,
                                number[task.revision_id],
                                task.finished_by_id,
                                task.comment,
                                task.finished_at is not None,
                                task.pk == state.current_task_state_id,
                            )
                            for task in TaskState.objects.filter(workflow_state=state).order_by(
                                "id"
                            )
                        ],
                    )
                    for state in states
                ],
                "history": [
                    (
                        entry.action,
                        entry.label,
                        entry.content_changed,
                        entry.user_id,
                        number.get(entry.revision_id),
                        _without_ids(entry.data, drop=("task_state_id", "uuid")),
                        "task_state_id" in entry.data.get("workflow", {}),
                    )
                    for entry in ModelLogEntry.objects.filter(object_id=str(service.pk)).order_by(
                        "timestamp", "id"
                    )
                ],
            }
        )
    return out


def _moderated_story(source_name: str) -> list[dict]:
    """Published, then changed and sent for review, then changed again while in review (a
    moderation cancelled and restarted); new ones sent twice; one withdrawn in review."""
    records = _records(3)
    import_records(source_name, records[:1])  # club-0 published
    for record in records:
        record["description"] += " Now with a hot meal."
    import_records(source_name, records, moderated=True)
    records[0]["name"] = "Moderated club 0 renamed"
    records[1]["description"] += " And a bus home."
    records[2]["status"] = "inactive"
    import_records(source_name, records, moderated=True)
    return _story(source_name)


def test_a_moderated_batch_is_stored_as_wagtail_stores_each_listing(monkeypatch):
    bulk_story = _moderated_story("bulk")
    with monkeypatch.context() as patched:
        patched.setattr(bulk, "send_for_review", _one_at_a_time)
        wagtail_story = _moderated_story("wagtail")
    assert bulk_story == wagtail_story
    club = bulk_story[0]
    assert club["row"]["live"] and club["row"]["name"] == "Moderated club 0"  # until approved
    assert [step[0] for step in club["history"]] == [
        "wagtail.edit",
        "wagtail.publish",
        "wagtail.edit",
        "wagtail.workflow.start",
        "wagtail.edit",
        "wagtail.workflow.cancel",
        "wagtail.workflow.start",
    ]
    assert [w[0] for w in club["workflows"]] == ["cancelled", "in_progress"]
    withdrawn = bulk_story[2]
    assert withdrawn["row"]["archived"] and withdrawn["row"]["live"]
    assert [w[0] for w in withdrawn["workflows"]] == ["cancelled"]


def _archival_story(source_name: str) -> list[dict]:
    records = _records(4)
    import_records(source_name, records)
    records[1]["description"] += " Now with a hot meal."
    import_records(source_name, records[1:2], moderated=True)  # club-1 in review
    records[2]["status"] = "defunct"
    import_records(source_name, records[2:3], complete=False)  # club-2 withdrawn
    import_records(source_name, records[3:])  # the others gone from the feed
    import_records(source_name, records[3:])  # and nothing more happens
    return _story(source_name)


def test_withdrawals_and_archival_are_stored_as_wagtail_archives_each_listing(monkeypatch):
    bulk_story = _archival_story("bulk")

    def one_at_a_time(services):
        for service in services:
            lifecycle.archive(service)

    with monkeypatch.context() as patched:
        patched.setattr(bulk, "archive_services", one_at_a_time)
        wagtail_story = _archival_story("wagtail")
    assert bulk_story == wagtail_story
    assert [(s["source"], s["row"]["archived"]) for s in bulk_story] == [
        (("club-0", True), True),
        (("club-1", True), True),
        (("club-2", True), True),  # withdrawn, then gone from the feed too
        (("club-3", False), False),
    ]
    in_review = bulk_story[1]
    assert [w[0] for w in in_review["workflows"]] == ["cancelled"]  # archiving ended it
    assert [step[0] for step in in_review["history"]][-3:] == [
        "wagtail.edit",
        "wagtail.workflow.cancel",
        "wagtail.publish",
    ]


# --- Moderators, residents and the admin -------------------------------------------------


@pytest.fixture
def moderators(mfa_user, make_user):
    staff, _ = mfa_user(username="moderator", email="moderator@example.org", roles=[VRU_STAFF])
    quiet, _ = mfa_user(username="quiet", email="quiet@example.org", roles=[VRU_STAFF])
    profile = UserProfile.get_for_user(quiet)
    profile.submitted_notifications = False  # said no to Wagtail's submission e-mails
    profile.save()
    admin = make_user(username="admin", email="admin@example.org", is_superuser=True)
    return staff, quiet, admin


def test_moderators_hear_once_per_import_with_the_number_to_review(
    moderators, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        import_records("careful", _records(30), moderated=True)
    [message] = mail.outbox
    assert sorted(message.to) == ["admin@example.org", "moderator@example.org"]
    assert message.subject == "30 imported listings from careful to review"
    assert "/admin/reports/workflow_tasks/" in message.body
    assert TaskState.objects.filter(status="in_progress").count() == 30
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        import_records("careful", _records(30), moderated=True)  # unchanged
    assert mail.outbox == []


@pytest.fixture
def staff_client(moderators):
    """The admin, signed in as a directory moderator (with an authenticator)."""
    client = Client()
    client.force_login(moderators[0])
    return client


def test_an_imported_listing_is_approved_in_the_admin_and_then_found(
    client, staff_client, postcodes, home_page, django_capture_on_commit_callbacks
):
    records = _records(2)
    with django_capture_on_commit_callbacks(execute=True):
        import_records("careful", records[:1])  # club 0 published, before moderation
    records[0]["description"] = "Football and a hot meal."
    with django_capture_on_commit_callbacks(execute=True):
        import_records("careful", records, moderated=True)
    new, changed = (Service.objects.get(name=f"Moderated club {i}") for i in (1, 0))
    assert not new.live and new.workflow_in_progress
    assert changed.live and changed.workflow_in_progress
    assert changed.description == "Club number 0."  # residents see the approved version
    assert result_names(client.get("/services/", {"q": "hot meal"})) == []
    dashboard = staff_client.get("/admin/").content.decode()
    assert "Awaiting your review" in dashboard
    assert "Moderated club 0" in dashboard and "Moderated club 1" in dashboard

    moderate(staff_client, new, "approve")
    moderate(staff_client, changed, "approve")

    new.refresh_from_db()
    changed.refresh_from_db()
    assert new.live and not new.workflow_in_progress and new.status_label == "Published"
    assert changed.description == "Football and a hot meal."
    assert result_names(client.get("/services/", {"q": "hot meal"})) == ["Moderated club 0"]
    assert "Moderated club 1" in result_names(client.get("/services/", {"q": "club number"}))
    assert client.get(new.get_absolute_url()).status_code == 200

    def state():
        return (
            list(Service.objects.order_by("pk").values()),
            Revision.objects.count(),
            list(WorkflowState.objects.order_by("pk").values("status")),
            ModelLogEntry.objects.count(),
        )

    before = state()
    summary = import_records("careful", records, moderated=True)
    assert (summary.unchanged, summary.sent_for_review) == (2, 0)
    assert state() == before  # a second, unchanged run changes nothing


def test_archived_listings_leave_the_directory_and_its_search(
    client, postcodes, home_page, django_capture_on_commit_callbacks
):
    records = _records(3)
    with django_capture_on_commit_callbacks(execute=True):
        import_records("city", records)
    assert len(result_names(client.get("/services/", {"q": "club number"}))) == 3
    records[0]["status"] = "defunct"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        summary = import_records("city", records[:2])  # club 0 withdrawn, club 2 gone
    assert (summary.not_published, summary.archived) == (1, 1)
    assert len(callbacks) == 2  # one index update for the batch, one for the archival
    assert result_names(client.get("/services/", {"q": "club number"})) == ["Moderated club 1"]
    gone = Service.objects.get(name="Moderated club 2")
    assert gone.archived and client.get(gone.get_absolute_url()).status_code == 404
    assert ListingSource.objects.get(source_id="club-2").removed_upstream
    assert not ListingSource.objects.get(source_id="club-0").removed_upstream
