"""Our directory's rows as Open Referral UK records (plain dicts shaped like schemas.py).

Ids are strings, as ORUK requires. Child records our model keeps as fields rather than rows
(eligibility, cost option, language, service area) get ids derived from the service id so
they stay stable between calls.
"""

from __future__ import annotations

from django.db.models import QuerySet

from assets_directory.models import (
    BYDAY_OF_WEEKDAY,
    Location,
    Organisation,
    Service,
    ServiceAtLocation,
    Taxonomy,
)


def services_with_children(services: QuerySet[Service]) -> QuerySet[Service]:
    """Everything one nested record needs, fetched in a fixed number of queries."""
    return services.select_related("organisation").prefetch_related(
        "categories__parent",
        "areas",
        "languages",
        "contacts",
        "regular_schedules",
        "service_at_locations__location",
    )


def taxonomy_record(term: Taxonomy) -> dict:
    return {
        "id": str(term.pk),
        "name": term.name,
        "vocabulary": term.vocabulary,
        "parent": str(term.parent_id) if term.parent_id else None,
    }


def organization_record(organisation: Organisation) -> dict:
    return {
        "id": str(organisation.pk),
        "name": organisation.name,
        "description": organisation.description,
        "email": organisation.email,
        "url": organisation.url,
    }


def location_record(location: Location) -> dict:
    return {
        "id": str(location.pk),
        "name": location.name,
        "description": "",
        "latitude": location.latitude,
        "longitude": location.longitude,
        "physical_addresses": [
            {
                "id": str(location.pk),
                "address_1": location.address_1,
                "city": location.city,
                "state_province": "",
                "postal_code": location.postal_code,
                "country": "GB",
            }
        ],
        "accessibility_for_disabilities": [
            {"id": f"{location.pk}-{n}", "accessibility": text}
            for n, text in enumerate(_accessibility(location))
        ],
    }


def _accessibility(location: Location) -> list[str]:
    notes = ["Wheelchair accessible"] if location.wheelchair_accessible else []
    return notes + ([location.accessibility] if location.accessibility else [])


def service_at_location_record(link: ServiceAtLocation, with_service: bool = False) -> dict:
    record = {"id": str(link.pk), "location": location_record(link.location)}
    if with_service:
        record["service"] = {"id": str(link.service_id), "name": link.service.name}
    return record


def service_record(service: Service) -> dict:
    """The full nested record of one listing."""
    sid = str(service.pk)
    return {
        "id": sid,
        "name": service.name,
        "description": service.description,
        "url": service.url,
        "email": service.email,
        "status": "active",
        "fees": service.fees_description,
        "assured_date": service.last_reviewed.isoformat(),
        "organization": organization_record(service.organisation),
        "eligibilitys": [
            {
                "id": f"{sid}-eligibility",
                "eligibility": service.eligibility_description,
                "minimum_age": service.minimum_age,
                "maximum_age": service.maximum_age,
            }
        ],
        "contacts": [
            {
                "id": str(contact.pk),
                "name": contact.name,
                "title": contact.title,
                "email": contact.email,
                "phones": [{"id": str(contact.pk), "number": contact.phone}]
                if contact.phone
                else [],
            }
            for contact in service.contacts.all()
        ],
        "cost_options": [
            {
                "id": f"{sid}-cost",
                "option": "Free" if service.is_free else "Charge",
                "amount": 0.0 if service.is_free else None,
                "amount_description": service.fees_description,
            }
        ],
        "languages": [
            {"id": f"{sid}-{language.code}", "language": language.code}
            for language in service.languages.all()
        ],
        "service_areas": [
            {
                "id": f"{sid}-{area.slug}",
                "service_area": area.name,
                "uri": f"http://statistics.data.gov.uk/id/statistical-geography/{area.gss_code}"
                if area.gss_code
                else "",
            }
            for area in service.areas.all()
        ],
        "service_at_locations": [
            service_at_location_record(link) for link in service.service_at_locations.all()
        ],
        "regular_schedules": [
            {
                "id": str(schedule.pk),
                "weekday": schedule.weekday,
                "byday": BYDAY_OF_WEEKDAY[schedule.weekday],
                "freq": "WEEKLY",
                "opens_at": schedule.opens_at.strftime("%H:%M"),
                "closes_at": schedule.closes_at.strftime("%H:%M"),
            }
            for schedule in service.regular_schedules.all()
        ],
        "service_taxonomys": [
            {"id": f"{sid}-{term.pk}", "taxonomy": taxonomy_record(term)}
            for term in service.categories.all()
        ],
    }
