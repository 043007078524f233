"""The directory's part of the site search (search/site.py): listings matching some words,
found by the same query builder and engine as the directory's own search page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import Truncator

from search.engine import get_engine
from search.site import SiteResult, SiteSection

from .models import Service
from .search_query import Search, build_query


def services_matching(text: str, limit: int) -> SiteSection:
    """The best `limit` listings a resident may find for `text`, and how many match."""
    found = get_engine().search(build_query(Search(text=text), limit=limit).query)
    ids = [hit.id for hit in found.hits]
    services = Service.objects.searchable().filter(pk__in=ids).in_bulk()
    return SiteSection(
        heading="Services",
        total=found.total,
        results=[
            SiteResult(
                title=service.name,
                url=service.get_absolute_url(),
                summary=Truncator(service.description).words(30),
            )
            for service in (services.get(pk) for pk in ids)
            if service is not None
        ],
        more_url=f"{reverse('assets_directory:index')}?{urlencode({'q': text})}",
        more_label="See all matching services, with filters and a map",
    )
