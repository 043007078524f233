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
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import cast

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import ModelLogEntry, ReferenceIndex, Revision, WorkflowState

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


def publish_services(services: Sequence[Service], reviewed: dict[int, date]) -> None:
    """Save these in-memory services (and their children) as published listings, each with a
    new revision and the log entries Wagtail writes when it publishes one.

    `reviewed`: the review date to keep for a service (by id(service)); others: today.
    """
    now = timezone.now()
    new = [s for s in services if s.pk is None]
    existing = [s for s in services if s.pk is not None]
    old_names = dict(
        Service.objects.filter(pk__in=[s.pk for s in existing]).values_list("pk", "name")
    )
    for service in services:
        service.live, service.has_unpublished_changes, service.expired = True, False, False
        service.archived, service.hidden_for_review = False, False
        service.review_reminder_sent_at = None
        service.first_published_at = service.first_published_at or now
        service.last_published_at = now
        service.last_reviewed = reviewed.get(id(service), timezone.localdate())
    assign_slugs(Service, new)
    Service.objects.bulk_create(new)
    update_rows(Service, existing, SERVICE_FIELDS)
    _write_children(services, fresh={s.pk for s in new})
    revisions = _revisions(services, now)
    for service, revision in zip(services, revisions, strict=True):
        service.latest_revision = service.live_revision = revision
    update_rows(Service, services, ["latest_revision", "live_revision"])
    _log_publication(services, revisions, old_names, now)
    _cancel_workflows(existing)
    refresh_references(services)
    enqueue_index_update(s.pk for s in services)


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


def _revisions(services: Sequence[Service], now: object) -> list[Revision]:
    content_type = ContentType.objects.get_for_model(Service)
    return Revision.objects.bulk_create(
        [
            Revision(
                content_type=content_type,
                base_content_type=content_type,
                object_id=str(service.pk),
                content=service.serializable_data(),
                object_str=str(service),
                created_at=now,
            )
            for service in services
        ]
    )


def _log_publication(
    services: Sequence[Service],
    revisions: Sequence[Revision],
    old_names: dict[int, str],
    now: object,
) -> None:
    """What `save_revision(log_action=True)` then `publish(log_action=True)` log: an edit,
    a rename where the name changed, and the publication."""
    content_type = ContentType.objects.get_for_model(Service, for_concrete_model=False)
    entries = []
    for service, revision in zip(services, revisions, strict=True):
        action_uuid = uuid.uuid4()
        actions: list[tuple[str, dict]] = [("wagtail.edit", {})]
        old = old_names.get(service.pk)
        if old is not None and old != service.name:
            actions.append(("wagtail.rename", {"title": {"old": old, "new": service.name}}))
        actions.append(("wagtail.publish", {}))
        entries += [
            ModelLogEntry(
                content_type=content_type,
                label=str(service),
                action=action,
                data=data,
                timestamp=now,
                uuid=action_uuid,
                revision=revision,
                content_changed=True,
                object_id=str(service.pk),
            )
            for action, data in actions
        ]
    ModelLogEntry.objects.bulk_create(entries)


def _cancel_workflows(services: Sequence[Service]) -> None:
    """Publishing cancels a moderation in progress (WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH)."""
    if not services:
        return
    content_type = ContentType.objects.get_for_model(Service)
    states = WorkflowState.objects.active().filter(
        base_content_type=content_type, object_id__in=[str(s.pk) for s in services]
    )
    for state in states:
        state.cancel(user=None)


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
