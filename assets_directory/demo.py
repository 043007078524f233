"""Demo listings: about 300 hand-written services across Nottingham City and the seven districts.

The listings, their organisations and venues are read from data/demo_directory.txt (its header
explains the format): each one written on its own, placed at a real postcode of its town.
Contact details are fictional: example.org addresses and Ofcom's drama numbers (0115 496 0xxx
in the city, 01632 960xxx elsewhere). Idempotent: listings are found by slug.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time, timedelta
from functools import cache
from pathlib import Path

from django.core.management import call_command
from django.db import transaction
from django.utils.text import slugify
from wagtail.signal_handlers import disable_reference_index_auto_update

from search.engine import OpeningTime

from .indexing import reindex_all
from .models import (
    Area,
    Contact,
    Language,
    Location,
    Organisation,
    Postcode,
    RegularSchedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
)

DATA = Path(__file__).resolve().parent / "data" / "demo_directory.txt"
DAYS = {"Mon": 1, "Tue": 2, "Wed": 3, "Thu": 4, "Fri": 5, "Sat": 6, "Sun": 7}
DAY_NAMES = {
    "Mon": "Monday",
    "Tue": "Tuesday",
    "Wed": "Wednesday",
    "Thu": "Thursday",
    "Fri": "Friday",
    "Sat": "Saturday",
    "Sun": "Sunday",
}
HOURS = re.compile(r"^(\d\d):(\d\d)-(\d\d):(\d\d)$")
CITY = "nottingham-city"
STEP_FREE = "step-free"


@dataclass(frozen=True)
class Venue:
    key: str
    name: str
    street: str
    postcode: str
    access: tuple[str, ...]


@dataclass(frozen=True)
class Listing:
    """One service as the data file describes it, with where and by whom it is run."""

    name: str
    organisation: str
    organisation_description: str
    area: str  # area slug
    town: str
    venue: Venue
    categories: tuple[str, ...]
    ages: tuple[int | None, int | None]
    cost: str  # "" when free
    openings: tuple[OpeningTime, ...]
    languages: tuple[str, ...]
    description: str

    @property
    def slug(self) -> str:
        return slugify(self.name)


class _Reader:
    """Reads the data file's records in order; the town, venues and organisation carry over."""

    def __init__(self) -> None:
        self.area = self.town = self.organisation = ""
        self.venues: dict[str, Venue] = {}
        self.organisations: dict[str, str] = {}  # name -> description
        self.listings: list[Listing] = []

    def record(self, line: str) -> None:
        kind, _, rest = line.partition(" ")
        fields = [field.strip() for field in rest.split(" | ")]
        if kind == "area":
            self.area = fields[0]
        elif kind == "town":
            self.town, self.venues = fields[0], {}
        elif kind == "venue":
            key, name, street, postcode, access = fields
            features = () if access == "-" else tuple(a.strip() for a in access.split(","))
            self.venues[key] = Venue(key, name, street, postcode, features)
        elif kind == "org":
            self.organisation = fields[0]
            if len(fields) > 1:
                self.organisations[fields[0]] = fields[1]
        elif kind == "-":
            self.listings.append(self._listing(*fields))
        else:
            raise ValueError(f"Unknown demo directory record: {line!r}")

    def _listing(
        self,
        name: str,
        categories: str,
        ages: str,
        cost: str,
        times: str,
        languages: str,
        venue: str,
        description: str,
    ) -> Listing:
        openings, when = _openings(times)
        return Listing(
            name=name,
            organisation=self.organisation,
            organisation_description=self.organisations[self.organisation],
            area=self.area,
            town=self.town,
            venue=self.venues[venue],
            categories=tuple(categories.split()),
            ages=_ages(ages),
            cost="" if cost == "free" else cost,
            openings=openings,
            languages=tuple(languages.split()),
            description=f"{description} {when}".strip(),
        )


@cache
def listings() -> tuple[Listing, ...]:
    """Every demo listing in the data file, in the file's order."""
    reader = _Reader()
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            reader.record(line.strip())
    return tuple(reader.listings)


def _ages(text: str) -> tuple[int | None, int | None]:
    if text == "all":
        return None, None
    if text.endswith("+"):
        return int(text[:-1]), None
    youngest, oldest = text.split("-")
    return int(youngest), int(oldest)


def _openings(text: str) -> tuple[tuple[OpeningTime, ...], str]:
    """Weekly openings from "Mon,Wed 18:00-21:00; Sat 10:00-12:30" (or "by arrangement").

    A monthly session ("first Tue of the month 19:00-21:00") is kept as its weekday, and the
    sentence returned says which week, since a weekly schedule cannot.
    """
    if text == "by arrangement":
        return (), ""
    openings: list[OpeningTime] = []
    notes: list[str] = []
    for part in text.split(";"):
        *words, hours = part.split()
        match = HOURS.match(hours)
        if match is None:
            raise ValueError(f"Demo directory opening hours not understood: {part!r}")
        h1, m1, h2, m2 = map(int, match.groups())
        days = [d for word in words for d in word.split(",") if d in DAYS]
        openings += [OpeningTime(DAYS[d], time(h1, m1), time(h2, m2)) for d in days]
        if len(days) != sum(len(word.split(",")) for word in words):  # "first Tue of the month"
            notes.append(" ".join(DAY_NAMES.get(word, word) for word in words))
    when = f"Meets on the {' and on the '.join(notes)}." if notes else ""
    return tuple(openings), when


@transaction.atomic
def load() -> int:
    """Create the demo listings (once) and index them. Returns how many listings exist."""
    with disable_reference_index_auto_update():  # listings reference nothing worth indexing
        _create_listings()
    reindex_all()
    return Service.objects.count()


def _create_listings() -> None:
    if not Postcode.objects.filter(postcode__startswith="DE").exists():
        call_command("load_postcodes", "--area", "vru", verbosity=0)
    call_command("load_places", verbosity=0)
    existing = set(Service.objects.values_list("slug", flat=True))
    wanted = [(n, listing) for n, listing in enumerate(listings()) if listing.slug not in existing]
    if not wanted:
        return
    lookups = _Lookups({listing.venue.postcode for _, listing in wanted})
    for number, listing in wanted:
        _create(listing, number, lookups)


class _Lookups:
    """Reference rows and the organisations and locations made so far, fetched once."""

    def __init__(self, postcodes: set[str]) -> None:
        self.categories = {t.slug: t for t in Taxonomy.objects.all()}
        self.languages = {lang.code: lang for lang in Language.objects.all()}
        self.areas = {area.slug: area for area in Area.objects.all()}
        self.postcodes = {p.postcode: p for p in Postcode.objects.filter(postcode__in=postcodes)}
        self.organisations: dict[str, Organisation] = {}
        self.locations: dict[tuple[str, str, str], Location] = {}

    def organisation(self, listing: Listing) -> Organisation:
        name = listing.organisation
        if name not in self.organisations:
            self.organisations[name], _ = Organisation.objects.get_or_create(
                name=name,
                defaults={
                    "description": listing.organisation_description,
                    "email": f"hello@{slugify(name)}.example.org",
                    "url": f"https://{slugify(name)}.example.org",
                    "verified": True,
                },
            )
        return self.organisations[name]

    def location(self, listing: Listing) -> Location:
        venue = listing.venue
        key = (listing.organisation, listing.town, venue.key)
        if key not in self.locations:
            postcode = self.postcodes[venue.postcode]  # a KeyError: not a real postcode
            self.locations[key], _ = Location.objects.get_or_create(
                organisation=self.organisation(listing),
                name=venue.name,
                postal_code=postcode.postcode,
                defaults={
                    "address_1": venue.street,
                    "city": listing.town,
                    "latitude": postcode.latitude,
                    "longitude": postcode.longitude,
                    **_access_needs(venue.access),
                    "accessibility": _access_sentence(venue.access),
                },
            )
        return self.locations[key]


# The demo file's words for a venue's features -> the Location's access-need fields.
ACCESS_NEED_OF_FEATURE = {
    STEP_FREE: ("wheelchair_accessible", "step_free"),
    "accessible toilet": ("accessible_toilet",),
    "hearing loop": ("hearing_loop",),
    "quiet room": ("quiet_space",),
    "interpreters on request": ("interpreters",),
    "bsl": ("bsl",),
}


def _access_needs(features: tuple[str, ...]) -> dict[str, bool]:
    """The access-need fields a venue's features meet (the rest stay in its access text)."""
    return {
        field: True
        for feature in features
        for field in ACCESS_NEED_OF_FEATURE.get(feature.lower(), ())
    }


def _access_sentence(features: tuple[str, ...]) -> str:
    return f"{', '.join(features).capitalize()}." if features else ""


def _phone(number: int, area: str) -> str:
    """A fictional number from Ofcom's drama ranges, one per listing."""
    return f"0115 496 0{number:03d}" if area == CITY else f"01632 960{number:03d}"


def _create(listing: Listing, number: int, lookups: _Lookups) -> Service:
    area = lookups.areas[listing.area]
    youngest, oldest = listing.ages
    service = Service(
        organisation=lookups.organisation(listing),
        name=listing.name,
        slug=listing.slug,
        description=listing.description,
        email=f"{listing.slug}@example.org",
        url=f"https://{slugify(listing.organisation)}.example.org/{listing.slug}",
        minimum_age=youngest,
        maximum_age=oldest,
        eligibility_description=f"People who live, work or study in {area.name}.",
        is_free=not listing.cost,
        fees_description=listing.cost,
        # Reviewed at different times over the past year, the same on every run.
        last_reviewed=date.today() - timedelta(days=5 + (number * 37) % 330),
        live=True,
    )
    service.categories = [lookups.categories[slug] for slug in listing.categories]
    service.areas = [area]
    service.languages = [lookups.languages[code] for code in listing.languages]
    service.service_at_locations = [ServiceAtLocation(location=lookups.location(listing))]
    service.contacts = [Contact(name="Duty worker", phone=_phone(number, listing.area))]
    service.regular_schedules = [
        RegularSchedule(weekday=o.weekday, opens_at=o.opens, closes_at=o.closes)
        for o in listing.openings
    ]
    service.save()  # published as-is; the first edit in the admin starts its history
    return service
