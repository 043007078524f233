"""Public pages of the directory. Everyone may read them; no sign-in needed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.views.decorators.http import require_http_methods

from cms.core import page_cache
from cms.core.roles import VRU_STAFF, tell_role
from search.engine import DirectoryQuery, SearchHit
from search.vocabulary import respell

from . import lifecycle, review
from .forms import ReportProblemForm
from .indexing import DIRECTORY
from .models import ListingReport, Service
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
    # Each result's link carries this search, for the service page's back link.
    back_query = urlencode({"search": urlencode(_search_params(request.GET), doseq=True)})
    context.update(
        query=query,
        total=results.total,
        located_label=form.located_label,
        located_notice=form.located_notice,
        suggestion=suggestion,
        widened_miles=_miles(answered.radius_km) if answered is not query else None,
        suggestion_query=_changed(request, "q", suggestion) if suggestion else "",
        results=_result_cards(results.hits, back_query),
        page_obj=Paginator(range(results.total), RESULTS_PER_PAGE).get_page(page_number),
    )
    if not results.total:
        context.update(_what_else(request, answered, back_query))
    return render(request, "assets_directory/index.html", context)


# Distances, in miles, the no-results page offers to search within next.
WIDER_MILES = (10, 25, 50, MAX_DISTANCE_MILES)


def _what_else(request: HttpRequest, answered: DirectoryQuery, back_query: str) -> dict[str, Any]:
    """For a search that found nothing: the nearest listings of the category it most likely
    meant, and the same search farther out."""
    offers: dict[str, Any] = {}
    term = likely_category(answered.text) if answered.text else None
    if term is not None:
        offers["nearest_term"] = term
        offers["nearest"] = _result_cards(nearest_of_category(answered, term), back_query)
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


@dataclass(frozen=True)
class ResultCard:
    """What a result in a list shows: its name and link (carrying the search, for the
    service page's back link), first lines, who runs it, where and how far.

    Plain values from one query, not listings: a page of 20 results built and drawn from
    model instances was about a tenth of the search page's time (bench/directory_search.py).
    """

    name: str
    url: str
    summary: str
    organisation: str
    city: str
    latitude: float | None
    longitude: float | None
    miles: float | None

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None


SUMMARY_WORDS = 30


def _result_cards(hits: list[SearchHit], back_query: str) -> list[ResultCard]:
    """The cards for one page of hits, in their order, in one query whatever the page size.
    A listing gone since it was indexed is left out. Its place is its first linked one."""
    rows = (
        Service.objects.filter(pk__in=[hit.id for hit in hits])
        .order_by("pk", "service_at_locations__pk")
        .values_list(
            "pk",
            "name",
            "slug",
            "description",
            "organisation__name",
            "service_at_locations__location__city",
            "service_at_locations__location__latitude",
            "service_at_locations__location__longitude",
        )
    )
    first_rows: dict[int, tuple] = {}
    for row in rows:
        first_rows.setdefault(row[0], row)
    # Every listing's URL differs only in its slug: one reverse() for the page, not one each.
    url_of = reverse("assets_directory:service", kwargs={"slug": "slug"}).replace("/slug/", "/{}/")
    cards = []
    for hit in hits:
        if (row := first_rows.get(hit.id)) is None:
            continue
        _, name, slug, description, organisation, city, latitude, longitude = row
        cards.append(
            ResultCard(
                name=name,
                url=f"{url_of.format(slug)}?{back_query}",
                summary=Truncator(description).words(SUMMARY_WORDS, truncate=" …"),
                organisation=organisation or "",
                city=city or "",
                latitude=latitude,
                longitude=longitude,
                miles=_miles(hit.distance_km),
            )
        )
    return cards


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
