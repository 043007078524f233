"""Postcodes and place names to points, with no network at runtime.

The default geocoder reads the postcodes loaded into `Postcode` (OS Code-Point Open or the
ONS Postcode Directory). A production site that wants a live service sets DIRECTORY_GEOCODER
to the dotted path of a class with a `geocode(postcode) -> Point | None` method, such as
`assets_directory.geocoding.PostcodesIoGeocoder` (postcodes.io, falling back to the loaded
postcodes); providers' addresses are geocoded by the Celery
task `assets_directory.tasks.geocode_location`, so a slow service never slows a page.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from functools import cache
from typing import Protocol
from urllib.error import HTTPError
from urllib.parse import quote
from urllib.request import urlopen

from django.conf import settings
from django.core.cache import cache as django_cache
from django.db.models import Avg
from django.utils.module_loading import import_string

from .models import Postcode
from .places import describe, find_places

logger = logging.getLogger(__name__)
POSTCODE_RE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$")
OUTCODE_RE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
SECTOR_RE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) [0-9]$")


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


class Geocoder(Protocol):
    def geocode(self, postcode: str) -> Point | None: ...


def normalise_postcode(text: str) -> str | None:
    """ "ng15fs" -> "NG1 5FS"; None when it is not shaped like a UK postcode."""
    match = POSTCODE_RE.match(text.upper().replace(" ", "").strip()[:8])
    if not match:
        return None
    return f"{match.group(1)} {match.group(2)}"


def looks_like_postcode(text: str) -> bool:
    """Digits mean someone meant a postcode, so a bad one gets a postcode error message."""
    return any(ch.isdigit() for ch in text)


class OnsPostcodeGeocoder:
    """Looks postcodes up in the loaded ONS Postcode Directory."""

    def geocode(self, postcode: str) -> Point | None:
        row = Postcode.objects.filter(postcode=postcode).values("latitude", "longitude").first()
        return Point(row["latitude"], row["longitude"]) if row else None


class PostcodesIoGeocoder:
    """postcodes.io, the open UK postcode API, for postcodes newer than the loaded data.

    Asks with a short timeout (DIRECTORY_GEOCODER_TIMEOUT seconds), keeps each answer in the
    cache for a day (a postcode does not move), and whenever the service is slow, down or
    does not know the postcode, answers from the offline data instead. Postcodes are never
    logged: with a house number they point at a home.
    """

    CACHE_SECONDS = 24 * 60 * 60
    offline = OnsPostcodeGeocoder()

    def geocode(self, postcode: str) -> Point | None:
        key = f"postcodes.io:{postcode.replace(' ', '')}"
        cached = django_cache.get(key)
        if cached is None:
            cached = self._ask(postcode)
            if cached is not None:
                django_cache.set(key, cached, self.CACHE_SECONDS)
        if cached:
            return Point(*cached)
        return self.offline.geocode(postcode)

    def _ask(self, postcode: str) -> tuple[float, float] | tuple[()] | None:
        """(lat, lng); () when the service says there is no such postcode; None if it failed."""
        base = getattr(settings, "DIRECTORY_POSTCODES_IO_URL", "https://api.postcodes.io")
        url = f"{base.rstrip('/')}/postcodes/{quote(postcode)}"
        timeout = getattr(settings, "DIRECTORY_GEOCODER_TIMEOUT", 2.0)
        try:
            with urlopen(url, timeout=timeout) as response:
                result = json.load(response)["result"]
            return (float(result["latitude"]), float(result["longitude"]))
        except HTTPError as error:
            if error.code == 404:
                return ()
            logger.warning("postcodes.io answered %s; using the offline postcodes", error.code)
        except (OSError, ValueError, KeyError, TypeError) as error:
            logger.warning("postcodes.io failed (%s); using the offline postcodes", type(error))
        return None


@cache
def _geocoder(dotted: str) -> Geocoder:
    return import_string(dotted)()


def get_geocoder() -> Geocoder:
    return _geocoder(
        getattr(settings, "DIRECTORY_GEOCODER", "")
        or "assets_directory.geocoding.OnsPostcodeGeocoder"
    )


@dataclass(frozen=True)
class Located:
    """The answer to "where is this?": a point and a label, or an error to show."""

    point: Point | None = None
    label: str = ""
    error: str = ""
    notice: str = ""  # found, but not exactly what was typed: say what was searched from
    choices: tuple[str, ...] = ()  # place names to choose from when the name was ambiguous


def locate(text: str) -> Located:
    """Turn what a resident typed (postcode, outward code like "NG7", or town) into a point."""
    text = " ".join(text.split())[:60]
    upper = text.upper().replace(" ", "")
    if sector := SECTOR_RE.match(text.upper()):  # "NG6 8": the part before the last letters
        centre = _centre_of(sector.group(1), sector.group(0))
        if centre is not None:
            return Located(centre, sector.group(0))
    if OUTCODE_RE.match(upper):
        centre = _centre_of(upper)
        if centre is not None:
            return Located(centre, upper)
        return Located(error=f"We could not find the postcode area {upper}. Check it.")
    postcode = normalise_postcode(text)
    if postcode is None:
        if not looks_like_postcode(text):
            return _place_called(text)
        return Located(
            error="Enter a real postcode, like NG1 5FS, or just its first part, like NG7."
        )
    point = get_geocoder().geocode(postcode)
    if point is not None:
        return Located(point, postcode)
    return _nearest_we_hold(postcode)


def _place_called(text: str) -> Located:
    """A town, village or neighbourhood by name; several of that name are offered as a choice."""
    match = find_places(text)
    if not match.places:
        return Located(error=f"We could not find a place called '{text}'. Try a postcode instead.")
    if len(match.places) > 1:
        choices = tuple(describe(place) for place in match.places)
        return Located(
            error=f"More than one place matches '{text}'. Type the one you mean: "
            + ", ".join(choices)
            + ".",
            choices=tuple(place.name for place in match.places),
        )
    place = match.places[0]
    notice = "" if match.exact else f"Showing results near {place.name}."
    return Located(Point(place.latitude, place.longitude), place.name, notice=notice)


def _nearest_we_hold(postcode: str) -> Located:
    """A postcode we do not hold (new, or mistyped at the end): its sector, else its district."""
    outcode, inward = postcode.split()
    sector = f"{outcode} {inward[0]}"
    centre, label = _centre_of(outcode, sector), sector
    if centre is None:
        centre, label = _centre_of(outcode), outcode
    if centre is None:
        return Located(
            error=f"We could not find the postcode {postcode} or its area {outcode}. "
            "Check it, or try the town name."
        )
    return Located(
        centre,
        label,
        notice=f"We do not have the postcode {postcode}, so we searched from the middle of "
        f"{label}. Check the postcode for results nearer to you.",
    )


def _centre_of(outcode: str, sector: str = "") -> Point | None:
    """The middle of the postcodes we hold in an outward code (and sector, when given)."""
    postcodes = Postcode.objects.filter(outcode=outcode)
    if sector:
        postcodes = postcodes.filter(postcode__startswith=sector)
    centre = postcodes.aggregate(latitude=Avg("latitude"), longitude=Avg("longitude"))
    if centre["latitude"] is None:
        return None
    return Point(centre["latitude"], centre["longitude"])
