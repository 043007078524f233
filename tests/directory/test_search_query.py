"""`search_query.build_query`: the one way the page and the API turn a search into a query."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from assets_directory.search_query import PlaceNotFound, Search, build_query

pytestmark = pytest.mark.django_db


def test_a_place_becomes_a_point_with_the_callers_radius(postcodes):
    built = build_query(Search(place="ng1 5fs", radius_km=8.0))
    assert (built.query.latitude, built.query.longitude) == (52.954906, -1.155276)
    assert built.query.radius_km == 8.0 and built.place_label == "NG1 5FS"
    by_town = build_query(Search(place="mansfield", radius_km=8.0))
    assert by_town.place_label == "Mansfield" and by_town.query.has_point


def test_without_a_place_there_is_no_point_and_no_radius():
    query = build_query(Search(text="  youth \x00 club ", radius_km=8.0)).query
    assert query.text == "youth club"  # NUL characters, which databases refuse, are dropped
    assert not query.has_point and query.radius_km is None


def test_an_unknown_place_says_what_to_try(postcodes):
    with pytest.raises(PlaceNotFound, match="could not find the postcode ZZ9 9ZZ"):
        build_query(Search(place="ZZ9 9ZZ"))


def test_open_now_is_the_local_weekday_and_time_and_empty_facets_are_dropped():
    monday_evening = datetime(2026, 11, 30, 18, 30, 5, 999, tzinfo=ZoneInfo("UTC"))
    query = build_query(
        Search(open_now=True, facets={"category": "mentoring", "area": ""}),
        now=monday_evening,
        offset=40,
        limit=20,
    ).query
    assert (query.open_weekday, query.open_time) == (1, time(18, 30, 5))
    assert query.facets == {"category": ("mentoring",)}
    assert (query.offset, query.limit) == (40, 20)
