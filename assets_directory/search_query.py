"""One way to turn what someone asked the directory for into a `DirectoryQuery`.

The resident's search page and the Open Referral UK API both build their queries here, so
a place is found the same way (postcode, outward code like "NG7", or town name, through
`geocoding.locate`) and each filter means the same whichever door a search comes in by.
Each caller checks its own parameters first (a form, an API schema) and says what its
default distance is; this module does the rest.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime

from django.utils import timezone

from search.engine import DirectoryQuery, DirectoryResults, SearchHit, get_engine
from search.thesaurus import understand

from .geocoding import locate
from .models import Taxonomy


class PlaceNotFound(Exception):
    """What was given as a place is not one we know; the message says what to try."""


@dataclass(frozen=True)
class Search:
    """One search, its parameters already checked one by one by the caller."""

    text: str = ""
    place: str = ""  # as typed: a postcode, an outward code or a town
    radius_km: float | None = None  # how far from the place; ignored without one
    facets: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # name -> chosen values
    age: int | None = None
    free_only: bool = False
    wheelchair: bool = False
    open_now: bool = False
    open_weekday: int | None = None  # ISO weekday, when not "open now"


@dataclass(frozen=True)
class BuiltQuery:
    query: DirectoryQuery
    place_label: str = ""  # the place found, as the results heading names it
    place_notice: str = ""  # what to tell the resident when the place was found only roughly


def build_query(
    search: Search, *, now: datetime | None = None, offset: int = 0, limit: int = 20
) -> BuiltQuery:
    """The engine's query for `search`. Raises PlaceNotFound for a place we cannot find.

    `now`: the moment "open now" means (default: this one).
    """
    point, label, notice = None, "", ""
    if place := _plain(search.place):
        located = locate(place)
        if located.point is None:
            raise PlaceNotFound(located.error)
        point, label, notice = located.point, located.label, located.notice
    open_weekday, open_time = search.open_weekday, None
    if search.open_now:
        local = timezone.localtime(now or timezone.now())
        open_weekday, open_time = local.isoweekday(), local.time().replace(microsecond=0)
    query = DirectoryQuery(
        text=_plain(search.text),
        latitude=point.latitude if point else None,
        longitude=point.longitude if point else None,
        radius_km=search.radius_km if point else None,
        facets={name: value for name, value in search.facets.items() if value},
        age=search.age,
        free_only=search.free_only,
        wheelchair=search.wheelchair,
        open_weekday=open_weekday,
        open_time=open_time,
        offset=offset,
        limit=limit,
    )
    return BuiltQuery(query, label, notice)


# When nothing is near enough, the nearest within these distances (km: 10 and 25 miles).
WIDER_RADII_KM = (16.09344, 40.2336)


def search_widening(query: DirectoryQuery) -> tuple[DirectoryResults, DirectoryQuery]:
    """The results, and the query that found them: when nothing lies within the radius, the
    same search farther out, so a resident is offered the nearest services of that kind."""
    engine = get_engine()
    results = engine.search(query)
    if results.total or not query.has_point or query.radius_km is None:
        return results, query
    for radius in (r for r in WIDER_RADII_KM if r > query.radius_km):
        wider = replace(query, radius_km=radius)
        results = engine.search(wider)
        if results.total:
            return results, wider
    return results, query


def likely_category(text: str) -> Taxonomy | None:
    """The category a query most likely asks for, through the shared thesaurus: "skint"
    means benefits and debt advice, "talking therapy" counselling. A phrase naming a category
    outright wins; then one that is a whole word of a category's name, the resident's own
    words before the thesaurus's."""
    phrases = [phrase for concept in understand(text).concepts for phrase in concept]
    terms = list(Taxonomy.objects.order_by("-parent_id", "sort_order", "name"))  # children first
    names = [(term, term.name.casefold()) for term in terms]
    for phrase in phrases:
        if found := next((term for term, name in names if name == phrase), None):
            return found
    for phrase in phrases:
        word = re.compile(rf"\b{re.escape(phrase)}\b")
        if found := next((term for term, name in names if word.search(name)), None):
            return found
    return None


def nearest_of_category(query: DirectoryQuery, term: Taxonomy, limit: int = 3) -> list[SearchHit]:
    """What a search that found nothing can still offer: the nearest listings of the likely
    category (any distance, none of the other filters); without a place, the first few."""
    offer = DirectoryQuery(
        latitude=query.latitude,
        longitude=query.longitude,
        facets={"category": (term.slug,)},
        limit=limit,
    )
    return get_engine().search(offer).hits


def _plain(text: str) -> str:
    """Words separated by single spaces; NUL characters (which databases refuse) dropped."""
    return " ".join(text.replace("\x00", " ").split())
