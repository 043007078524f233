"""Public pages of the directory. Everyone may read them; no sign-in needed."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from cms.core import page_cache
from cms.core.roles import VRU_STAFF, tell_role
from search.engine import DirectoryQuery
from search.vocabulary import respell

from . import lifecycle, review
from .forms import ReportProblemForm
from .indexing import DIRECTORY
from .models import ListingReport, Service, ServiceAtLocation
from .search_form import KM_PER_MILE, MAX_DISTANCE_MILES, DirectorySearchForm
from .search_query import WIDER_RADII_KM, likely_category, nearest_of_category, search_widening

RESULTS_PER_PAGE = 20
MAX_PAGE = 500
# Seconds an anonymous search's page is cached at most ("open now" moves with the clock).
SEARCH_PAGE_SECONDS = 60


def index(request: HttpRequest) -> HttpResponse:
    """Public: search the directory by need, place and filters. Works without JavaScript.

    Anonymous visitors' searches are cached briefly ("open now" moves with the clock)."""
    response = _search_page(request)
    timeout = SEARCH_PAGE_SECONDS if request.GET else None
    page_cache.mark_public(response, DIRECTORY, timeout=timeout)
    return response


def _search_page(request: HttpRequest) -> HttpResponse:
    searched = bool(request.GET)
    form = DirectorySearchForm(request.GET if searched else None)
    context = {"form": form, "searched": searched, "map_tiles": settings.DIRECTORY_MAP_TILES}
    if not searched:
        return render(request, "assets_directory/index.html", context)
    if not form.is_valid():
        return render(request, "assets_directory/index.html", context, status=400)
    page_number = _page_number(request.GET.get("page"))
    query = form.to_query(offset=(page_number - 1) * RESULTS_PER_PAGE, limit=RESULTS_PER_PAGE)
    results, answered = search_widening(query)
    form.show_counts(results.facets)
    suggestion = respell(query.text) if query.text else ""
    services = _services_by_id([hit.id for hit in results.hits])
    context.update(
        query=query,
        total=results.total,
        located_label=form.located_label,
        located_notice=form.located_notice,
        suggestion=suggestion,
        widened_miles=_miles(answered.radius_km) if answered is not query else None,
        suggestion_query=_changed(request, "q", suggestion) if suggestion else "",
        # Each result's link carries this search, for the service page's back link.
        back_query=urlencode({"search": urlencode(_search_params(request.GET), doseq=True)}),
        results=[
            (services[hit.id], _miles(hit.distance_km))
            for hit in results.hits
            if hit.id in services
        ],
        page_obj=Paginator(range(results.total), RESULTS_PER_PAGE).get_page(page_number),
    )
    if not results.total:
        context.update(_what_else(request, answered))
    return render(request, "assets_directory/index.html", context)


# Distances, in miles, the no-results page offers to search within next.
WIDER_MILES = (10, 25, 50, MAX_DISTANCE_MILES)


def _what_else(request: HttpRequest, answered: DirectoryQuery) -> dict[str, Any]:
    """For a search that found nothing: the nearest listings of the category it most likely
    meant, and the same search farther out."""
    offers: dict[str, Any] = {}
    term = likely_category(answered.text) if answered.text else None
    if term is not None:
        hits = nearest_of_category(answered, term)
        services = _services_by_id([hit.id for hit in hits])
        offers["nearest_term"] = term
        offers["nearest"] = [
            (services[hit.id], _miles(hit.distance_km)) for hit in hits if hit.id in services
        ]
    if answered.has_point and answered.radius_km is not None:
        # Nothing was found even after search_widening's own wider tries.
        tried = _miles(max(answered.radius_km, *WIDER_RADII_KM)) or 0.0
        wider = next((miles for miles in WIDER_MILES if miles > tried + 0.01), None)
        if wider is not None:
            offers["wider"] = (wider, _changed(request, "distance", str(wider)))
    return offers


def _changed(request: HttpRequest, name: str, value: str) -> str:
    """This search's parameters with one changed (other words, a bigger distance), from
    the first page."""
    params = request.GET.copy()
    params[name] = value
    params.pop("page", None)
    return params.urlencode()


def _search_params(params: QueryDict) -> dict[str, list[str]]:
    """Only the search's own parameters (its fields and page), so a link carrying a search
    back from a service page can only lead to the directory's search."""
    known = {*DirectorySearchForm.base_fields, "page"}
    return {name: params.getlist(name) for name in params if name in known}


def _back_to_search(request: HttpRequest) -> str:
    """Where a service page's back link goes: the search the resident came from, if any."""
    search = _search_params(QueryDict(request.GET.get("search", "")))
    index_url = reverse("assets_directory:index")
    return f"{index_url}?{urlencode(search, doseq=True)}" if search else index_url


def _page_number(raw: str | None) -> int:
    try:
        return min(max(int(raw or 1), 1), MAX_PAGE)
    except ValueError:
        return 1


def _miles(km: float | None) -> float | None:
    return None if km is None else km / KM_PER_MILE


# What a result in a list shows: its name and link, first lines, who runs it and where.
# Loading only these keeps a page of 20 results from building every field of each listing.
RESULT_FIELDS = ("name", "slug", "description", "organisation__name")
RESULT_PLACE_FIELDS = ("service", "location__city", "location__latitude", "location__longitude")


def _services_by_id(ids: list[int]) -> dict[int, Service]:
    """The listings for one page of hits, in two queries whatever the page size."""
    places = Prefetch(
        "service_at_locations",
        ServiceAtLocation.objects.select_related("location").only(*RESULT_PLACE_FIELDS),
    )
    services = Service.objects.filter(pk__in=ids).select_related("organisation")
    services = services.only(*RESULT_FIELDS).prefetch_related(places)
    return {service.pk: service for service in services}


def service_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Public: one published listing. Drafts and archived listings are not found."""
    service = get_object_or_404(
        Service.objects.searchable()
        .select_related("organisation")
        .prefetch_related(
            "service_at_locations__location",
            "contacts",
            "regular_schedules",
            "categories",
            "areas",
            "languages",
        ),
        slug=slug,
    )
    now = timezone.now()
    response = render(
        request,
        "assets_directory/service.html",
        {
            "service": service,
            "location": service.primary_location(),
            "open_now": service.is_open_at(now),
            "back_url": _back_to_search(request),
            "map_tiles": settings.DIRECTORY_MAP_TILES,
        },
    )
    # Cached until it changes, or until "open now" would change, whichever comes first.
    until = service.next_opening_change(now)
    timeout = None if until is None else max(int((until - now).total_seconds()), 0)
    return page_cache.mark_public(response, DIRECTORY, timeout=timeout)


@require_http_methods(["GET", "POST"])
def report_problem(request: HttpRequest, slug: str) -> HttpResponse:
    """Public: tell the moderators something in a listing is wrong."""
    service = get_object_or_404(Service.objects.searchable(), slug=slug)
    form = ReportProblemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ListingReport.objects.create(service=service, **form.cleaned_data)
        tell_role(VRU_STAFF, "assets_directory/email/problem_reported", {"service": service})
        return render(request, "assets_directory/report_done.html", {"service": service})
    status = 400 if request.method == "POST" else 200
    return render(
        request, "assets_directory/report.html", {"service": service, "form": form}, status=status
    )


@require_http_methods(["GET", "POST"])
def still_correct(request: HttpRequest, token: str) -> HttpResponse:
    """Anyone holding the signed link from the review email: confirm the listing is right.

    GET shows one button and changes nothing, because mail scanners open links; the click
    (POST) confirms.
    """
    try:
        service = review.service_for_token(token)
    except review.InvalidReviewLink as problem:
        return render(
            request, "assets_directory/still_correct.html", {"problem": str(problem)}, status=400
        )
    if request.method == "POST":
        lifecycle.confirm_reviewed(service)
        return render(
            request, "assets_directory/still_correct.html", {"service": service, "done": True}
        )
    return render(request, "assets_directory/still_correct.html", {"service": service})
