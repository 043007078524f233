"""A read-only Open Referral UK API over the directory, at /api/.

Public: anyone may call it, no key needed; it only ever shows what residents can find
(published, not archived, not overdue for review). Drafts and pending edits never appear
because the Service row is always the published version and search only indexes
searchable listings. Bad parameters get a 400 with a JSON body saying what was wrong.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Field, NinjaAPI, Path, Query, Schema
from ninja.errors import HttpError, ValidationError

from assets_directory.models import Organisation, Service, ServiceAtLocation, Taxonomy
from assets_directory.search_query import PlaceNotFound, Search, build_query
from search.engine import DirectoryQuery, get_engine

from . import records
from .schemas import (
    ErrorOut,
    OrganizationPage,
    ServiceAtLocationPage,
    ServiceOut,
    ServicePage,
    TaxonomyPage,
)

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
MAX_PROXIMITY_METRES = 200_000
DEFAULT_PROXIMITY_METRES = 10_000

api = NinjaAPI(
    title="Notts Community Hub: Open Referral UK API",
    version="1.0",
    description="Read-only Open Referral UK (HSDS) API of the Notts Community Hub directory. "
    "Only published listings appear.",
    urls_namespace="oruk",
    docs_url=None,  # the Swagger UI loads from a CDN; the site makes no runtime requests
)


class BadRequest(HttpError):
    def __init__(self, message: str) -> None:
        super().__init__(400, message)


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


class Paging(Schema):
    page: int = Field(1, ge=1, le=100_000, description="Page number, from 1.")
    per_page: int = Field(DEFAULT_PER_PAGE, ge=1, le=MAX_PER_PAGE, description="Items per page.")


class ServiceFilters(Paging):
    text: str = Field("", max_length=200, description="Words to search for.")
    postcode: str = Field(
        "",
        max_length=10,
        description="A UK postcode, e.g. NG1 5FS (an outward code like NG7, or a town, works too).",
    )
    proximity: int | None = Field(
        None,
        ge=1,
        le=MAX_PROXIMITY_METRES,
        description="With postcode: only services within this many metres.",
    )
    taxonomy_id: str = Field("", max_length=20, description="Only services in this category.")
    age: int | None = Field(None, ge=0, le=120, description="Only services for this age.")


def envelope(total: int, paging: Paging, content: list[Any]) -> dict[str, Any]:
    """ORUK's page header around a list of records."""
    pages = math.ceil(total / paging.per_page) if total else 0
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": paging.page,
        "size": paging.per_page,
        "first_page": paging.page == 1,
        "last_page": paging.page >= pages,
        "empty": not content,
        "content": content,
    }


def _page_of(queryset: QuerySet, paging: Paging) -> tuple[int, list[Any]]:
    start = (paging.page - 1) * paging.per_page
    return queryset.count(), list(queryset[start : start + paging.per_page])


def _directory_query(filters: ServiceFilters) -> DirectoryQuery:
    """Turn the ORUK filters into a search-engine query; raises BadRequest when they clash."""
    place = filters.postcode.replace("\x00", "").strip()
    if filters.proximity is not None and not place:
        raise BadRequest("proximity needs a postcode to measure from.")
    facets = {}
    if filters.taxonomy_id:
        term = (
            Taxonomy.objects.filter(pk=filters.taxonomy_id).first()
            if filters.taxonomy_id.isdigit()
            else None
        )
        if term is None:
            raise BadRequest(f"Unknown taxonomy_id: {filters.taxonomy_id!r}.")
        facets["category"] = term.slug
    search = Search(
        text=filters.text,
        place=place,
        radius_km=(filters.proximity or DEFAULT_PROXIMITY_METRES) / 1000,
        facets=facets,
        age=filters.age,
    )
    offset = (filters.page - 1) * filters.per_page
    try:
        built = build_query(search, offset=offset, limit=filters.per_page)
    except PlaceNotFound as problem:
        raise BadRequest(str(problem)) from problem
    return built.query


@api.get("/services", response={200: ServicePage, 400: ErrorOut}, tags=["services"])
def list_services(request: HttpRequest, filters: Query[ServiceFilters]) -> dict[str, Any]:
    """Public: published services, searched and filtered through the directory's search engine."""
    results = get_engine().search(_directory_query(filters))
    ids = [hit.id for hit in results.hits]
    found = {
        service.pk: service
        for service in records.services_with_children(Service.objects.searchable()).filter(
            pk__in=ids
        )
    }
    content = [records.service_record(found[i]) for i in ids if i in found]
    return envelope(results.total, filters, content)


ServiceId = Annotated[str, Field(pattern=r"^[0-9]{1,17}$", description="A service's id.")]


@api.get(
    "/services/{service_id}",
    response={200: ServiceOut, 400: ErrorOut, 404: ErrorOut},
    tags=["services"],
)
def get_service(request: HttpRequest, service_id: Path[ServiceId]) -> dict[str, Any]:
    """Public: one published service, with everything nested."""
    service = (
        records.services_with_children(Service.objects.searchable())
        .filter(pk=int(service_id))
        .first()
    )
    if service is None:
        raise HttpError(404, "No published service has this id.")
    return records.service_record(service)


@api.get("/taxonomies", response={200: TaxonomyPage, 400: ErrorOut}, tags=["taxonomies"])
def list_taxonomies(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    """Public: the directory's categories (one vocabulary, in a tree via `parent`)."""
    total, terms = _page_of(Taxonomy.objects.order_by("sort_order", "name", "pk"), paging)
    return envelope(total, paging, [records.taxonomy_record(term) for term in terms])


@api.get("/organizations", response={200: OrganizationPage, 400: ErrorOut}, tags=["organizations"])
def list_organizations(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    """Public: organisations with at least one published service."""
    organisations = Organisation.objects.filter(
        pk__in=Service.objects.searchable().values("organisation")
    ).order_by("name", "pk")
    total, rows = _page_of(organisations, paging)
    return envelope(total, paging, [records.organization_record(row) for row in rows])


@api.get(
    "/service_at_locations",
    response={200: ServiceAtLocationPage, 400: ErrorOut},
    tags=["service_at_locations"],
)
def list_service_at_locations(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    """Public: where published services are delivered."""
    links = (
        ServiceAtLocation.objects.filter(service__in=Service.objects.searchable())
        .select_related("location", "service")
        .order_by("pk")
    )
    total, rows = _page_of(links, paging)
    return envelope(
        total, paging, [records.service_at_location_record(row, with_service=True) for row in rows]
    )
