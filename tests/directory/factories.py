"""Factories for directory tests: organisations and published listings with real places."""

from datetime import time

import factory
from django.test import TestCase

from assets_directory.models import (
    Area,
    Contact,
    Language,
    Location,
    Organisation,
    RegularSchedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Community Group {n}")


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    address_1 = "1 Market Street"
    city = "Nottingham"
    postal_code = "NG1 5FS"
    latitude = 52.954
    longitude = -1.148


def publish_service(
    *,
    name: str,
    description: str = "A friendly local service.",
    organisation: Organisation | None = None,
    categories: list[str] = (),
    areas: list[str] = (),
    languages: list[str] = (),
    point: tuple[float, float] | None = (52.954, -1.148),
    wheelchair: bool = False,
    access: tuple[str, ...] = (),  # other access needs met: Location field names
    schedules: list[tuple[int, time, time]] = (),
    **fields,
) -> Service:
    """Create a listing and publish it the way staff approval does (so it is indexed)."""
    organisation = organisation or OrganisationFactory()
    service = Service(organisation=organisation, name=name, description=description, **fields)
    service.categories = list(Taxonomy.objects.filter(slug__in=categories))
    service.areas = list(Area.objects.filter(slug__in=areas))
    service.languages = list(Language.objects.filter(code__in=languages))
    if point:
        location = LocationFactory(
            organisation=organisation,
            latitude=point[0],
            longitude=point[1],
            wheelchair_accessible=wheelchair,
            **dict.fromkeys(access, True),
        )
        service.service_at_locations = [ServiceAtLocation(location=location)]
    service.regular_schedules = [
        RegularSchedule(weekday=day, opens_at=opens, closes_at=closes)
        for day, opens, closes in schedules
    ]
    service.contacts = [Contact(phone="0115 496 0000")]
    service.live = False
    service.save()
    # Publishing enqueues the index update for after the commit, which a test's
    # transaction never reaches: run it as the commit would.
    with TestCase.captureOnCommitCallbacks(execute=True):
        service.save_revision().publish()
    service.refresh_from_db()
    return service
