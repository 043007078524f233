"""Site-wide search over the site's pages, with Wagtail's configured search backend.

When that backend is Elasticsearch and the cluster is down, times out or answers with an
error, the page answers from the database backend instead (kept current beside it: see
WAGTAILSEARCH_BACKENDS in settings), the same way the directory's engine falls back.
"""

import logging

from django.conf import settings
from django.core.paginator import Page as ResultsPage
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from elasticsearch import ApiError, TransportError
from wagtail.models import Page

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
# The name of the database backend that answers when the default one cannot.
FALLBACK_BACKEND = "database"

logger = logging.getLogger(__name__)


def site_search(request: HttpRequest) -> HttpResponse:
    """Public: search live, public pages. Over-long queries are cut, never an error."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    number = request.GET.get("page")
    try:
        results = _results(query, number, backend="default")
    except (ApiError, TransportError):
        if FALLBACK_BACKEND not in settings.WAGTAILSEARCH_BACKENDS:
            raise
        logger.warning("Site search backend unavailable; answering from the database")
        results = _results(query, number, backend=FALLBACK_BACKEND)
    return render(request, "search/site_search.html", {"query": query, "results": results})


def _results(query: str, number: str | None, backend: str) -> ResultsPage:
    """One page of results, read now so that a backend failure happens here."""
    found = Page.objects.live().public().specific().search(query, backend=backend) if query else []
    page = Paginator(found, RESULTS_PER_PAGE).get_page(number)
    page.object_list = list(page.object_list)
    return page
