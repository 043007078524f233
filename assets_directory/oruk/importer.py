"""Pull another Open Referral UK directory's services into ours.

Idempotent by source id: each imported Service and Organisation has a `ListingSource`
(source name, upstream id, hash of the upstream record). Running a feed again:
- an unchanged record (same hash) is skipped, so a second run changes nothing;
- a changed record updates our copy as a new published revision (the history is kept);
- a record no longer in the feed archives our copy (it reappears if upstream restores it);
- a record that cannot be read is reported and the run carries on with the next one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

from assets_directory import lifecycle
from assets_directory.geocoding import get_geocoder, normalise_postcode
from assets_directory.models import (
    WEEKDAY_OF_BYDAY,
    Area,
    Contact,
    Language,
    Location,
    Organisation,
    RegularSchedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    unique_slug,
)

from .models import ListingSource

MAX_PAGES = 1000


class FeedError(Exception):
    """The feed as a whole could not be read (network, not JSON, wrong shape)."""


class BadRecord(Exception):
    """One record cannot be imported; the message says why."""


@dataclass
class ImportSummary:
    source_name: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    archived: int = 0
    kept_merged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{self.source_name}: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.archived} archived, "
            f"{self.kept_merged} left merged, {len(self.failed)} failed"
        )


# --- Reading a feed ---------------------------------------------------------------------


def _records_in(document: Any) -> list[Any]:
    """The service records in an ORUK page, a bare list, or {"services": [...]}."""
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in ("content", "services"):
            if isinstance(document.get(key), list):
                return document[key]
    raise FeedError("The feed is not an Open Referral UK list of services.")


def _fetch_json(url: str, params: dict[str, Any] | None = None) -> Any:
    try:
        response = requests.get(url, params=params, timeout=settings.ORUK_IMPORT_TIMEOUT)
        response.raise_for_status()
        return response.json()
    except (requests.RequestException, ValueError) as problem:
        raise FeedError(f"Could not read {url}: {problem}") from problem


def load_feed(source: str) -> list[Any]:
    """Every service record of a feed: a URL (following ORUK pages) or a JSON file path."""
    if not source.startswith(("http://", "https://")):
        try:
            return _records_in(json.loads(Path(source).read_text()))
        except (OSError, ValueError) as problem:
            raise FeedError(f"Could not read {source}: {problem}") from problem
    records, page = [], 1
    while page <= MAX_PAGES:
        document = _fetch_json(source, {"page": page} if page > 1 else None)
        records.extend(_records_in(document))
        if not isinstance(document, dict) or document.get("last_page", True):
            break
        page += 1
    return records


# --- Mapping one record onto our models -------------------------------------------------


def record_hash(record: Any) -> str:
    return hashlib.sha256(json.dumps(record, sort_keys=True, default=str).encode()).hexdigest()


def _text(record: dict, key: str, limit: int | None = None) -> str:
    value = record.get(key) or ""
    if not isinstance(value, str):
        raise BadRecord(f"'{key}' should be text.")
    value = value.strip()
    if limit and len(value) > limit:
        raise BadRecord(f"'{key}' is longer than {limit} characters.")
    return value


def _list(record: dict, key: str) -> list[dict]:
    value = record.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise BadRecord(f"'{key}' should be a list of records.")
    return value


def _age(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 120:
        raise BadRecord(f"Age {value!r} is not a whole number from 0 to 120.")
    return int(value)


def _time(value: Any) -> time:
    try:
        return time.fromisoformat(str(value))
    except ValueError as problem:
        raise BadRecord(f"Opening time {value!r} is not a time like 09:30.") from problem


def _weekday(schedule: dict) -> int:
    weekday = schedule.get("weekday")
    if isinstance(weekday, int) and 1 <= weekday <= 7:
        return weekday
    byday = str(schedule.get("byday") or "").split(",")[0].strip().upper()[:2]
    if byday in WEEKDAY_OF_BYDAY:
        return WEEKDAY_OF_BYDAY[byday]
    raise BadRecord(f"Schedule {schedule!r} has no weekday.")


def _categories(record: dict) -> list[Taxonomy]:
    """Upstream categories that match ours by name; other vocabularies' terms are skipped."""
    names = {
        slugify(str((link.get("taxonomy") or {}).get("name", "")))
        for link in _list(record, "service_taxonomys")
    }
    return [term for term in Taxonomy.objects.all() if term.slug in names]


def _areas(record: dict) -> list[Area]:
    names = {str(a.get("service_area", "")).lower() for a in _list(record, "service_areas")}
    return [area for area in Area.objects.all() if area.name.lower() in names]


def _languages(record: dict) -> list[Language]:
    codes = {str(item.get("language", "")).lower() for item in _list(record, "languages")}
    return [
        lang for lang in Language.objects.all() if lang.code in codes or lang.name.lower() in codes
    ]


def _organisation(source_name: str, record: dict) -> Organisation:
    data = record.get("organization")
    if not isinstance(data, dict) or not _text(data, "name"):
        raise BadRecord("The service has no organisation name.")
    source_id = str(data.get("id") or f"name:{_text(data, 'name').lower()}")
    digest = record_hash(data)
    link = _find_source(source_name, ListingSource.Kind.ORGANISATION, source_id)
    organisation = link.organisation if link and link.organisation else Organisation()
    if link and link.content_hash == digest:
        return organisation
    organisation.name = _text(data, "name", 200)
    organisation.description = _text(data, "description")
    organisation.email = _text(data, "email", 254)
    organisation.url = _text(data, "url", 200)
    _full_clean(organisation, exclude=["slug", "editors"])
    organisation.save()
    _record_source(
        source_name, ListingSource.Kind.ORGANISATION, source_id, digest, organisation=organisation
    )
    return organisation


def _find_source(source_name: str, kind: str, source_id: str) -> ListingSource | None:
    return (
        ListingSource.objects.filter(source_name=source_name, kind=kind, source_id=source_id)
        .select_related("service", "organisation")
        .first()
    )


def _record_source(
    source_name: str, kind: str, source_id: str, digest: str, **target: models.Model
) -> None:
    """Remember which upstream record our copy came from, and its hash as of now."""
    ListingSource.objects.update_or_create(
        source_name=source_name,
        kind=kind,
        source_id=source_id,
        defaults={
            **target,
            "content_hash": digest,
            "synced_at": timezone.now(),
            "removed_upstream": False,
        },
    )


def _full_clean(instance: models.Model, exclude: list[str]) -> None:
    try:
        instance.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as problem:
        reasons = (f"{key}: {' '.join(texts)}" for key, texts in problem.message_dict.items())
        raise BadRecord("; ".join(reasons)) from problem


def _locations(record: dict, service: Service, organisation: Organisation) -> list[Location]:
    """Upstream locations, reusing our existing rows in order so re-imports add none."""
    existing = [link.location for link in service.service_at_locations.all()] if service.pk else []
    locations = []
    for n, link in enumerate(_list(record, "service_at_locations")):
        data = link.get("location") or {}
        address = (_list(data, "physical_addresses") or [{}])[0]
        location = existing[n] if n < len(existing) else Location()
        location.organisation = organisation
        location.name = _text(data, "name", 200)
        location.address_1 = _text(address, "address_1", 200)
        location.city = _text(address, "city", 100)
        location.postal_code = normalise_postcode(_text(address, "postal_code")) or _text(
            address, "postal_code", 8
        )
        notes = [
            _text(item, "accessibility") for item in _list(data, "accessibility_for_disabilities")
        ]
        location.accessibility = "\n".join(notes)
        location.wheelchair_accessible = any("wheelchair" in note.lower() for note in notes)
        location.latitude, location.longitude = _point(data, location.postal_code)
        _full_clean(location, exclude=["organisation"])
        location.save()
        locations.append(location)
    return locations


def _point(data: dict, postcode: str) -> tuple[float | None, float | None]:
    latitude, longitude = data.get("latitude"), data.get("longitude")
    if isinstance(latitude, int | float) and isinstance(longitude, int | float):
        return float(latitude), float(longitude)
    point = get_geocoder().geocode(postcode) if postcode else None
    return (point.latitude, point.longitude) if point else (None, None)


def _fill_service(service: Service, record: dict, organisation: Organisation) -> None:
    """Copy an upstream record onto our Service and its children (in memory, unsaved)."""
    service.organisation = organisation
    service.name = _text(record, "name", 200)
    if not service.name:
        raise BadRecord("The service has no name.")
    service.description = _text(record, "description") or service.name
    service.url = _text(record, "url", 200)
    service.email = _text(record, "email", 254)
    eligibility = (_list(record, "eligibilitys") or [{}])[0]
    service.minimum_age = _age(eligibility.get("minimum_age"))
    service.maximum_age = _age(eligibility.get("maximum_age"))
    service.eligibility_description = _text(eligibility, "eligibility")
    costs = _list(record, "cost_options")
    service.is_free = not any((cost.get("amount") or 0) > 0 for cost in costs)
    service.fees_description = (
        _text(record, "fees")
        or " ".join(_text(cost, "amount_description") for cost in costs).strip()
    )
    if not service.slug:
        service.slug = unique_slug(Service, service.name)
    _full_clean(service, exclude=["organisation", "categories", "areas", "wards", "languages"])
    service.categories = _categories(record)
    service.areas = _areas(record)
    service.languages = _languages(record)
    service.contacts = [
        Contact(
            name=_text(contact, "name", 120),
            title=_text(contact, "title", 120),
            phone=_text((_list(contact, "phones") or [{}])[0], "number", 30),
            email=_text(contact, "email", 254),
        )
        for contact in _list(record, "contacts")
    ]
    schedules = [
        RegularSchedule(
            weekday=_weekday(s),
            opens_at=_time(s.get("opens_at")),
            closes_at=_time(s.get("closes_at")),
        )
        for s in _list(record, "regular_schedules")
    ]
    if any(s.closes_at <= s.opens_at for s in schedules):
        raise BadRecord("An opening time closes before it opens.")
    service.regular_schedules = schedules


# --- Running a whole feed ---------------------------------------------------------------


def _import_record(source_name: str, record: Any, summary: ImportSummary) -> str:
    """Import one record; returns its upstream id. Raises BadRecord when it cannot."""
    if not isinstance(record, dict) or not str(record.get("id") or "").strip():
        raise BadRecord("The record has no id.")
    source_id = str(record["id"]).strip()[:200]
    digest = record_hash(record)
    link = _find_source(source_name, ListingSource.Kind.SERVICE, source_id)
    if link and link.merged_into_id:
        summary.kept_merged += 1
        return source_id
    if link and link.content_hash == digest and not link.removed_upstream:
        summary.unchanged += 1
        return source_id
    with transaction.atomic():
        service = link.service if link and link.service else Service()
        organisation = _organisation(source_name, record)
        _fill_service(service, record, organisation)
        locations = _locations(record, service, organisation)
        service.service_at_locations = [ServiceAtLocation(location=loc) for loc in locations]
        lifecycle.publish(service)  # back in the feed: no longer archived
        _record_source(source_name, ListingSource.Kind.SERVICE, source_id, digest, service=service)
    if link:
        summary.updated += 1
    else:
        summary.created += 1
    return source_id


def _archive_removed(source_name: str, seen: set[str], summary: ImportSummary) -> Iterator[str]:
    gone = (
        ListingSource.objects.filter(
            source_name=source_name,
            kind=ListingSource.Kind.SERVICE,
            removed_upstream=False,
            merged_into__isnull=True,
        )
        .exclude(source_id__in=seen)
        .select_related("service")
    )
    for link in gone:
        service = link.service
        assert service is not None  # a service's record always has one (see the model's check)
        with transaction.atomic():
            lifecycle.archive(service)
            link.removed_upstream = True
            link.synced_at = timezone.now()
            link.save(update_fields=["removed_upstream", "synced_at"])
        summary.archived += 1
        yield service.name


def import_records(
    source_name: str, records: list[Any], progress: Callable[[str], None] = lambda _: None
) -> ImportSummary:
    """Import a feed's records under `source_name`, reporting each step to `progress`."""
    summary = ImportSummary(source_name)
    seen: set[str] = set()
    total = len(records)
    for number, record in enumerate(records, start=1):
        raw_id = record.get("id") if isinstance(record, dict) else None
        if raw_id not in (None, ""):
            seen.add(str(raw_id).strip()[:200])  # a bad record is still upstream: keep ours
        try:
            _import_record(source_name, record, summary)
        except BadRecord as problem:
            summary.failed.append((str(raw_id or f"record {number}"), str(problem)))
            progress(f"[{number}/{total}] skipped {raw_id or f'record {number}'}: {problem}")
            continue
        progress(f"[{number}/{total}] {record.get('name', '')}")
    if not records:
        progress("The feed is empty, so nothing was archived.")
        return summary
    for name in _archive_removed(source_name, seen, summary):
        progress(f"archived {name} (no longer in the feed)")
    return summary


def import_feed(
    source_name: str, source: str, progress: Callable[[str], None] = lambda _: None
) -> ImportSummary:
    """Read a feed (URL or file) and import it. Raises FeedError if it cannot be read."""
    return import_records(source_name, load_feed(source), progress)
