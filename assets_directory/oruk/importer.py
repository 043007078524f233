"""Pull another Open Referral UK directory's services into ours.

Idempotent by source id: each imported Service and Organisation has a `ListingSource`
(source name, upstream id, hash of the upstream record). Running a feed again:
- an unchanged record (same hash) is skipped, so a second run changes nothing;
- a changed record updates our copy as a new published revision (the history is kept);
- a record no longer in the feed archives our copy (it reappears if upstream restores it);
- a record that cannot be read is reported and the run carries on with the next one.

Records are taken in batches of BATCH_SIZE: the unchanged ones are counted and left before
any other work, the others mapped in memory against what the batch read once, then written
in bulk (`bulk.py`) in one transaction, with one index update and one cache invalidation
for the batch: published, or (a moderated feed) sent to the moderators' workflow, and what
upstream marks inactive archived. What left a complete feed is archived in batches too.

A moderated run tells the moderators once, with the number it sent them, where Wagtail
would e-mail each of them once per listing.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from assets_directory.geocoding import get_geocoder, normalise_postcode
from assets_directory.indexing import one_index_update
from assets_directory.models import (
    ACCESS_NEEDS,
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
)
from cms.core.mail import send_templated

from . import bulk, records
from .bulk import IdClaims
from .models import FeedRun, ForeignTerm, ListingSource, ServiceForeignTerm

MAX_PAGES = 1000
BATCH_SIZE = 500
INACTIVE_STATUSES = ("defunct", "inactive")
# Not checked by full_clean: set by us, not the feed (the revision links would cost a query
# each, to find what we wrote ourselves).
SERVICE_FIELDS_NOT_FROM_UPSTREAM = [
    "organisation",
    "categories",
    "areas",
    "wards",
    "languages",
    "uuid",
    "slug",
    "latest_revision",
    "live_revision",
    "locked_by",
]
LOCATION_FIELDS = [
    "organisation",
    "name",
    "address_1",
    "city",
    "postal_code",
    *ACCESS_NEEDS,
    "accessibility",
    "latitude",
    "longitude",
]


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
    not_published: int = 0
    sent_for_review: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    started_at: datetime = field(default_factory=timezone.now)

    def __str__(self) -> str:
        return (
            f"{self.source_name}: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.archived} archived, "
            f"{self.kept_merged} left merged, {self.not_published} not published "
            f"(inactive or defunct upstream), {len(self.failed)} failed, "
            f"{len(self.duplicates)} duplicate ids"
        )


# --- Reading a feed ---------------------------------------------------------------------

LIST_KEYS = ("contents", "content", "services", "items", "data")
CHILD_KEYS = ("service_at_locations", "schedules", "regular_schedules", "contacts", "attributes")


@dataclass
class Feed:
    """What a feed gave: its records in order, and whether its lists held partial records."""

    records: list[Any]
    base_url: str = ""
    partial: bool = False


def _records_in(document: Any) -> tuple[list[Any], bool]:
    """The service records of one page (and whether it is a 3.0 list of partial records):
    an ORUK 3.0 page (`contents`), a 1.0 page (`content`), a bare list, or one record."""
    if isinstance(document, list):
        return document, False
    if isinstance(document, dict):
        for key in LIST_KEYS:
            if isinstance(document.get(key), list):
                return document[key], key == "contents"
        if document.get("id") and document.get("name"):
            return [document], False
    raise FeedError("The feed is not an Open Referral UK list of services or a service.")


def _fetch_json(url: str, params: dict[str, Any] | None = None) -> Any:
    try:
        response = requests.get(url, params=params, timeout=settings.ORUK_IMPORT_TIMEOUT)
        response.raise_for_status()
        return response.json()
    except (requests.RequestException, ValueError) as problem:
        raise FeedError(f"Could not read {url}: {problem}") from problem


def _next_page(document: Any, page: int) -> str | int | None:
    """Where the next page is, whichever paging style the feed uses: 3.0 `last_page`,
    Spring's `last` (Outpost), `total_pages`/`totalPages`, or a `links.next` URL."""
    if not isinstance(document, dict):
        return None
    links = document.get("links") or document.get("_links")
    if isinstance(links, dict) and links.get("next"):
        following = links["next"]
        return following.get("href") if isinstance(following, dict) else str(following)
    for key in ("last_page", "last"):
        if isinstance(document.get(key), bool):
            return None if document[key] else page + 1
    for key in ("total_pages", "totalPages"):
        if isinstance(document.get(key), int):
            return page + 1 if page < document[key] else None
    return None


def load_feed(source: str, modified_after: datetime | None = None) -> Feed:
    """Every service record of a feed: a URL (following its pages) or a JSON file path.

    `modified_after`: asked of the feed (the 3.0 filter), for an incremental run.
    """
    if not source.startswith(("http://", "https://")):
        try:
            found, partial = _records_in(json.loads(Path(source).read_text()))
        except (OSError, ValueError) as problem:
            raise FeedError(f"Could not read {source}: {problem}") from problem
        return Feed(found, partial=False)
    params: dict[str, Any] = {}
    if modified_after is not None:
        params["modified_after"] = modified_after.isoformat()
    found, partial, page, url = [], False, 1, source
    for _ in range(MAX_PAGES):
        document = _fetch_json(url, {**params, "page": page} if url == source else None)
        page_records, is_partial = _records_in(document)
        found.extend(page_records)
        partial = partial or is_partial
        following = _next_page(document, page)
        if following is None or not page_records:
            break
        if isinstance(following, str):
            url = following
        page += 1
    base = source.split("?")[0].rstrip("/")
    return Feed(found, base_url=base, partial=partial)


def _full_record(feed: Feed, record: dict) -> dict:
    """A 3.0 list gives each service's one-to-one fields only: fetch /services/{id}."""
    if not feed.partial or not feed.base_url or any(key in record for key in CHILD_KEYS):
        return record
    full = _fetch_json(f"{feed.base_url}/{quote(str(record['id']), safe='')}")
    return full if isinstance(full, dict) else record


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


def _uuid_of(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


@dataclass
class Batch:
    """What one batch of records is mapped against, each read once for the whole batch:
    our vocabularies, the batch's organisations, and its existing listings with children.

    New rows claim their upstream UUIDs in `claims` (granted where nobody here uses them,
    so a directory imported from ours keeps our ids and serves the same records again)."""

    source_name: str
    claims: IdClaims = field(default_factory=IdClaims)
    taxonomy: list[Taxonomy] = field(default_factory=list)
    areas: list[Area] = field(default_factory=list)
    languages: list[Language] = field(default_factory=list)
    organisation_links: dict[str, ListingSource] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    changed_organisations: dict[str, str] = field(default_factory=dict)  # source id -> hash
    services: dict[int, Service] = field(default_factory=dict)
    withdrawn: list[tuple[Pending, Service]] = field(default_factory=list)

    @classmethod
    def load(cls, source_name: str, todo: list[Pending]) -> Batch:
        organisation_ids = {_organisation_source_id(p.record) for p in todo} - {""}
        links = ListingSource.objects.filter(
            source_name=source_name,
            kind=ListingSource.Kind.ORGANISATION,
            source_id__in=organisation_ids,
        ).select_related("organisation")
        services = Service.objects.filter(
            pk__in=[p.link.service_id for p in todo if p.link and p.link.service_id]
        ).prefetch_related(
            "contacts", "regular_schedules", "service_at_locations__location", "wards"
        )
        return cls(
            source_name,
            taxonomy=list(Taxonomy.objects.all()),
            areas=list(Area.objects.all()),
            languages=list(Language.objects.all()),
            organisation_links={link.source_id: link for link in links},
            services={service.pk: service for service in services},
        )


def _weekdays(schedule: dict) -> list[int]:
    """ISO weekdays of a schedule: 3.0/1.0 `byday` ("MO,TU") or 1.0's `weekday` number."""
    weekday = schedule.get("weekday")
    if isinstance(weekday, int) and not isinstance(weekday, bool) and 1 <= weekday <= 7:
        return [weekday]
    codes = [code.strip().upper()[-2:] for code in str(schedule.get("byday") or "").split(",")]
    days = [WEEKDAY_OF_BYDAY[code] for code in codes if code in WEEKDAY_OF_BYDAY]
    if not days:
        raise BadRecord(f"Schedule {schedule.get('id', '')!r} has no weekday.")
    return days


def _schedules(record: dict, service: Service, claims: IdClaims) -> list[RegularSchedule]:
    """Weekly opening times (3.0 `schedules`, 1.0 `regular_schedules`), one row per day.
    A schedule with no times (a description only) is not an opening time, so it is left."""
    existing = {str(s.uuid): s for s in service.regular_schedules.all()} if service.pk else {}
    rows = []
    for data in _list(record, "schedules") or _list(record, "regular_schedules"):
        if not data.get("opens_at") or not data.get("closes_at"):
            continue
        for n, weekday in enumerate(_weekdays(data)):
            upstream = data.get("id") if n == 0 else None
            row = existing.pop(str(_uuid_of(upstream)), None) or RegularSchedule()
            if row.pk is None:
                claims.claim(row, upstream)
            row.weekday = weekday
            row.opens_at, row.closes_at = _time(data["opens_at"]), _time(data["closes_at"])
            if row.closes_at <= row.opens_at:
                raise BadRecord("An opening time closes before it opens.")
            rows.append(row)
    return rows


def _contacts(record: dict, service: Service, claims: IdClaims) -> list[Contact]:
    existing = {str(c.uuid): c for c in service.contacts.all()} if service.pk else {}
    rows = []
    for data in _list(record, "contacts"):
        row = existing.pop(str(_uuid_of(data.get("id"))), None) or Contact()
        if row.pk is None:
            claims.claim(row, data.get("id"))
        row.name = _text(data, "name", 120)
        row.title = _text(data, "title", 120)
        row.phone = _text((_list(data, "phones") or [{}])[0], "number", 30)
        row.email = _text(data, "email", 254)
        rows.append(row)
    return rows


def _terms_of(record: dict) -> list[dict]:
    """Taxonomy terms of a 3.0 record (`attributes[].taxonomy_term`) or a 1.0 one
    (`service_taxonomys[].taxonomy`, whose `vocabulary` names its list)."""
    terms = [
        a["taxonomy_term"]
        for a in _list(record, "attributes")
        if isinstance(a.get("taxonomy_term"), dict)
    ]
    for link in _list(record, "service_taxonomys"):
        term = link.get("taxonomy")
        if isinstance(term, dict):
            terms.append({**term, "taxonomy": term.get("taxonomy") or term.get("vocabulary") or ""})
    return terms


def _categories(terms: list[dict], ours: list[Taxonomy]) -> tuple[list[Taxonomy], list[dict]]:
    """Our categories among the terms (by id, else by name), and the other vocabularies' terms.
    The shared UK terms our own feed publishes beside each category are ours already."""
    by_uuid = {str(t.uuid): t for t in ours}
    by_slug = {t.slug: t for t in ours}
    derived = {records.shared_term_record(term)["id"] for term in records.shared_terms().values()}
    by_lga_term = records.categories_by_lga_term()
    found: dict[int, Taxonomy] = {}
    foreign = []
    for term in terms:
        vocabulary = str(term.get("taxonomy") or "")
        match = by_uuid.get(str(term.get("id")))
        lga_key = records.lga_term_key(term)
        unnamed_list = vocabulary in ("", records.OUR_VOCABULARY) and lga_key is None
        is_ours = match is not None or unnamed_list
        # A term of the LGA's lists that one of ours maps to is that category: our feed
        # publishes the LGA term beside it again, so it is not kept twice.
        lga_slug = by_lga_term.get(lga_key) if lga_key else None
        if match is None and lga_slug:
            match = by_slug.get(lga_slug)
        if match is None:
            # Where a term's name is one of ours, it means the same need: use ours too.
            code = str(term.get("code") or "") if is_ours else ""
            match = by_slug.get(code) or by_slug.get(slugify(str(term.get("name", ""))))
        if match is not None:
            found[match.pk] = match
        kept_as_ours = str(term.get("id")) in derived or (lga_slug and lga_slug in by_slug)
        if not is_ours and not kept_as_ours and term.get("id"):
            foreign.append(term)
    return list(found.values()), foreign


def _keep_foreign_terms(foreign: list[tuple[Service, list[dict]]]) -> None:
    """Terms of other vocabularies, kept as they came so our feed passes them on."""
    rows: dict[tuple[str, str], ForeignTerm] = {}
    wanted: list[tuple[Service, set[tuple[str, str]]]] = []
    for service, terms in foreign:
        keys: set[tuple[str, str]] = set()
        wanted.append((service, keys))
        for term in terms:
            vocabulary = str(term.get("taxonomy") or term.get("vocabulary") or "unknown")[:200]
            key = (vocabulary, str(term["id"])[:200])
            data = {
                k: v for k, v in term.items() if v not in (None, "", [], {}) and k != "metadata"
            }
            rows[key] = ForeignTerm(vocabulary=key[0], term_id=key[1], data=data)
            keys.add(key)
    ServiceForeignTerm.objects.filter(service__in=[s.pk for s, _ in foreign]).delete()
    if not rows:
        return
    ForeignTerm.objects.bulk_create(
        rows.values(),
        update_conflicts=True,
        unique_fields=["vocabulary", "term_id"],
        update_fields=["data"],
    )
    stored = ForeignTerm.objects.filter(term_id__in={key[1] for key in rows})
    pk_of = {(t.vocabulary, t.term_id): t.pk for t in stored}
    ServiceForeignTerm.objects.bulk_create(
        [
            ServiceForeignTerm(service=service, term_id=pk_of[key])
            for service, keys in wanted
            for key in keys
        ]
    )


def _areas(record: dict, ours: list[Area]) -> list[Area]:
    wanted = _list(record, "service_areas")
    names = {str(a.get("service_area") or a.get("name") or "").lower() for a in wanted}
    codes = {str(a.get("uri") or "").rsplit("/", 1)[-1] for a in wanted}
    return [a for a in ours if a.name.lower() in names or (a.gss_code and a.gss_code in codes)]


def _languages(record: dict, ours: list[Language]) -> list[Language]:
    codes = {
        str(item.get(key) or "").lower()
        for item in _list(record, "languages")
        for key in ("code", "language", "name")
    }
    return [lang for lang in ours if lang.code in codes or lang.name.lower() in codes]


def _organisation_source_id(record: dict) -> str:
    data = record.get("organization")
    if not isinstance(data, dict) or not isinstance(data.get("name"), str):
        return ""
    return str(data.get("id") or f"name:{data['name'].strip().lower()}")


def _organisation(batch: Batch, record: dict) -> Organisation:
    """Our copy of the record's organisation, changed in memory where upstream changed it
    (once per batch: services of one organisation share the same instance)."""
    data = record.get("organization")
    if not isinstance(data, dict) or not _text(data, "name"):
        raise BadRecord("The service has no organisation name.")
    source_id = _organisation_source_id(record)
    if source_id in batch.organisations:
        return batch.organisations[source_id]
    digest = record_hash(data)
    link = batch.organisation_links.get(source_id)
    organisation = link.organisation if link and link.organisation else Organisation()
    if not link or link.content_hash != digest:
        batch.claims.claim(organisation, data.get("id"))
        organisation.name = _text(data, "name", 200)
        description = _text(data, "description")
        organisation.description = "" if description == organisation.name else description
        organisation.email = _text(data, "email", 254)
        organisation.url = _text(data, "website", 200) or _text(data, "url", 200)
        _full_clean(organisation, exclude=["slug", "editors", "uuid"])
        batch.changed_organisations[source_id] = digest
    batch.organisations[source_id] = organisation
    return organisation


def _record_sources(
    source_name: str, kind: str, targets: dict[str, tuple[str, models.Model]]
) -> None:
    """Remember which upstream record each copy came from (source id -> (hash, our row)),
    and its hash as of now, in one query."""
    now = timezone.now()
    ListingSource.objects.bulk_create(
        [
            ListingSource(
                source_name=source_name,
                kind=kind,
                source_id=source_id,
                content_hash=digest,
                synced_at=now,
                removed_upstream=False,
                **{kind: target},
            )
            for source_id, (digest, target) in targets.items()
        ],
        update_conflicts=True,
        unique_fields=["source_name", "kind", "source_id"],
        update_fields=[kind, "content_hash", "synced_at", "removed_upstream"],
    )


def _full_clean(instance: models.Model, exclude: list[str]) -> None:
    try:
        instance.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as problem:
        reasons = (f"{key}: {' '.join(texts)}" for key, texts in problem.message_dict.items())
        raise BadRecord("; ".join(reasons)) from problem


def _address(data: dict) -> dict:
    """The physical address of a location (3.0 `addresses`, 1.0 `physical_addresses`)."""
    addresses = _list(data, "addresses") or _list(data, "physical_addresses")
    physical = [a for a in addresses if a.get("address_type", "physical") == "physical"]
    return (physical or addresses or [{}])[0]


NEED_OF_NOTE = {label.lower(): need for need, label in ACCESS_NEEDS.items()}


def _accessibility(data: dict) -> dict[str, bool | str]:
    """The access needs met and the other notes, as they came. Our feed sends each need as
    a note of its own ("Hearing loop"), which sets the need and is not copied into the text,
    so a round trip adds nothing; a note that starts with "Wheelchair accessible" ("...
    entrance") sets that need too and is kept as written."""
    notes = [
        note
        for item in _list(data, "accessibility") or _list(data, "accessibility_for_disabilities")
        if (note := _text(item, "description") or _text(item, "accessibility"))
    ]
    met: dict[str, bool | str] = {need: False for need in ACCESS_NEEDS}
    met |= {NEED_OF_NOTE[note.lower()]: True for note in notes if note.lower() in NEED_OF_NOTE}
    wheelchair = records.WHEELCHAIR_ACCESSIBLE.lower()
    met["wheelchair_accessible"] = any(note.lower().startswith(wheelchair) for note in notes)
    met["accessibility"] = "\n".join(n for n in notes if n.lower() not in NEED_OF_NOTE)
    return met


def _locations(
    record: dict, service: Service, organisation: Organisation, claims: IdClaims
) -> list[ServiceAtLocation]:
    """Upstream places, reusing our rows (by id, else in order) so re-imports add none.
    The locations are changed in memory; the batch saves them."""
    existing = list(service.service_at_locations.all()) if service.pk else []
    by_uuid = {str(link.uuid): link for link in existing}
    links = []
    for n, upstream in enumerate(_list(record, "service_at_locations")):
        data = upstream.get("location") or {}
        link = by_uuid.get(str(_uuid_of(upstream.get("id")))) or (
            existing[n] if n < len(existing) and existing[n] not in links else None
        )
        location = link.location if link else Location()
        if link is None:
            link = ServiceAtLocation()
            claims.claim(link, upstream.get("id"))
            claims.claim(location, data.get("id"))
        address = _address(data)
        location.organisation = organisation
        location.name = _text(data, "name", 200)
        location.address_1 = _text(address, "address_1", 200)
        location.city = _text(address, "city", 100)
        location.postal_code = normalise_postcode(_text(address, "postal_code")) or _text(
            address, "postal_code", 8
        )
        for field_name, value in _accessibility(data).items():
            setattr(location, field_name, value)
        location.latitude, location.longitude = _point(data, location.postal_code)
        _full_clean(location, exclude=["organisation", "uuid"])
        link.location = location
        links.append(link)
    return links


def _point(data: dict, postcode: str) -> tuple[float | None, float | None]:
    latitude, longitude = data.get("latitude"), data.get("longitude")
    if (
        isinstance(latitude, int | float)
        and isinstance(longitude, int | float)
        and -90 <= latitude <= 90
        and -180 <= longitude <= 180
    ):
        return float(latitude), float(longitude)
    point = get_geocoder().geocode(postcode) if postcode else None
    return (point.latitude, point.longitude) if point else (None, None)


def _costs(record: dict) -> tuple[bool, str]:
    """Free only when the feed says so (an amount of 0, or a "Free" option with no amount
    given as a charge); a charge whose amount is null is not free, it is unknown."""
    costs = _list(record, "cost_options")
    amounts = [cost.get("amount") for cost in costs]
    free = bool(costs) and all(
        amount == 0 or (amount is None and _text(cost, "option").lower() == "free")
        for cost, amount in zip(costs, amounts, strict=True)
    )
    words = [_text(cost, "amount_description") for cost in costs if not free]
    priced = [
        f"£{amount:.2f} {_text(cost, 'option')}".strip()
        for cost, amount in zip(costs, amounts, strict=True)
        if isinstance(amount, int | float) and amount and not _text(cost, "amount_description")
    ]
    fees = _text(record, "fees") or _text(record, "fees_description")
    return free, fees or " ".join(part for part in words + priced if part)


def _fill_service(
    service: Service, record: dict, organisation: Organisation, batch: Batch
) -> list[dict]:
    """Copy an upstream record onto our Service and its children (in memory, unsaved).
    Returns the terms of other vocabularies, to keep once the service is saved."""
    service.organisation = organisation
    service.name = _text(record, "name", 200)
    if not service.name:
        raise BadRecord("The service has no name.")
    service.description = _text(record, "description") or service.name
    service.url = _text(record, "url", 200)
    service.email = _text(record, "email", 254)
    eligibility = (_list(record, "eligibilitys") or [{}])[0]
    ages = record if "minimum_age" in record or "maximum_age" in record else eligibility
    service.minimum_age = _age(ages.get("minimum_age"))
    service.maximum_age = _age(ages.get("maximum_age"))
    service.eligibility_description = _text(record, "eligibility_description") or _text(
        eligibility, "eligibility"
    )
    service.is_free, service.fees_description = _costs(record)
    _full_clean(service, exclude=SERVICE_FIELDS_NOT_FROM_UPSTREAM)
    categories, foreign = _categories(_terms_of(record), batch.taxonomy)
    service.categories = categories
    service.areas = _areas(record, batch.areas)
    service.languages = _languages(record, batch.languages)
    service.contacts = _contacts(record, service, batch.claims)
    service.regular_schedules = _schedules(record, service, batch.claims)
    service.service_at_locations = _locations(record, service, organisation, batch.claims)
    return foreign


def _assured_date(record: dict) -> date | None:
    try:
        return date.fromisoformat(str(record.get("assured_date") or "")[:10])
    except ValueError:
        return None


# --- Running a whole feed ---------------------------------------------------------------


@dataclass
class Pending:
    """A record that differs from what we imported last (or is new), still to be mapped."""

    number: int
    source_id: str
    record: dict
    digest: str
    link: ListingSource | None


@dataclass
class Mapped:
    """A record mapped onto our (in-memory) service, ready to be written with its batch."""

    pending: Pending
    service: Service
    foreign: list[dict]


def _import_batch(
    source_name: str,
    todo: list[Pending],
    summary: ImportSummary,
    progress: Callable[[str], None],
    moderated: bool,
) -> None:
    """Map each changed record of a batch in memory (a bad one is reported and left out),
    then write what is left in bulk, in one transaction."""
    batch = Batch.load(source_name, todo)
    mapped: list[Mapped] = []
    for pending in todo:
        try:
            if (ready := _map_record(batch, pending, summary)) is not None:
                mapped.append(ready)
        except BadRecord as problem:
            summary.failed.append((pending.source_id, str(problem)))
            progress(f"[{pending.number}/{len(todo)}] skipped {pending.source_id}: {problem}")
    batch.claims.settle()
    with transaction.atomic():
        _write_batch(batch, mapped, moderated)
        _withdraw(batch)
    for ready in mapped:
        if ready.pending.link:
            summary.updated += 1
        else:
            summary.created += 1
    if moderated:
        summary.sent_for_review += len(mapped)


def _map_record(batch: Batch, pending: Pending, summary: ImportSummary) -> Mapped | None:
    """Our service for one record, changed in memory. Raises BadRecord when it cannot be.
    An inactive or defunct record archives our copy at once and maps to nothing."""
    record, link = pending.record, pending.link
    service = batch.services.get(link.service_id) if link and link.service_id else None
    service = service or Service()
    if str(record.get("status") or "active").lower() in INACTIVE_STATUSES:
        summary.not_published += 1  # and our copy, if any, archived with the batch
        if service.pk is not None:
            batch.withdrawn.append((pending, service))
        return None
    if service.pk is None:
        batch.claims.claim(service, record["id"])
        service.wards = []  # none upstream; said now, so its revision need not ask the database
    organisation = _organisation(batch, record)
    foreign = _fill_service(service, record, organisation, batch)
    return Mapped(pending, service, foreign)


def _write_batch(batch: Batch, mapped: list[Mapped], moderated: bool) -> None:
    """Organisations, locations, then the services: published (a revision each, in bulk)
    or sent to the moderators; and where each came from."""
    changed = batch.changed_organisations
    organisations = [batch.organisations[key] for key in changed]
    bulk.assign_slugs(Organisation, organisations)
    bulk.save_rows(Organisation, organisations, ["name", "description", "email", "url"])
    _record_sources(
        batch.source_name,
        ListingSource.Kind.ORGANISATION,
        {
            key: (digest, batch.organisations[key])
            for key, digest in batch.changed_organisations.items()
        },
    )
    locations = [
        link.location for ready in mapped for link in ready.service.service_at_locations.all()
    ]
    bulk.save_rows(Location, locations, LOCATION_FIELDS)
    services = [ready.service for ready in mapped]
    if moderated:
        bulk.assign_slugs(Service, services)
        bulk.send_for_review(services)
    else:
        # Upstream says when it last checked the record: keep that, not today.
        reviewed = {
            id(ready.service): assured
            for ready in mapped
            if (assured := _assured_date(ready.pending.record))
        }
        bulk.publish_services(services, reviewed)
    _keep_foreign_terms([(ready.service, ready.foreign) for ready in mapped])
    _record_sources(
        batch.source_name,
        ListingSource.Kind.SERVICE,
        {ready.pending.source_id: (ready.pending.digest, ready.service) for ready in mapped},
    )


def _withdraw(batch: Batch) -> None:
    """Defunct or inactive upstream: our copies are archived (those not archived already)
    and their sources remembered; no new listing is made for such a record."""
    if not batch.withdrawn:
        return
    bulk.archive_services([service for _, service in batch.withdrawn if not service.archived])
    _record_sources(
        batch.source_name,
        ListingSource.Kind.SERVICE,
        {pending.source_id: (pending.digest, service) for pending, service in batch.withdrawn},
    )


def _archive_removed(source_name: str, seen: set[str], summary: ImportSummary) -> Iterator[str]:
    """Archive our copies of records gone from a complete feed, BATCH_SIZE at a time (each
    batch in one transaction, with one index update), yielding each one's name."""
    gone = list(
        ListingSource.objects.filter(
            source_name=source_name,
            kind=ListingSource.Kind.SERVICE,
            removed_upstream=False,
            merged_into__isnull=True,
        )
        .exclude(source_id__in=seen)
        .values_list("pk", flat=True)
    )
    for start in range(0, len(gone), BATCH_SIZE):
        links = ListingSource.objects.filter(pk__in=gone[start : start + BATCH_SIZE])
        services = list(Service.objects.filter(listing_source__in=links))
        with one_index_update(), transaction.atomic():
            bulk.archive_services([service for service in services if not service.archived])
            links.update(removed_upstream=True, synced_at=timezone.now())
        summary.archived += len(services)
        for service in services:
            yield service.name


def _tell_moderators(summary: ImportSummary) -> None:
    """One e-mail for what a moderated run sent for review, to those Wagtail would have
    e-mailed about each listing (once the last batch has committed)."""
    if summary.sent_for_review:
        send_templated(
            "oruk/email/sent_for_review",
            bulk.moderators_to_tell(),
            {
                "count": summary.sent_for_review,
                "source_name": summary.source_name,
                "review_path": reverse("wagtailadmin_reports:workflow_tasks"),
            },
        )


def _source_id(record: Any) -> str:
    raw = record.get("id") if isinstance(record, dict) else None
    return str(raw).strip()[:200] if raw not in (None, "") else ""


def import_records(
    source_name: str,
    records_in: list[Any],
    progress: Callable[[str], None] = lambda _: None,
    *,
    moderated: bool = False,
    complete: bool = True,
    feed: Feed | None = None,
) -> ImportSummary:
    """Import a feed's records under `source_name`, reporting each step to `progress`.

    `complete`: the records are the whole feed, so ours missing from it are archived (not
    so for an incremental run, which only gets what changed). `moderated`: new and changed
    records go to the moderators instead of being published.
    """
    summary = ImportSummary(source_name)
    seen: set[str] = set()
    total = len(records_in)
    sources = {
        link.source_id: link
        for link in ListingSource.objects.filter(
            source_name=source_name, kind=ListingSource.Kind.SERVICE
        )
    }
    try:
        for start in range(0, total, BATCH_SIZE):
            todo = []
            for number, record in enumerate(records_in[start : start + BATCH_SIZE], start + 1):
                pending = _check_one(record, number, total, sources, seen, summary, progress, feed)
                if pending is not None:
                    todo.append(pending)
            if todo:
                with one_index_update():
                    _import_batch(source_name, todo, summary, progress, moderated)
    finally:  # what committed was sent, even if a later batch failed
        _tell_moderators(summary)
    if not records_in:
        progress("The feed is empty, so nothing was archived.")
        return summary
    if complete:
        with one_index_update():
            for name in _archive_removed(source_name, seen, summary):
                progress(f"archived {name} (no longer in the feed)")
    FeedRun.objects.update_or_create(
        source_name=source_name, defaults={"completed_at": summary.started_at}
    )
    return summary


def _check_one(
    record: Any,
    number: int,
    total: int,
    sources: dict[str, ListingSource],
    seen: set[str],
    summary: ImportSummary,
    progress: Callable[[str], None],
    feed: Feed | None,
) -> Pending | None:
    """The record, if it has to be imported: not when it is unchanged since the last run
    (same hash), merged by staff into another listing, or unusable (reported)."""
    source_id = _source_id(record)
    label = source_id or f"record {number}"
    try:
        if not source_id:
            raise BadRecord("The record has no id.")
        if source_id in seen:
            summary.duplicates.append(source_id)
            raise BadRecord("Another record in this feed has the same id; the first was kept.")
        seen.add(source_id)  # a bad record is still upstream: keep ours
        if feed is not None:
            record = _full_record(feed, record)
    except BadRecord as problem:
        summary.failed.append((label, str(problem)))
        progress(f"[{number}/{total}] skipped {label}: {problem}")
        return None
    progress(f"[{number}/{total}] {record.get('name', '')}")
    link, digest = sources.get(source_id), record_hash(record)
    if link and link.merged_into_id:
        summary.kept_merged += 1
    elif link and link.content_hash == digest and not link.removed_upstream:
        summary.unchanged += 1
    else:
        return Pending(number, source_id, record, digest, link)
    return None


def import_feed(
    source_name: str,
    source: str,
    progress: Callable[[str], None] = lambda _: None,
    *,
    moderated: bool | None = None,
    incremental: bool = False,
) -> ImportSummary:
    """Read a feed (URL or file) and import it. Raises FeedError if it cannot be read.

    `incremental`: ask the feed only for what changed since the last complete run (3.0's
    `modified_after`), and archive nothing. `moderated`: default from settings
    (ORUK_IMPORT_MODERATED names the feeds whose imports go to the moderators).
    """
    if moderated is None:
        moderated = source_name in settings.ORUK_IMPORT_MODERATED
    last = FeedRun.objects.filter(source_name=source_name).first() if incremental else None
    since = last.completed_at if last else None
    feed = load_feed(source, modified_after=since)
    return import_records(
        source_name, feed.records, progress, moderated=moderated, complete=since is None, feed=feed
    )
