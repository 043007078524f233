"""Site-wide search over the site's pages, with Wagtail's configured search backend."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from wagtail.models import Page

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def site_search(request: HttpRequest) -> HttpResponse:
    """Public: search live, public pages. Over-long queries are cut, never an error."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.live().public().specific().search(query) if query else []
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "search/site_search.html", {"query": query, "results": page})
