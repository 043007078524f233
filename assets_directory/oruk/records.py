"""Our directory's rows as Open Referral UK 3.0 records (plain dicts shaped like schemas.py).

Shapes follow the UK profile (OpenReferralUK/uk-profile `profile/*.json` over HSDS 3.0
`schema/*.json`): UUID ids, `schedules`, `attributes[].taxonomy_term`, ages on the service,
`addresses` with `address_type`, `organization.website`, `location_type`. Empty values are
left out rather than sent as "" or null (the uri and email formats refuse "").

Every row has its own UUID (`uuid` on our models). Records our model keeps as fields rather
than rows (cost option, language, service area, attribute, address, accessibility, phone)
get a UUID derived from their parent's, so they are the same on every call and every
rebuild, and the same again after another directory imports ours and serves it back.
"""

from __future__ import annotations

import json
import re
import uuid
from functools import cache
from pathlib import Path
from typing import Any

from django.db.models import Prefetch, QuerySet

from assets_directory.models import (
    ACCESS_NEEDS,
    BYDAY_OF_WEEKDAY,
    Contact,
    Location,
    Organisation,
    Service,
    ServiceAtLocation,
    Taxonomy,
)

VERSION = "HSDS-UK-3.0"
PROFILE_URL = "https://docs.openreferraluk.org/en/latest/"
OUR_VOCABULARY = "nottshub-needs"
# The vocabulary's own id, fixed for ever (derived from its name, so every install agrees).
OUR_TAXONOMY_ID = uuid.uuid5(uuid.NAMESPACE_URL, "https://nottshub.org.uk/taxonomies/needs")
WHEELCHAIR_ACCESSIBLE = ACCESS_NEEDS["wheelchair_accessible"]
SHARED_VOCABULARY_FILE = Path(__file__).parent / "data" / "shared_vocabulary.json"
ONS_GEOGRAPHY = "http://statistics.data.gov.uk/id/statistical-geography/"


def child_id(parent: uuid.UUID, kind: str) -> str:
    """A stable id for a record our model keeps inside its parent."""
    return str(uuid.uuid5(parent, kind))


def compact(record: dict[str, Any]) -> dict[str, Any]:
    """The record without empty values: ORUK says omit a field rather than send it empty."""
    return {key: value for key, value in record.items() if value not in (None, "", [], {})}


@cache
def shared_terms() -> dict[str, dict[str, str]]:
    """Our category slug -> the shared UK vocabulary term it maps to (where one does)."""
    mapping = json.loads(SHARED_VOCABULARY_FILE.read_text())["terms"]
    return {slug: term for slug, term in mapping.items() if term}


def services_with_children(services: QuerySet[Service]) -> QuerySet[Service]:
    """Everything one nested record needs, fetched in a fixed number of queries."""
    return services.select_related("organisation").prefetch_related(
        Prefetch("categories", queryset=Taxonomy.objects.select_related("parent")),
        "areas",
        "languages",
        "contacts",
        "regular_schedules",
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related("location").order_by("pk"),
        ),
        "foreign_terms__term",
    )


# --- Taxonomies ---------------------------------------------------------------------------


def taxonomy_record(terms: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Our needs vocabulary as one ORUK taxonomy (with its terms, for /taxonomies/{id})."""
    record: dict[str, Any] = {
        "id": str(OUR_TAXONOMY_ID),
        "name": OUR_VOCABULARY,
        "description": "The needs the Notts Community Hub directory sorts its services by.",
        "version": "1",
    }
    if terms is not None:
        record["taxonomy_terms"] = terms
    return compact(record)


def taxonomy_term_record(term: Taxonomy) -> dict[str, Any]:
    """One of our categories as an ORUK taxonomy_term (description is required by HSDS)."""
    return compact(
        {
            "id": str(term.uuid),
            "name": term.name,
            "description": term.description or term.name,
            "code": term.slug,
            "parent_id": str(term.parent.uuid) if term.parent else None,
            "taxonomy": OUR_VOCABULARY,
            "taxonomy_id": str(OUR_TAXONOMY_ID),
            "term": term.name,
        }
    )


def _attributes(service: Service) -> list[dict[str, Any]]:
    """Each category as an attribute; its shared UK term beside it; other vocabularies' too."""
    attributes = []
    for term in service.categories.all():
        attributes.append(_attribute(service, taxonomy_term_record(term)))
        if shared := shared_terms().get(term.slug):
            attributes.append(_attribute(service, shared_term_record(shared)))
    for link in service.foreign_terms.all():
        attributes.append(_attribute(service, link.term.record()))
    return attributes


# How directories write an LGA term: its URI (as id or term_uri), a CURIE ("esdNeed:69"),
# or the vocabulary's name with the bare code.
_LGA_URI = re.compile(r"id\.esd\.org\.uk/(need|service)/(\d+)/?$")
_LGA_CURIE = re.compile(r"^esd(Need|ServiceType)s?:(\d+)$", re.IGNORECASE)
_LGA_VOCABULARIES = {
    "esdneeds": "need",
    "esdneed": "need",
    "esdservicetypes": "service",
    "esdservicetype": "service",
}


def lga_term_key(term: dict[str, Any]) -> tuple[str, str] | None:
    """("need" or "service", code) for a term of one of the LGA's lists, however a feed
    writes it; None for any other term."""
    for value in (term.get("term_uri"), term.get("id")):
        if isinstance(value, str) and (found := _LGA_URI.search(value.strip())):
            return found[1], found[2]
        if isinstance(value, str) and (found := _LGA_CURIE.match(value.strip())):
            return ("need" if found[1].lower() == "need" else "service"), found[2]
    kind = _LGA_VOCABULARIES.get(str(term.get("taxonomy") or term.get("vocabulary") or "").lower())
    code = str(term.get("code") or term.get("id") or "").strip()  # 1.0: the id is the code
    return (kind, code) if kind and code.isdigit() else None


@cache
def categories_by_lga_term() -> dict[tuple[str, str], str]:
    """The LGA term -> our category slug, so another directory's listing tagged with an LGA
    term lands in the category we map to it."""
    return {key: slug for slug, term in shared_terms().items() if (key := lga_term_key(term))}


def shared_term_record(term: dict[str, str]) -> dict[str, Any]:
    """A term of a shared UK vocabulary (e.g. the LGA's needs list), as data says it."""
    return compact(
        {
            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, term["term_uri"])),
            "name": term["name"],
            "description": term["name"],
            "code": term["code"],
            "taxonomy": term["taxonomy"],
            "term_uri": term["term_uri"],
            "term": term["name"],
        }
    )


def _attribute(service: Service, term: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": child_id(service.uuid, f"attribute:{term['id']}"),
        "link_type": "service",
        "link_entity": "service",
        "link_id": str(service.uuid),
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
    }


# --- Organisations and locations ----------------------------------------------------------


def organization_record(organisation: Organisation) -> dict[str, Any]:
    return compact(
        {
            "id": str(organisation.uuid),
            "name": organisation.name,
            "description": organisation.description or organisation.name,
            "email": organisation.email,
            "website": organisation.url,
        }
    )


def location_record(location: Location, *, full: bool = True) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": str(location.uuid),
        "location_type": "physical",
        "name": location.name,
        "latitude": location.latitude,
        "longitude": location.longitude,
    }
    if full:
        record["addresses"] = [
            compact(
                {
                    "id": child_id(location.uuid, "address:physical"),
                    "location_id": str(location.uuid),
                    "address_1": location.address_1,
                    "city": location.city,
                    "state_province": "Nottinghamshire",
                    "postal_code": location.postal_code,
                    "country": "GB",
                    "address_type": "physical",
                }
            )
        ]
        record["accessibility"] = [
            {"id": child_id(location.uuid, f"accessibility:{n}"), "description": text}
            for n, text in enumerate(accessibility_notes(location))
        ]
    return compact(record)


def accessibility_notes(location: Location) -> list[str]:
    """Each access need met as its own note (wheelchair first), the details as another: an
    importer can tell them apart."""
    notes = location.access_labels()
    return notes + ([location.accessibility] if location.accessibility else [])


# --- Services -----------------------------------------------------------------------------


def service_summary(service: Service) -> dict[str, Any]:
    """The one-to-one fields of a service, as /services lists them (HSDS service_list)."""
    return compact(
        {
            "id": str(service.uuid),
            "name": service.name,
            "description": service.description,
            "url": service.url,
            "email": service.email,
            "status": "active",
            "fees": service.fees_description,
            "eligibility_description": service.eligibility_description,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "assured_date": service.last_reviewed.isoformat(),
            "last_modified": last_modified(service),
            "organization": organization_record(service.organisation),
        }
    )


def last_modified(service: Service) -> str | None:
    moment = service.last_published_at
    return moment.isoformat().replace("+00:00", "Z") if moment else None


def service_record(service: Service) -> dict[str, Any]:
    """The full nested record of one listing (/services/{id})."""
    record = service_summary(service)
    sid = service.uuid
    record.update(
        compact(
            {
                "contacts": [_contact(contact) for contact in service.contacts.all()],
                "cost_options": _cost_options(service),
                "languages": [
                    {
                        "id": child_id(sid, f"language:{language.code}"),
                        "name": language.name,
                        "code": language.code,
                    }
                    for language in service.languages.all()
                ],
                "service_areas": [
                    compact(
                        {
                            "id": child_id(sid, f"area:{area.slug}"),
                            "name": area.name,
                            "service_area": area.name,
                            "uri": f"{ONS_GEOGRAPHY}{area.gss_code}" if area.gss_code else None,
                        }
                    )
                    for area in service.areas.all()
                ],
                "service_at_locations": [
                    {"id": str(link.uuid), "location": location_record(link.location)}
                    for link in service.service_at_locations.all()
                ],
                "schedules": [
                    {
                        "id": str(schedule.uuid),
                        "service_id": str(sid),
                        "freq": "WEEKLY",
                        "interval": 1,
                        "byday": BYDAY_OF_WEEKDAY[schedule.weekday],
                        "opens_at": schedule.opens_at.isoformat(),
                        "closes_at": schedule.closes_at.isoformat(),
                    }
                    for schedule in service.regular_schedules.all()
                ],
                "attributes": _attributes(service),
            }
        )
    )
    return record


def _contact(contact: Contact) -> dict[str, Any]:
    """HSDS contact; its phone kept as HSDS nests it (the UK profile drops contact phones,
    but the validator allows extra fields and a directory without phone numbers is no use)."""
    phones = (
        [{"id": child_id(contact.uuid, "phone"), "number": contact.phone}] if contact.phone else []
    )
    return compact(
        {
            "id": str(contact.uuid),
            "name": contact.name,
            "title": contact.title,
            "email": contact.email,
            "phones": phones,
        }
    )


def _cost_options(service: Service) -> list[dict[str, Any]]:
    """Free: amount 0. Charged: what it costs in words, no amount (we keep none), never null."""
    cid = child_id(service.uuid, "cost")
    if service.is_free:
        return [compact({"id": cid, "option": "Free", "amount": 0, "currency": "GBP"})]
    if service.fees_description:
        return [{"id": cid, "option": "Charge", "amount_description": service.fees_description}]
    return []


# --- Where services are delivered ---------------------------------------------------------


def service_at_location_summary(link: ServiceAtLocation) -> dict[str, Any]:
    """/service_at_locations: the link with its location and service's one-to-one fields."""
    return {
        "id": str(link.uuid),
        "service_id": str(link.service.uuid),
        "location_id": str(link.location.uuid),
        "location": location_record(link.location, full=False),
        "service": service_summary(link.service),
    }


def service_at_location_record(link: ServiceAtLocation, service: Service) -> dict[str, Any]:
    """/service_at_locations/{id}: the link, its full location and its full service."""
    return {
        "id": str(link.uuid),
        "service_id": str(service.uuid),
        "location_id": str(link.location.uuid),
        "location": location_record(link.location),
        "service": service_record(service),
    }
