"""Writing one batch of imported records in bulk (issue 17: imports at scale).

Wagtail's own publish path costs about 0.1 s a listing (three saves, a revision, two log
entries, a reference-index task and a signal each). For a batch of changed records this
module does the same work in a fixed number of queries: the rows with `bulk_create` /
`bulk_update`, one published revision per listing and its "edit" and "publish" log entries
(so each listing's history reads as if Wagtail had published it), the reference index
rewritten for the batch at once, and one index update (gathered by `one_index_update`).

Wagtail's `published` signal is not sent: its one handler here (`lifecycle._on_published`)
marks the listing reviewed and queues its index update, which `publish_services` does for
the whole batch; the cached pages and the gaps matrix follow from that index update's
`listings_changed`, once per batch.

The other ways an import changes listings are written in bulk the same way:
`send_for_review` (a moderated feed: a revision each and Wagtail's workflow started, as
`lifecycle.send_import_for_review` does one at a time) and `archive_services` (withdrawn or
gone upstream: a published, archived revision each, as `lifecycle.archive` does).
Wagtail's `workflow_submitted` and `task_submitted` signals are not sent either: their
handlers are Wagtail's e-mails to the moderators, one per listing, which the importer
replaces by one message for the whole run (`moderators_to_tell`).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import cast

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.text import slugify
from wagtail.admin.mail import (
    GroupApprovalTaskStateSubmissionEmailNotifier,
    WorkflowStateSubmissionEmailNotifier,
)
from wagtail.models import (
    AbstractGroupApprovalTask,
    ModelLogEntry,
    ReferenceIndex,
    Revision,
    Task,
    TaskState,
    Workflow,
    WorkflowState,
)

from assets_directory import lifecycle
from assets_directory.indexing import enqueue_index_update
from assets_directory.models import Contact, RegularSchedule, Service, ServiceAtLocation

SERVICE_FIELDS = [
    "organisation",
    "name",
    "description",
    "url",
    "email",
    "minimum_age",
    "maximum_age",
    "eligibility_description",
    "is_free",
    "fees_description",
    "archived",
    "live",
    "has_unpublished_changes",
    "expired",
    "first_published_at",
    "last_published_at",
    "last_reviewed",
    "hidden_for_review",
    "review_reminder_sent_at",
]


class IdClaims:
    """New rows that want to keep their upstream UUID: granted, in one query per model, to
    those whose UUID nobody here (nor an earlier claim in the batch) uses already."""

    def __init__(self) -> None:
        self._wanted: list[tuple[models.Model, uuid.UUID]] = []

    def claim(self, instance: models.Model, upstream_id: object) -> None:
        try:
            wanted = uuid.UUID(str(upstream_id))
        except ValueError:
            return
        if instance.pk is None:
            self._wanted.append((instance, wanted))

    def settle(self) -> None:
        by_model: dict[type[models.Model], list[tuple[models.Model, uuid.UUID]]] = defaultdict(list)
        for instance, wanted in self._wanted:
            by_model[type(instance)].append((instance, wanted))
        for model, claims in by_model.items():
            taken = set(
                model._default_manager.filter(uuid__in=[w for _, w in claims]).values_list(
                    "uuid", flat=True
                )
            )
            for instance, wanted in claims:
                if wanted not in taken:
                    instance.uuid = wanted  # type: ignore[attr-defined]
                    taken.add(wanted)
        self._wanted.clear()


def assign_slugs(model: type[models.Model], instances: Iterable[models.Model]) -> None:
    """Unique slugs for new rows ("youth-club", "youth-club-2", …) in one or two queries,
    where `unique_slug` asks the database once per candidate."""
    pending = [i for i in instances if not i.slug]  # type: ignore[attr-defined]
    bases = [(i, slugify(i.name)[:190] or "listing") for i in pending]  # type: ignore[attr-defined]
    manager = model._default_manager
    taken = set(manager.filter(slug__in={b for _, b in bases}).values_list("slug", flat=True))
    for base in {b for _, b in bases if b in taken}:
        taken.update(manager.filter(slug__startswith=f"{base}-").values_list("slug", flat=True))
    for instance, base in bases:
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        instance.slug = slug  # type: ignore[attr-defined]


def save_rows(model: type[models.Model], rows: Sequence[models.Model], fields: list[str]) -> None:
    """Insert the new rows and update the others, two queries whatever their number."""
    existing = [r for r in rows if r.pk is not None]
    model._default_manager.bulk_create([r for r in rows if r.pk is None])
    update_rows(model, existing, fields)


def update_rows(model: type[models.Model], rows: Sequence[models.Model], fields: list[str]) -> None:
    """Write these fields of existing rows. On PostgreSQL as one `UPDATE … FROM (VALUES …)`
    per thousand rows: Django's `bulk_update` builds a CASE WHEN per field and row, which
    costs about 10 ms of CPU a row for a service's 19 fields."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model._default_manager.bulk_update(rows, fields)
        return
    columns = cast(
        list[models.Field], [model._meta.pk, *(model._meta.get_field(n) for n in fields)]
    )
    quote = connection.ops.quote_name
    quoted = [quote(str(column.column)) for column in columns]
    assignments = ", ".join(f"{name} = v.{name}" for name in quoted[1:])
    one_row = "(" + ", ".join(f"%s::{c.db_type(connection)}" for c in columns) + ")"
    table, key, names = quote(model._meta.db_table), quoted[0], ", ".join(quoted)
    for start in range(0, len(rows), 1000):
        chunk = rows[start : start + 1000]
        params = []
        for row in chunk:
            row._prepare_related_fields_for_save(  # type: ignore[attr-defined]
                operation_name="bulk_update", fields=columns
            )
            params += [c.get_db_prep_save(getattr(row, c.attname), connection) for c in columns]
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} AS t SET {assignments} "
                f"FROM (VALUES {', '.join([one_row] * len(chunk))}) AS v({names}) "
                f"WHERE t.{key} = v.{key}",
                params,
            )


def sync_children(
    model: type[models.Model],
    parent_field: str,
    children: list[tuple[Service, list[models.Model]]],
    fields: list[str],
) -> None:
    """Make each service's rows of `model` exactly its listed ones: new ones inserted,
    kept ones updated, the others deleted."""
    rows = []
    for service, kids in children:
        for kid in kids:
            setattr(kid, parent_field, service)
            rows.append(kid)
    kept = [r.pk for r in rows if r.pk is not None]
    owners = [service.pk for service, _ in children]
    model._default_manager.filter(**{f"{parent_field}__in": owners}).exclude(pk__in=kept).delete()
    save_rows(model, rows, fields)


def sync_many_to_many(field: str, services: Sequence[Service], fresh: set[int]) -> None:
    """Replace each service's links of one many-to-many field by its in-memory ones."""
    through = getattr(Service, field).through
    target = f"{Service._meta.get_field(field).related_model._meta.model_name}_id"
    through.objects.filter(service_id__in=[s.pk for s in services if s.pk not in fresh]).delete()
    through.objects.bulk_create(
        [
            through(service_id=service.pk, **{target: item.pk})
            for service in services
            for item in getattr(service, field).all()
        ]
    )


def publish_services(
    services: Sequence[Service], reviewed: dict[int, date], *, archived: bool = False
) -> None:
    """Save these in-memory services (and their children) as published listings, each with a
    new revision and the log entries Wagtail writes when it publishes one.

    `reviewed`: the review date to keep for a service (by id(service)); others: today.
    `archived`: publish them archived (out of the directory). They are as the database has
    them, children prefetched (`archive_services`), so only their own rows are written.
    """
    now = timezone.now()
    new = [s for s in services if s.pk is None]
    existing = [s for s in services if s.pk is not None]
    old_names = dict(
        Service.objects.filter(pk__in=[s.pk for s in existing]).values_list("pk", "name")
    )
    contents = None
    if archived:  # `lifecycle.archive` stores the listing as it reads, archived, then publishes
        for service in services:
            service.archived = True
        contents = [service.serializable_data() for service in services]
    for service in services:
        service.live, service.has_unpublished_changes, service.expired = True, False, False
        service.archived, service.hidden_for_review = archived, False
        service.review_reminder_sent_at = None
        service.first_published_at = service.first_published_at or now
        service.last_published_at = now
        service.last_reviewed = reviewed.get(id(service), timezone.localdate())
    assign_slugs(Service, new)
    Service.objects.bulk_create(new)
    update_rows(Service, existing, SERVICE_FIELDS)
    if not archived:
        _write_children(services, fresh={s.pk for s in new})
    revisions = _revisions(services, now, contents)
    for service, revision in zip(services, revisions, strict=True):
        service.latest_revision = service.live_revision = revision
    update_rows(Service, services, ["latest_revision", "live_revision"])
    _log_publication(services, revisions, old_names, now)  # and moderations cancelled
    if not archived:
        refresh_references(services)
    enqueue_index_update(s.pk for s in services)


# What a listing's revision holds besides its own row (`serializable_data`): prefetched for
# a batch read from the database, so serialising it asks nothing more.
REVISION_RELATIONS = [
    "contacts",
    "regular_schedules",
    "service_at_locations",
    "categories",
    "areas",
    "wards",
    "languages",
]


def archive_services(services: Sequence[Service]) -> None:
    """Take these listings (as the database has them) out of the directory, each as a
    published, archived revision: what `lifecycle.archive` does for one (Wagtail's publish,
    whose `published` handler marks it reviewed today), for the batch at once."""
    if not services:
        return
    prefetch_related_objects(list(services), *REVISION_RELATIONS)
    publish_services(services, {}, archived=True)


def send_for_review(services: Sequence[Service]) -> None:
    """Store these in-memory services as revisions and send each to the moderators' Wagtail
    workflow, as `lifecycle.send_import_for_review` does for one: a new or unpublished
    listing's row (and children) is saved unpublished, a published one's row is left as it
    is until a moderator approves; a moderation in progress is cancelled and a new one
    started on the new revision, with the log entries Wagtail writes for each step.

    Falls back to Wagtail one listing at a time where the workflow is not the usual one
    (none; one with no active task, which Wagtail would finish, publishing at once; or a
    task of a kind with its own task state model).
    """
    if not services:
        return
    workflow = services[0].get_workflow()
    task = _first_task(workflow) if workflow is not None else None
    if task is None or task.specific.get_task_state_class() is not TaskState:
        for service in services:
            lifecycle.send_import_for_review(service)
        return
    now = timezone.now()
    new = [s for s in services if s.pk is None]
    unpublished = [s for s in services if s.pk is not None and not s.live]
    for service in new + unpublished:
        service.live = False
    Service.objects.bulk_create(new)
    update_rows(Service, unpublished, SERVICE_FIELDS)
    _write_children(new + unpublished, fresh={s.pk for s in new})
    # Serialised before the row says it has a newer revision, as `save_revision` does.
    revisions = _revisions(services, now)
    for service, revision in zip(services, revisions, strict=True):
        service.latest_revision, service.has_unpublished_changes = revision, True
    update_rows(Service, services, ["latest_revision", "has_unpublished_changes"])
    _log(
        "wagtail.edit",
        now,
        [(s.pk, str(s), revision.pk, {}) for s, revision in zip(services, revisions, strict=True)],
    )
    cancel_workflows(services, now)
    assert workflow is not None  # it has a task
    _start_workflows(services, revisions, workflow, task, now)
    refresh_references(new + unpublished)
    enqueue_index_update(s.pk for s in services)


def _first_task(workflow: Workflow) -> Task | None:
    """The task a workflow just started on a listing begins with (`WorkflowState.update`
    with no task done yet)."""
    return (
        Task.objects.filter(workflow_tasks__workflow=workflow, active=True)
        .order_by("workflow_tasks__sort_order")
        .first()
    )


def _start_workflows(
    services: Sequence[Service],
    revisions: Sequence[Revision],
    workflow: Workflow,
    task: Task,
    now: object,
) -> None:
    """`Workflow.start` for each service (with no user: an import asks for the review): a
    workflow state, its first task's state on the latest revision, and the log entry."""
    content_type = ContentType.objects.get_for_model(Service)
    _unlock_for(task, services)
    states = WorkflowState.objects.bulk_create(
        [
            WorkflowState(
                content_type=content_type,
                base_content_type=content_type,
                object_id=str(service.pk),
                workflow=workflow,
                status=WorkflowState.STATUS_IN_PROGRESS,
                requested_by=None,
            )
            for service in services
        ]
    )
    task_states = TaskState.objects.bulk_create(
        [
            task.specific.get_task_state_class()(
                workflow_state=state,
                status=TaskState.STATUS_IN_PROGRESS,
                revision=revision,
                task=task,
            )
            for state, revision in zip(states, revisions, strict=True)
        ]
    )
    for state, task_state in zip(states, task_states, strict=True):
        state.current_task_state = task_state
    WorkflowState.objects.bulk_update(states, ["current_task_state"])
    _log(
        "wagtail.workflow.start",
        now,
        [
            (
                service.pk,
                str(service),
                revision.pk,
                {
                    "workflow": {
                        "id": workflow.pk,
                        "title": workflow.name,
                        "status": WorkflowState.STATUS_IN_PROGRESS,
                        "next": {"id": task.pk, "title": task.name},
                        "task_state_id": task_state.pk,
                    }
                },
            )
            for service, revision, task_state in zip(services, revisions, task_states, strict=True)
        ],
    )


def _unlock_for(task: Task, services: Sequence[Service]) -> None:
    """A group approval task unlocks a listing locked by someone outside its groups
    (`GroupApprovalTask.start`)."""
    specific = task.specific
    locked = [s for s in services if s.locked_by_id is not None]
    if not locked or not isinstance(specific, AbstractGroupApprovalTask):
        return
    reviewers = set(
        User.objects.filter(
            pk__in={s.locked_by_id for s in locked}, groups__in=specific.groups.all()
        ).values_list("pk", flat=True)
    )
    unlock = [s for s in locked if s.locked_by_id not in reviewers]
    for service in unlock:
        service.locked, service.locked_by, service.locked_at = False, None, None
    update_rows(Service, unlock, ["locked", "locked_by", "locked_at"])


def moderators_to_tell(workflow: Workflow | None = None) -> list[str]:
    """The addresses Wagtail e-mails when a listing is sent for review (the first task's
    groups and the superusers, those who have not switched these e-mails off), for the one
    message an import sends for all it sent."""
    workflow = workflow or Service.get_default_workflow()
    task = _first_task(workflow) if workflow is not None else None
    if task is None:
        return []
    state = WorkflowState(workflow=workflow)
    users = WorkflowStateSubmissionEmailNotifier().get_valid_recipients(state)
    if isinstance(task.specific, AbstractGroupApprovalTask):
        task_state = TaskState(workflow_state=state, task=task)
        users |= GroupApprovalTaskStateSubmissionEmailNotifier().get_valid_recipients(task_state)
    return sorted({user.email for user in users})


def _write_children(services: Sequence[Service], fresh: set[int]) -> None:
    sync_children(
        Contact,
        "service",
        [(s, list(s.contacts.all())) for s in services],
        ["name", "title", "phone", "email"],
    )
    sync_children(
        RegularSchedule,
        "service",
        [(s, list(s.regular_schedules.all())) for s in services],
        ["weekday", "opens_at", "closes_at"],
    )
    sync_children(
        ServiceAtLocation,
        "service",
        [(s, list(s.service_at_locations.all())) for s in services],
        ["location"],
    )
    for field in ("categories", "areas", "languages"):
        sync_many_to_many(field, services, fresh)


def _revisions(
    services: Sequence[Service], now: object, contents: Sequence[dict] | None = None
) -> list[Revision]:
    """A new revision of each service: of `contents` where given, else as it is in memory."""
    content_type = ContentType.objects.get_for_model(Service)
    contents = contents or [service.serializable_data() for service in services]
    return Revision.objects.bulk_create(
        [
            Revision(
                content_type=content_type,
                base_content_type=content_type,
                object_id=str(service.pk),
                content=content,
                object_str=str(service),
                created_at=now,
            )
            for service, content in zip(services, contents, strict=True)
        ]
    )


def _log_publication(
    services: Sequence[Service],
    revisions: Sequence[Revision],
    old_names: dict[int, str],
    now: object,
) -> None:
    """What `save_revision(log_action=True)` then `publish(log_action=True)` log, in
    Wagtail's order: an edit; the moderation in progress cancelled (publishing ends it); a
    rename where the name changed, and the publication. A listing's entries share a uuid."""
    content_type = ContentType.objects.get_for_model(Service, for_concrete_model=False)
    edits, publications = [], []
    for service, revision in zip(services, revisions, strict=True):
        entry = {
            "content_type": content_type,
            "label": str(service),
            "timestamp": now,
            "uuid": uuid.uuid4(),
            "revision": revision,
            "object_id": str(service.pk),
        }
        edits.append(ModelLogEntry(action="wagtail.edit", data={}, content_changed=True, **entry))
        old = old_names.get(service.pk)
        if old is not None and old != service.name:
            rename = {"title": {"old": old, "new": service.name}}
            publications.append(ModelLogEntry(action="wagtail.rename", data=rename, **entry))
        publications.append(
            ModelLogEntry(action="wagtail.publish", data={}, content_changed=True, **entry)
        )
    ModelLogEntry.objects.bulk_create(edits)
    cancel_workflows([s for s in services if s.pk in old_names], now)
    ModelLogEntry.objects.bulk_create(publications)


def cancel_workflows(services: Sequence[Service], now: object) -> None:
    """Cancel the moderation in progress (or awaiting changes) on these listings, as
    `WorkflowState.cancel` does for one: the state and its task in progress cancelled, and
    the "workflow cancelled" log entry. Publishing does it too
    (WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH), and so does sending a listing for review again."""
    if not services:
        return
    content_type = ContentType.objects.get_for_model(Service)
    states = list(
        WorkflowState.objects.active()
        .filter(base_content_type=content_type, object_id__in=[str(s.pk) for s in services])
        .select_related("workflow", "current_task_state__task")
    )
    if not states:
        return
    WorkflowState.objects.filter(pk__in=[s.pk for s in states]).update(
        status=WorkflowState.STATUS_CANCELLED
    )
    TaskState.objects.filter(workflow_state__in=states, status=TaskState.STATUS_IN_PROGRESS).update(
        status=TaskState.STATUS_CANCELLED, finished_at=now, comment="", finished_by=None
    )
    # Wagtail logs the listing as its row reads (`content_object`), which is not always what
    # is in memory: a published listing sent for review keeps its row until approval.
    labels = dict(
        Service.objects.filter(pk__in=[int(state.object_id) for state in states]).values_list(
            "pk", "name"
        )
    )
    entries = []
    for state in states:
        task_state = state.current_task_state
        entries.append(
            (
                int(state.object_id),
                labels[int(state.object_id)],
                task_state.revision_id if task_state else None,
                {
                    "workflow": {
                        "id": state.workflow_id,
                        "title": state.workflow.name,
                        "status": WorkflowState.STATUS_CANCELLED,
                        "task_state_id": task_state.pk if task_state else None,
                        "task": {"id": task_state.task.pk, "title": task_state.task.name}
                        if task_state
                        else None,
                    }
                },
            )
        )
    _log("wagtail.workflow.cancel", now, entries)


def _log(action: str, now: object, entries: Sequence[tuple[int, str, int | None, dict]]) -> None:
    """One log entry of `action` for each (listing id, label, revision id, data), as
    Wagtail's `log()` writes it with no user (the import's). A listing's entries of one
    step share a uuid, as in the admin."""
    content_type = ContentType.objects.get_for_model(Service, for_concrete_model=False)
    ModelLogEntry.objects.bulk_create(
        [
            ModelLogEntry(
                content_type=content_type,
                label=label,
                action=action,
                data=data,
                timestamp=now,
                revision_id=revision_id,
                content_changed=action == "wagtail.edit",
                object_id=str(pk),
            )
            for pk, label, revision_id, data in entries
        ]
    )


def refresh_references(services: Sequence[Service]) -> None:
    """Rewrite the batch's rows of Wagtail's reference index (what the admin's "usage"
    shows) at once, instead of one background task per save."""
    content_type = ContentType.objects.get_for_model(Service)
    ReferenceIndex.objects.filter(
        base_content_type=content_type, object_id__in=[str(s.pk) for s in services]
    ).delete()
    ReferenceIndex.objects.bulk_create(
        [
            ReferenceIndex(
                content_type=content_type,
                base_content_type=content_type,
                object_id=str(service.pk),
                to_content_type_id=to_content_type,
                to_object_id=to_object,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for service in services
            for to_content_type, to_object, model_path, content_path in set(
                ReferenceIndex._extract_references_from_object(service)
            )
        ],
        ignore_conflicts=True,
    )
