"""A read-only Open Referral UK 3.0 API over the directory, at /api/.

Public: anyone may call it, no key needed, from any web page (`Access-Control-Allow-Origin:
*`); it only ever shows what residents can find (published, not archived, not overdue for
review). Endpoints, filters and paging are those of the UK profile's OpenAPI document
(OpenReferralUK/uk-profile `docs/extras/openapi30.json`); filters combine with AND as the
HSDS 3.0 API reference requires (openreferral/specification `docs/hsds/api_reference.md`).
A parameter of the wrong type gets a 400 with a JSON body saying what was wrong; an unknown
id gets a 404.
"""

from __future__ import annotations

import math
import uuid
from datetime import UTC, datetime, time
from math import asin, cos, radians, sin, sqrt
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import HttpError, ValidationError

from assets_directory.geocoding import locate
from assets_directory.models import (
    WEEKDAY_OF_BYDAY,
    WEEKDAYS,
    Location,
    Organisation,
    Service,
    ServiceAtLocation,
    Taxonomy,
)
from assets_directory.search_query import Search, build_query
from search.engine import get_engine

from . import records
from .models import ServiceForeignTerm
from .schemas import (
    ApiInfoOut,
    ErrorOut,
    OrganizationFullOut,
    OrganizationPage,
    ServiceAtLocationFullOut,
    ServiceAtLocationPage,
    ServiceOut,
    ServicePage,
    TaxonomyOut,
    TaxonomyPage,
    TaxonomyTermOut,
    TaxonomyTermPage,
)

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
MAX_SEARCH_HITS = 10_000
EARTH_RADIUS_M = 6_371_000
DAY_NAMES = {name.lower(): day for day, name in WEEKDAYS}


api = NinjaAPI(
    title="Notts Community Hub: Open Referral UK API",
    version="3.0",
    description="Read-only Open Referral UK 3.0 (HSDS-UK-3.0) API of the Notts Community Hub "
    "directory. Only published listings appear.",
    urls_namespace="oruk",
    docs_url=None,  # the Swagger UI loads from a CDN; the site makes no runtime requests
)


@api.exception_handler(ValidationError)
def bad_parameters(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Any parameter of the wrong type or out of range: 400, with the details."""
    detail = [
        {"parameter": ".".join(str(p) for p in error.get("loc", [])[1:]), "message": error["msg"]}
        for error in exc.errors
    ]
    return api.create_response(
        request, {"error": "Invalid parameters", "detail": detail}, status=400
    )


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, {"error": str(exc)}, status=exc.status_code)


# --- Parameters ---------------------------------------------------------------------------


class Paging(Schema):
    page: int = Field(1, ge=1, le=100_000, description="Page number of paginated result.")
    per_page: int = Field(
        DEFAULT_PER_PAGE,
        ge=1,
        le=MAX_PER_PAGE,
        description="Number of results requested in a single page.",
    )


class ServiceFilters(Paging):
    search: str = Field("", max_length=200, description="Full text search.")
    taxonomy_term_id: str = Field(
        "", max_length=200, description="Services with this taxonomy_term (or one below it)."
    )
    taxonomy_id: str = Field(
        "", max_length=200, description="Services with any term of this taxonomy."
    )
    organization_id: str = Field(
        "", max_length=200, description="Services this organization provides."
    )
    minimum_age: int | None = Field(
        None, ge=0, le=120, description="Services whose minimum age is at least this."
    )
    maximum_age: int | None = Field(
        None, ge=0, le=120, description="Services whose maximum age is at or below this."
    )
    day: str = Field(
        "", max_length=10, description="Open on this day: MO..SU or a day name (e.g. Monday)."
    )
    start_time: time | None = Field(None, description="Opening at or after this time (HH:MM).")
    end_time: time | None = Field(None, description="Closing at or before this time (HH:MM).")
    modified_after: datetime | None = Field(
        None, description="Modified on or after this date-time (ISO 8601)."
    )


class ServiceAtLocationFilters(ServiceFilters):
    postcode: str = Field(
        "", max_length=10, description="A UK postcode (or outward code, or town): nearest first."
    )
    proximity: int | None = Field(
        None, ge=1, le=200_000, description="With postcode: only within this many metres."
    )


# --- Paging ---------------------------------------------------------------------------------


def page_of(total: int, paging: Paging, contents: list[Any]) -> dict[str, Any]:
    """HSDS 3.0's Page around this page's records (`size`: how many are on it)."""
    pages = math.ceil(total / paging.per_page) if total else 0
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": paging.page,
        "size": len(contents),
        "first_page": paging.page == 1,
        "last_page": paging.page >= pages,
        "empty": not contents,
        "contents": contents,
    }


def _slice(paging: Paging) -> slice:
    start = (paging.page - 1) * paging.per_page
    return slice(start, start + paging.per_page)


def _uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def _wanted(text: str, what: str) -> uuid.UUID:
    """The id in a path; one that is not a UUID names nothing here: 404."""
    wanted = _uuid(text)
    if wanted is None:
        raise HttpError(404, f"No {what} has this id.")
    return wanted


# --- Filters ----------------------------------------------------------------------------


def filtered_services(filters: ServiceFilters) -> tuple[QuerySet[Service], list[int] | None]:
    """Published services matching every filter given (AND), and the search's order if any."""
    services = Service.objects.searchable()
    ranked: list[int] | None = None
    if text := filters.search.replace("\x00", " ").strip():
        query = build_query(Search(text=text), limit=MAX_SEARCH_HITS).query
        ranked = [hit.id for hit in get_engine().search(query).hits]
        services = services.filter(pk__in=ranked)
    if filters.taxonomy_term_id:
        services = services.filter(_has_term(filters.taxonomy_term_id))
    if filters.taxonomy_id:
        if _uuid(filters.taxonomy_id) != records.OUR_TAXONOMY_ID:
            return services.none(), ranked
        services = services.filter(categories__isnull=False)
    if filters.organization_id:
        services = services.filter(organisation__uuid=_uuid(filters.organization_id))
    if filters.minimum_age is not None:
        services = services.filter(minimum_age__gte=filters.minimum_age)
    if filters.maximum_age is not None:
        services = services.filter(maximum_age__lte=filters.maximum_age)
    if filters.day or filters.start_time or filters.end_time:
        services = services.filter(_open_between(filters))
    if filters.modified_after is not None:
        services = services.filter(last_published_at__gte=_in_utc(filters.modified_after))
    return services.distinct(), ranked


def _in_utc(moment: datetime) -> datetime:
    """A moment as UTC (no offset given: read as UTC), which any database accepts."""
    if timezone.is_naive(moment):
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # a moment before year 1 in UTC: everything is after it
        return datetime.min.replace(tzinfo=UTC)


def _has_term(term_id: str) -> Q:
    """Our term or any term below it; or a term of another vocabulary a listing kept."""
    wanted = _uuid(term_id)
    if wanted is None:
        return Q(pk__in=[])
    terms = {term.pk: term for term in Taxonomy.objects.all()}
    chosen = {pk for pk, term in terms.items() if term.uuid == wanted}
    ids = {pk for pk, term in terms.items() if chosen & set(term.ancestor_ids(terms))}
    foreign = ServiceForeignTerm.objects.filter(term__term_id=str(wanted)).values("service")
    return Q(categories__in=ids) | Q(pk__in=foreign)


def _open_between(filters: ServiceFilters) -> Q:
    """One opening time that meets day, start and end together."""
    condition = Q()
    if filters.day:
        code = filters.day.strip()
        weekday = WEEKDAY_OF_BYDAY.get(code.upper()[:2]) if len(code) == 2 else None
        weekday = weekday or DAY_NAMES.get(code.lower())
        if weekday is None:
            raise HttpError(400, f"Unknown day {filters.day!r}: use MO..SU or a day name.")
        condition &= Q(regular_schedules__weekday=weekday)
    # Opening hours are wall-clock times in the UK: an offset on the filter ("18:00Z") is dropped.
    if filters.start_time:
        condition &= Q(regular_schedules__opens_at__gte=filters.start_time.replace(tzinfo=None))
    if filters.end_time:
        condition &= Q(regular_schedules__closes_at__lte=filters.end_time.replace(tzinfo=None))
    return condition


def _ordered(services: QuerySet[Service], ranked: list[int] | None) -> list[int]:
    ids = list(services.order_by("name", "pk").values_list("pk", flat=True))
    if ranked is None:
        return ids
    wanted = set(ids)
    return [pk for pk in ranked if pk in wanted]


def _full_services(ids: list[int]) -> dict[int, Service]:
    found = records.services_with_children(Service.objects.filter(pk__in=ids))
    return {service.pk: service for service in found}


# --- Endpoints -----------------------------------------------------------------------------


@api.get("/", response=ApiInfoOut, tags=["metadata"])
def api_info(request: HttpRequest) -> dict[str, Any]:
    """Public: which standard this API speaks, and where its OpenAPI document is."""
    return {
        "version": records.VERSION,
        "profile": records.PROFILE_URL,
        "openapi_url": request.build_absolute_uri(reverse("oruk:openapi-json")),
    }


@api.get(
    "/services", response={200: ServicePage, 400: ErrorOut}, tags=["services"], exclude_none=True
)
def list_services(request: HttpRequest, filters: Query[ServiceFilters]) -> dict[str, Any]:
    """Public: published services (their one-to-one fields), filtered and paged."""
    services, ranked = filtered_services(filters)
    ids = _ordered(services, ranked)
    page = ids[_slice(filters)]
    found = {
        service.pk: service
        for service in Service.objects.filter(pk__in=page).select_related("organisation")
    }
    return page_of(len(ids), filters, [records.service_summary(found[pk]) for pk in page])


@api.get(
    "/services/{id}",
    response={200: ServiceOut, 404: ErrorOut},
    tags=["services"],
    exclude_none=True,
)
def get_service(request: HttpRequest, id: str) -> dict[str, Any]:
    """Public: one published service, with everything nested."""
    wanted = _wanted(id, "published service")
    found = records.services_with_children(Service.objects.searchable()).filter(uuid=wanted)
    service = found.first()
    if service is None:
        raise HttpError(404, "No published service has this id.")
    return records.service_record(service)


@api.get(
    "/service_at_locations",
    response={200: ServiceAtLocationPage, 400: ErrorOut},
    tags=["service_at_locations"],
    exclude_none=True,
)
def list_service_at_locations(
    request: HttpRequest, filters: Query[ServiceAtLocationFilters]
) -> dict[str, Any]:
    """Public: where published services are delivered; nearest first from a postcode."""
    services, _ = filtered_services(filters)
    links = list(
        ServiceAtLocation.objects.filter(service__in=services)
        .select_related("location", "service__organisation")
        .order_by("service__name", "pk")
    )
    if place := filters.postcode.replace("\x00", "").strip():
        links = _nearest(links, place, filters.proximity)
    elif filters.proximity is not None:
        raise HttpError(400, "proximity needs a postcode to measure from.")
    page = links[_slice(filters)]
    return page_of(len(links), filters, [records.service_at_location_summary(x) for x in page])


def _nearest(
    links: list[ServiceAtLocation], place: str, proximity: int | None
) -> list[ServiceAtLocation]:
    located = locate(place)
    if located.point is None:
        raise HttpError(400, located.error)
    origin = located.point
    measured = [
        (_metres(origin.latitude, origin.longitude, x.location), x)
        for x in links
        if x.location.has_point
    ]
    return [
        link
        for distance, link in sorted(measured, key=lambda pair: pair[0])
        if proximity is None or distance <= proximity
    ]


def _metres(latitude: float, longitude: float, location: Location) -> float:
    """Great-circle distance to a location that has a point (callers check `has_point`)."""
    there_lat, there_lon = location.latitude or 0.0, location.longitude or 0.0
    dlat = radians(there_lat - latitude)
    dlon = radians(there_lon - longitude)
    a = sin(dlat / 2) ** 2 + cos(radians(latitude)) * cos(radians(there_lat)) * sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_M * asin(sqrt(a))


@api.get(
    "/service_at_locations/{id}",
    response={200: ServiceAtLocationFullOut, 404: ErrorOut},
    tags=["service_at_locations"],
    exclude_none=True,
)
def get_service_at_location(request: HttpRequest, id: str) -> dict[str, Any]:
    """Public: one place a published service is delivered, with the full service."""
    wanted = _wanted(id, "place a published service is delivered at")
    link = (
        ServiceAtLocation.objects.filter(uuid=wanted, service__in=Service.objects.searchable())
        .select_related("location")
        .first()
    )
    if link is None:
        raise HttpError(404, "No published service is delivered at a place with this id.")
    service = _full_services([link.service_id])[link.service_id]
    return records.service_at_location_record(link, service)


@api.get(
    "/organizations",
    response={200: OrganizationPage, 400: ErrorOut},
    tags=["organizations"],
    exclude_none=True,
)
def list_organizations(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    """Public: organisations with at least one published service."""
    organisations = Organisation.objects.filter(
        pk__in=Service.objects.searchable().values("organisation")
    ).order_by("name", "pk")
    rows = list(organisations[_slice(paging)])
    return page_of(
        organisations.count(), paging, [records.organization_record(row) for row in rows]
    )


@api.get(
    "/organizations/{id}",
    response={200: OrganizationFullOut, 404: ErrorOut},
    tags=["organizations"],
    exclude_none=True,
)
def get_organization(request: HttpRequest, id: str) -> dict[str, Any]:
    """Public: one organisation with its published services."""
    wanted = _wanted(id, "organisation with a published service")
    services = list(
        Service.objects.searchable()
        .filter(organisation__uuid=wanted)
        .select_related("organisation")
        .order_by("name")
    )
    if not services:
        raise HttpError(404, "No organisation with a published service has this id.")
    record = records.organization_record(services[0].organisation)
    return {**record, "services": [records.service_summary(s) for s in services]}


def _terms() -> list[dict[str, Any]]:
    terms = Taxonomy.objects.select_related("parent").order_by("sort_order", "name", "pk")
    return [records.taxonomy_term_record(term) for term in terms]


@api.get(
    "/taxonomies",
    response={200: TaxonomyPage, 400: ErrorOut},
    tags=["taxonomies"],
    exclude_none=True,
)
def list_taxonomies(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    """Public: the vocabularies we publish (our needs list)."""
    taxonomies = [records.taxonomy_record()]
    return page_of(len(taxonomies), paging, taxonomies[_slice(paging)])


@api.get(
    "/taxonomies/{id}",
    response={200: TaxonomyOut, 404: ErrorOut},
    tags=["taxonomies"],
    exclude_none=True,
)
def get_taxonomy(request: HttpRequest, id: str) -> dict[str, Any]:
    """Public: our needs vocabulary with all its terms."""
    if _uuid(id) != records.OUR_TAXONOMY_ID:
        raise HttpError(404, "No taxonomy has this id.")
    return records.taxonomy_record(_terms())


@api.get(
    "/taxonomy_terms",
    response={200: TaxonomyTermPage, 400: ErrorOut},
    tags=["taxonomy_terms"],
    exclude_none=True,
)
def list_taxonomy_terms(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    """Public: the terms of our needs vocabulary, parents before children."""
    terms = _terms()
    return page_of(len(terms), paging, terms[_slice(paging)])


@api.get(
    "/taxonomy_terms/{id}",
    response={200: TaxonomyTermOut, 404: ErrorOut},
    tags=["taxonomy_terms"],
    exclude_none=True,
)
def get_taxonomy_term(request: HttpRequest, id: str) -> dict[str, Any]:
    """Public: one term of our needs vocabulary."""
    wanted = _wanted(id, "taxonomy term")
    term = Taxonomy.objects.select_related("parent").filter(uuid=wanted).first()
    if term is None:
        raise HttpError(404, "No taxonomy term has this id.")
    return records.taxonomy_term_record(term)
