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

from .models import Place, Postcode

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


def locate(text: str) -> Located:
    """Turn what a resident typed (postcode, outward code like "NG7", or town) into a point."""
    text = " ".join(text.split())[:60]
    upper = text.upper().replace(" ", "")
    if OUTCODE_RE.match(upper):
        centre = Postcode.objects.filter(outcode=upper).aggregate(
            latitude=Avg("latitude"), longitude=Avg("longitude")
        )
        if centre["latitude"] is not None:
            return Located(Point(centre["latitude"], centre["longitude"]), upper)
        return Located(error=f"We could not find the postcode area {upper}. Check it.")
    place = Place.objects.filter(name__iexact=text).first()
    if place:
        return Located(Point(place.latitude, place.longitude), place.name)
    postcode = normalise_postcode(text)
    if postcode is None:
        if looks_like_postcode(text):
            return Located(error="Enter a real postcode, like NG1 5FS.")
        return Located(error=f"We could not find a place called '{text}'. Try a postcode instead.")
    point = get_geocoder().geocode(postcode)
    if point is None:
        return Located(
            error=f"We could not find the postcode {postcode}. Check it, or try the town name."
        )
    return Located(point, postcode)
