"""Site-wide search: pages and publications, with the other sources the project names
(search/site.py), all from the box linked in every page's header.

Pages are searched with Wagtail's configured backend. When that backend is Elasticsearch and
the cluster is down, times out or answers with an error, the page answers from the database
backend instead (kept current beside it: see WAGTAILSEARCH_BACKENDS in settings), the same
way the directory's engine falls back.
"""

import logging

from django.conf import settings
from django.core.paginator import Page as ResultsPage
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from elasticsearch import ApiError, TransportError
from wagtail.models import Page

from .site import sources

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
RESULTS_PER_SOURCE = 5
# The name of the database backend that answers when the default one cannot.
FALLBACK_BACKEND = "database"

logger = logging.getLogger(__name__)


def site_search(request: HttpRequest) -> HttpResponse:
    """Public: search live, public pages and every other source. Over-long queries are cut,
    never an error. Pages are paginated; each other source shows its best few and links to
    its own search for the rest."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    number = request.GET.get("page")
    try:
        page = _results(query, number, backend="default")
    except (ApiError, TransportError):
        if FALLBACK_BACKEND not in settings.WAGTAILSEARCH_BACKENDS:
            raise
        logger.warning("Site search backend unavailable; answering from the database")
        page = _results(query, number, backend=FALLBACK_BACKEND)
    # The other sources are shown with the first page of pages only.
    first_page = query and page.number == 1
    sections = [source(query, RESULTS_PER_SOURCE) for source in sources()] if first_page else []
    return render(
        request,
        "search/site_search.html",
        {"query": query, "results": page, "sections": sections},
    )


def _results(query: str, number: str | None, backend: str) -> ResultsPage:
    """One page of results, read now so that a backend failure happens here."""
    found = Page.objects.live().public().specific().search(query, backend=backend) if query else []
    page = Paginator(found, RESULTS_PER_PAGE).get_page(number)
    page.object_list = list(page.object_list)
    return page
