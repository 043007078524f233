"""Site-wide search: pages and publications, with the other sources the project names
(search/site.py), all from the box linked in every page's header."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from wagtail.models import Page

from .site import sources

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
RESULTS_PER_SOURCE = 5


def site_search(request: HttpRequest) -> HttpResponse:
    """Public: search live, public pages and every other source. Over-long queries are cut,
    never an error. Pages are paginated; each other source shows its best few and links to
    its own search for the rest."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.live().public().specific().search(query) if query else []
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    # The other sources are shown with the first page of pages only.
    first_page = query and page.number == 1
    sections = [source(query, RESULTS_PER_SOURCE) for source in sources()] if first_page else []
    return render(
        request,
        "search/site_search.html",
        {"query": query, "results": page, "sections": sections},
    )
