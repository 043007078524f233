"""The demo directory: about 300 hand-written listings across all eight areas, each at a real
postcode of its town, found from real postcodes, agreeing with the demo gaps, loaded once."""

import re
from collections import Counter
from datetime import time

import pytest
from django.db.models import Count

from assets_directory import demo
from assets_directory.gaps import demo as gaps_demo
from assets_directory.gaps.age_groups import BY_KEY
from assets_directory.gaps.models import Gap
from assets_directory.gaps.populations import area_population
from assets_directory.models import (
    Area,
    Location,
    Organisation,
    Postcode,
    Service,
    ServiceAtLocation,
    Taxonomy,
)
from tests.directory.test_search import result_names

pytestmark = pytest.mark.django_db

# A real postcode in each area that no demo venue uses: a resident's own, not the demo's.
RESIDENTS_POSTCODES = {
    "Nottingham City": "NG7 2BT",
    "Ashfield": "NG17 1FX",
    "Bassetlaw": "S80 1NT",
    "Broxtowe": "NG9 1AB",
    "Gedling": "NG5 8GX",
    "Mansfield": "NG18 2HW",
    "Newark and Sherwood": "NG24 9ES",
    "Rushcliffe": "NG2 7TY",
}
OLD_ORGANISATION_KINDS = ("Community Trust", "Youth Partnership", "Family Network", "Together CIC")
EVENING = time(18)


def test_demo_listings_cover_every_area_in_proportion_and_load_once():
    assert demo.load() >= 300
    assert demo.load() == Service.objects.count()  # idempotent
    per_area = dict(Area.objects.annotate(n=Count("services")).values_list("name", "n"))
    total, people = sum(per_area.values()), sum(area_population(a) or 0 for a in per_area)
    assert len(per_area) == 8
    for area, listings in per_area.items():
        share, population_share = listings / total, (area_population(area) or 0) / people
        assert abs(share - population_share) < 0.03, (area, share, population_share)
    assert not Service.objects.exclude(email__endswith="@example.org").exists()
    phones = Service.objects.values_list("contacts__phone", flat=True)
    assert all(re.fullmatch(r"0115 496 0\d{3}|01632 960\d{3}", phone) for phone in phones)
    assert len(set(phones)) == len(phones)


def test_each_listing_is_written_on_its_own_by_varied_organisations():
    demo.load()
    descriptions = list(Service.objects.values_list("description", flat=True))
    assert len(set(descriptions)) == len(descriptions)
    assert all(len(d) >= 80 and d.count(". ") >= 1 for d in descriptions)
    names = list(Organisation.objects.values_list("name", flat=True))
    assert len(names) >= 100
    assert not [n for n in names if n.endswith(OLD_ORGANISATION_KINDS)]
    endings = Counter(" ".join(name.split()[-2:]) for name in names)
    assert max(endings.values()) <= 3, endings.most_common(3)
    assert Service.objects.filter(is_free=False).exclude(fees_description="").count() >= 30
    evenings = Service.objects.filter(regular_schedules__closes_at__gt=EVENING).distinct()
    weekends = Service.objects.filter(regular_schedules__weekday__gte=6).distinct()
    assert evenings.count() >= 60 and weekends.count() >= 40


def test_listings_stand_at_real_postcodes_of_their_own_town():
    demo.load()
    locations = Location.objects.filter(pk__in=ServiceAtLocation.objects.values("location"))
    real = {
        p.postcode: p for p in Postcode.objects.filter(postcode__in=locations.values("postal_code"))
    }
    points_per_town: dict[str, set[str]] = {}
    for location in locations:
        postcode = real[location.postal_code]  # a KeyError: not a real postcode
        assert (location.latitude, location.longitude) == (postcode.latitude, postcode.longitude)
        points_per_town.setdefault(location.city, set()).add(location.postal_code)
    assert min(len(points) for points in points_per_town.values()) >= 2, points_per_town
    assert len(real) >= 100
    # Venues' access features are the searchable access needs, not only words.
    for need in ("step_free", "accessible_toilet", "hearing_loop", "quiet_space", "interpreters"):
        assert locations.filter(**{need: True}).exists(), need
    assert not locations.filter(step_free=True, wheelchair_accessible=False).exists()


def test_a_residents_real_postcode_in_each_area_finds_listings_of_that_area(client, home_page):
    demo.load()
    area_of = dict(Service.objects.values_list("name", "areas__name"))
    for area, postcode in RESIDENTS_POSTCODES.items():
        assert Postcode.objects.filter(postcode=postcode).exists(), postcode
        response = client.get("/services/", {"location": postcode})
        assert response.status_code == 200
        assert "We could not find" not in response.content.decode(), postcode
        names = result_names(response)
        assert names and area_of[names[0]] == area, (postcode, names[:3])
        postcodes = ServiceAtLocation.objects.filter(service__name__in=names).values_list(
            "location__postal_code", flat=True
        )
        assert len(set(postcodes)) >= 3, (postcode, names)  # not all at one point


def test_every_demo_gap_agrees_with_the_demo_directory():
    demo.load()
    gaps_demo.load()
    for claim in gaps_demo.DEMO_GAPS:
        gap = Gap.objects.get(title=claim["title"])
        answering = _listings_answering(gap, claim)
        if gap.status == Gap.Status.CLOSED:
            assert answering, f"closed gap {gap.title!r}: no listing fills it"
        else:
            assert not answering, f"open gap {gap.title!r}, yet listed: {answering}"


def _listings_answering(gap: Gap, claim: dict) -> list[str]:
    """The demo listings that would fill the gap: its category or a sub-category, its areas
    (and towns), serving its age group, and, for an evening gap, open on a weekday evening."""
    assert gap.category is not None
    categories = Taxonomy.objects.filter(pk=gap.category.pk) | gap.category.children.all()
    services = Service.objects.filter(
        categories__in=categories, areas__in=gap.areas.all()
    ).distinct()
    if claim.get("towns"):
        services = services.filter(service_at_locations__location__city__in=claim["towns"])
    if claim.get("weekday_evenings"):
        services = services.filter(
            regular_schedules__weekday__lte=5, regular_schedules__closes_at__gt=EVENING
        )
    group = BY_KEY[gap.age_group]
    return [s.name for s in services if group.served_by(s.minimum_age, s.maximum_age)]
