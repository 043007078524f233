"""Public pages served to anonymous visitors from the cache, dropped the moment they change.

Why hand-written: wagtail-cache (the library for this) supports Wagtail below 8, and Django's
own cache middleware caches by URL and Vary only, so it cannot tell which pages a publish
touched, and it would cache a signed-in person's page keyed on their session cookie. This is
a small layer over Django's cache API and its `django.utils.cache` helpers.

How it works:

- A view opts in by saying what its page shows, as tags named in `PAGE_CACHE_TAGS`
  (`@public_page("directory")`, or `mark_public(response, "pages")` for Wagtail pages). Pages
  that do not opt in are never stored.
- Code that changes what a tag covers calls `changed(tag)`, which gives the tag a new
  version at once and again when the transaction commits (`drop(tag)` where the change has
  already committed). Each stored page carries the versions its tags had when its rendering
  started, so a page rendered from data that changed mid-way is never served, and nothing
  has to find and delete keys.
- Only anonymous requests use the cache: a request with a session or messages cookie (signed
  in, or holding a draft, a consultation answer or a message) is never served from it and its
  page is never stored, and nor is a response that sets a cookie (a CSRF token: a form's
  personal state) or that is not a 200.
- Stored pages go out with `Cache-Control: public, max-age=0, s-maxage=...` and an ETag: a
  browser revalidates each time (a 304 from the cache), a CDN keeps the page for
  `PAGE_CACHE_SHARED_MAX_AGE` or until Wagtail's frontend-cache purge. Everything else opted
  in but served to someone signed in goes out `private, no-cache`.
- A cache that fails (Redis down) is a miss: the page is rendered as if nothing was cached.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import BaseCache, caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag

logger = logging.getLogger(__name__)

Response = TypeVar("Response", bound=HttpResponseBase)

# Set on a response by `mark_public`: the tags of what the page shows, and its lifetime.
_TAGS_ATTRIBUTE = "_public_page_tags"
_TIMEOUT_ATTRIBUTE = "_public_page_timeout"
_KEY_PREFIX = "pagecache"
# Headers that belong to one response and are not replayed from the cache.
_NOT_REPLAYED = {"set-cookie", "content-length"}


@dataclass(frozen=True)
class _Entry:
    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes
    versions: tuple[tuple[str, str | None], ...]  # (tag, version) when rendering began


def _cache() -> BaseCache:
    return caches[settings.PAGE_CACHE_ALIAS]


def _version_key(tag: str) -> str:
    return f"{_KEY_PREFIX}:tag:{tag}"


def _check_tags(tags: Iterable[str]) -> tuple[str, ...]:
    tags = tuple(tags)
    unknown = set(tags) - set(settings.PAGE_CACHE_TAGS)
    if unknown or not tags:
        raise ValueError(f"Page cache tags must be some of PAGE_CACHE_TAGS, not {tags!r}.")
    return tags


# --- What views call -----------------------------------------------------------------------


def mark_public(response: Response, *tags: str, timeout: int | None = None) -> Response:
    """Let this response be cached for anonymous visitors; `tags` say what it shows.

    `timeout` (seconds) shortens its life below PAGE_CACHE_TIMEOUT, for pages that change by
    the clock (a consultation closing, "open now"); 0 means do not store it at all.
    """
    setattr(response, _TAGS_ATTRIBUTE, _check_tags(tags))
    setattr(response, _TIMEOUT_ATTRIBUTE, timeout)
    return response


def public_page(
    *tags: str, timeout: int | None = None
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """Decorate a public function view whose page shows `tags` (see `mark_public`)."""
    _check_tags(tags)

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            return mark_public(view(request, *args, **kwargs), *tags, timeout=timeout)

        return wrapped

    return decorator


def changed(*tags: str) -> None:
    """What these tags cover is changing: pages showing it are dropped now, and again once
    the change commits, since a page rendered in between from the old data is stale too."""
    drop(*tags)
    transaction.on_commit(lambda: drop(*tags), robust=True)


def drop(*tags: str) -> None:
    """Drop the pages showing these tags now: for code that runs once a change committed."""
    tags = _check_tags(tags)
    try:
        _cache().set_many({_version_key(tag): uuid.uuid4().hex for tag in tags}, timeout=None)
    except Exception:  # a cache that is down holds no pages to drop
        logger.warning("Page cache: could not record a change to %s", tags, exc_info=True)


def versions(*tags: str) -> tuple[str, ...] | None:
    """The tags' current versions, for something kept outside this cache that must be dropped
    when they change (None: the cache is down, so nothing kept may be trusted)."""
    keys = [_version_key(tag) for tag in _check_tags(tags)]
    try:
        found = _read(keys, keys)
        return tuple(found[key] for key in keys)
    except Exception:
        logger.warning("Page cache: could not read the versions of %s", tags, exc_info=True)
        return None


def _read(keys: list[str], version_keys: list[str]) -> dict[str, Any]:
    """The cached values of `keys`, in one round trip when every tag has a version.

    A tag with no version yet (never changed, or forgotten by a cache flush) is given one
    first, so nothing is ever kept under "no version", which a later flush would bring back.
    """
    found = _cache().get_many(keys)
    missing = [key for key in version_keys if key not in found]
    if missing:
        for key in missing:
            _cache().add(key, uuid.uuid4().hex, timeout=None)
        found = _cache().get_many(keys)
    return found


# --- The middleware ------------------------------------------------------------------------


class PageCacheMiddleware:
    """Serves stored anonymous pages, and stores the public ones it sees rendered.

    It sits just below WhiteNoise, so a hit skips sessions, authentication, CSRF and the
    view; headers set by middleware below it are stored with the page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not settings.PAGE_CACHE_ENABLED or not _anonymous_read(request):
            return _private_if_opted_in(self.get_response(request))
        key = _page_key(request)
        entry, versions = _lookup(key)
        if entry is not None and all(versions.get(tag) == v for tag, v in entry.versions):
            return _replay(request, entry)
        response = _marked_by_path(request, self.get_response(request))
        if not _storable(request, response):
            return _private_if_opted_in(response)
        if request.method == "GET":
            _store(key, response, versions)
        return response


def _marked_by_path(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    """Views under a PAGE_CACHE_PATHS prefix are public without saying so themselves: how
    the Open Referral UK API (/api/) is cached without reaching into its code."""
    if getattr(response, _TAGS_ATTRIBUTE, None) is None:
        for prefix, tags in settings.PAGE_CACHE_PATHS.items():
            if request.path.startswith(prefix):
                return mark_public(response, *tags)
    return response


def _anonymous_read(request: HttpRequest) -> bool:
    """A GET or HEAD from someone with no session, no messages and no credentials."""
    cookies = request.COOKIES
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in cookies
        and CookieStorage.cookie_name not in cookies
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _page_key(request: HttpRequest) -> str:
    """One entry per scheme, host, path and query (its parameters in a fixed order)."""
    query = sorted((name, value) for name, values in request.GET.lists() for value in values)
    url = f"{settings.PAGE_CACHE_RELEASE}|{request.scheme}://{request.get_host()}"
    url += f"{request.path}?{urlencode(query)}"
    return f"{_KEY_PREFIX}:page:{hashlib.sha256(url.encode()).hexdigest()}"


def _lookup(key: str) -> tuple[_Entry | None, dict[str, str | None]]:
    """The stored page (if any) and every tag's current version, in one round trip (two when
    a tag has no version yet)."""
    version_keys = {_version_key(tag): tag for tag in settings.PAGE_CACHE_TAGS}
    try:
        found = _read([key, *version_keys], list(version_keys))
    except Exception:
        logger.warning("Page cache: lookup failed", exc_info=True)
        found = {}
    entry = found.get(key)
    versions = {tag: found.get(version_key) for version_key, tag in version_keys.items()}
    return (entry if isinstance(entry, _Entry) else None), versions


def _storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Opted in, a complete 200, for nobody in particular, setting no cookie."""
    user = getattr(request, "user", None)
    return (
        getattr(response, _TAGS_ATTRIBUTE, None) is not None
        and getattr(response, _TIMEOUT_ATTRIBUTE, None) != 0
        and response.status_code == 200
        and isinstance(response, HttpResponse)
        and not response.cookies
        and not {"private", "no-store", "no-cache"} & _cache_control_words(response)
        and not (user is not None and user.is_authenticated)
        and not getattr(request, "is_preview", False)
    )


def _cache_control_words(response: HttpResponseBase) -> set[str]:
    return {word.strip().split("=")[0] for word in response.get("Cache-Control", "").split(",")}


def _store(key: str, response: HttpResponseBase, versions: dict[str, str | None]) -> None:
    assert isinstance(response, HttpResponse)  # checked by _storable
    shared_max_age = settings.PAGE_CACHE_SHARED_MAX_AGE
    timeout = min(
        getattr(response, _TIMEOUT_ATTRIBUTE, None) or settings.PAGE_CACHE_TIMEOUT,
        settings.PAGE_CACHE_TIMEOUT,
    )
    patch_cache_control(response, public=True, max_age=0, s_maxage=min(timeout, shared_max_age))
    set_response_etag(response)
    tags = getattr(response, _TAGS_ATTRIBUTE)
    entry = _Entry(
        status=response.status_code,
        headers=tuple(
            (name, value) for name, value in response.items() if name.lower() not in _NOT_REPLAYED
        ),
        content=response.content,
        versions=tuple((tag, versions[tag]) for tag in tags),
    )
    try:
        _cache().set(key, entry, timeout)
    except Exception:
        logger.warning("Page cache: could not store %s", key, exc_info=True)
    response["X-Cache"] = "miss"


def _replay(request: HttpRequest, entry: _Entry) -> HttpResponseBase:
    response = HttpResponse(entry.content, status=entry.status)
    for name, value in entry.headers:
        response[name] = value
    response["X-Cache"] = "hit"
    etag = response.get("ETag")
    return get_conditional_response(request, etag=etag, response=response) or response


def _private_if_opted_in(response: HttpResponseBase) -> HttpResponseBase:
    """A public page served to someone in particular: no shared cache may keep it."""
    if getattr(response, _TAGS_ATTRIBUTE, None) is not None:
        patch_cache_control(response, private=True, no_cache=True)
    return response
