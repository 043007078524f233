"""Which Wagtail site a request is for, remembered by each worker between requests.

Wagtail finds the site with a query per request (`Site.find_for_request`): about 4 ms of
the home page's 19 ms on-CPU, the fifth of it that issue 17 measured. The answer changes only
when a site or a page's place in the tree changes, and both change the page cache's "pages"
tag (cms.core.signals). So each worker keeps the rows it found, trusts them while that tag's
version is the one they were found under (one cache read), and builds fresh instances from
them for each request, so nothing one request does to its Site or root page reaches another.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.models import Page, Site

from . import page_cache

# (hostname, port) -> (the "pages" version, the site's and its root page's field values).
_Found = tuple[tuple[str, ...], tuple[dict[str, Any], dict[str, Any]] | None]
_found: dict[tuple[str, str], _Found] = {}
# Hosts are those ALLOWED_HOSTS lets through, but a wildcard lets any through: keep few.
MAX_HOSTS_KEPT = 32

_wagtails_find_for_request: Callable[[HttpRequest], Site | None] = Site._find_for_request


def find_for_request(request: HttpRequest) -> Site | None:
    """Wagtail's answer for this request's host and port, from what this worker kept."""
    # The host as Wagtail reads it (Django's own, unchecked against ALLOWED_HOSTS; no stub).
    host = request._get_raw_host()  # type: ignore[attr-defined]
    key = (split_domain_port(host)[0], request.get_port())
    version = page_cache.versions("pages")
    kept = _found.get(key)
    if version is not None and kept is not None and kept[0] == version:
        return _rebuilt(kept[1])
    site = _wagtails_find_for_request(request)
    if version is not None:
        if len(_found) >= MAX_HOSTS_KEPT:
            _found.clear()
        _found[key] = (version, _field_values(site))
    return site


def _field_values(site: Site | None) -> tuple[dict[str, Any], dict[str, Any]] | None:
    if site is None:
        return None
    return _values_of(site), _values_of(site.root_page)


def _values_of(instance: Site | Page) -> dict[str, Any]:
    fields = instance._meta.concrete_fields
    return {field.attname: getattr(instance, field.attname) for field in fields}


def _rebuilt(values: tuple[dict[str, Any], dict[str, Any]] | None) -> Site | None:
    if values is None:
        return None
    site_values, page_values = values
    site = Site.from_db(Site.objects.db, list(site_values), list(site_values.values()))
    site.root_page = Page.from_db(Page.objects.db, list(page_values), list(page_values.values()))
    return site


def remember_sites_per_worker() -> None:
    """Make Wagtail find each request's site through this worker's memory."""
    Site._find_for_request = staticmethod(find_for_request)
