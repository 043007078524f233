"""The directory's Area rows are the eight areas of `cms.core.areas`, and the weekday codes
the Open Referral UK feeds use are the ones our schedules store."""

import pytest

from assets_directory.models import BYDAY_OF_WEEKDAY, WEEKDAY_OF_BYDAY, WEEKDAYS, Area
from cms.core.areas import AREAS


@pytest.mark.django_db
def test_the_area_rows_are_the_eight_areas():
    rows = {(area.slug, area.name, area.gss_code) for area in Area.objects.all()}
    assert rows == {(area.slug, area.name, area.gss_code) for area in AREAS}


def test_weekday_codes_map_both_ways_for_every_weekday():
    assert [day for day, _ in WEEKDAYS] == list(range(1, 8))
    assert set(BYDAY_OF_WEEKDAY) == {day for day, _ in WEEKDAYS}
    assert {code: day for day, code in BYDAY_OF_WEEKDAY.items()} == WEEKDAY_OF_BYDAY
    assert BYDAY_OF_WEEKDAY[1] == "MO" and WEEKDAY_OF_BYDAY["SU"] == 7
