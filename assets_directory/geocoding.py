"""Postcodes and place names to points, with no network at runtime.

The default geocoder reads the ONS Postcode Directory loaded into `Postcode`. A production
site that wants a live service sets DIRECTORY_GEOCODER to the dotted path of a class with a
`geocode(postcode) -> Point | None` method; providers' addresses are geocoded by the Celery
task `assets_directory.tasks.geocode_location`, so a slow service never slows a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from django.conf import settings
from django.db.models import Avg
from django.utils.module_loading import import_string

from .models import Postcode
from .places import describe, find_places

POSTCODE_RE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$")
OUTCODE_RE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")


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
