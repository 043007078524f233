"""The coverage matrix counts only searchable listings, by top-level category and area."""

import pytest

from assets_directory.gaps import coverage, populations
from assets_directory.gaps.age_groups import BY_KEY
from assets_directory.gaps.matrix import build_matrix, matrix_from
from assets_directory.models import Area, Service
from tests.directory.factories import publish_service
from tests.gaps.factories import publish_in_wards

pytestmark = pytest.mark.django_db

YOUTH = "Youth clubs and diversionary activity"
MENTORING = "Mentoring"


@pytest.fixture
def listings():
    publish_service(
        name="Youth club",
        categories=["youth-clubs"],
        areas=["nottingham-city"],
        minimum_age=11,
        maximum_age=17,
    )
    publish_service(
        name="Young adult mentors",
        categories=["mentoring"],
        areas=["nottingham-city", "ashfield"],
        minimum_age=18,
        maximum_age=30,
    )
    publish_service(name="Mentors for all", categories=["mentoring"], areas=["ashfield"])
    archived = publish_service(name="Closed project", categories=["mentoring"], areas=["ashfield"])
    archived.archived = True
    archived.save_revision().publish()
    draft = Service(
        organisation=archived.organisation, name="Draft idea", description="x", live=False
    )
    draft.save()
    draft.categories = list(archived.categories.all())
    draft.areas = list(Area.objects.filter(slug="ashfield"))
    draft.save()


def _cell(matrix, category: str, column: str):
    row = next(row for row in matrix.rows if row.category.name == category)
    return row.cells[matrix.columns.index(column)]


def test_counts_by_top_level_category_and_area(listings):
    matrix = build_matrix()
    assert matrix.columns[:2] == ["Ashfield", "Bassetlaw"]
    assert _cell(matrix, YOUTH, "Nottingham City").count == 1  # a child category counts
    assert _cell(matrix, YOUTH, "Ashfield").count == 0
    assert _cell(matrix, MENTORING, "Nottingham City").count == 1
    assert _cell(matrix, MENTORING, "Ashfield").count == 2  # not the draft nor the archived
    assert _cell(matrix, MENTORING, "Rushcliffe").count == 0
    totals = dict(zip(matrix.columns, matrix.totals, strict=True))
    assert totals["Nottingham City"].count == 2
    assert totals["Ashfield"].count == 2
    assert totals["Gedling"].count == 0


def test_per_10k_uses_the_shipped_populations(listings):
    matrix = build_matrix()
    # Ashfield: 2 mentoring services / 128,400 residents * 10,000 = 0.1557...
    assert populations.area_population("Ashfield") == 128_400
    assert _cell(matrix, MENTORING, "Ashfield").per_10k == 0.16
    totals = dict(zip(matrix.columns, matrix.totals, strict=True))
    assert totals["Nottingham City"].per_10k == round(2 * 10_000 / 328_000, 2)


def test_age_groups_use_each_services_age_range(listings):
    teens = build_matrix("11_17")
    assert _cell(teens, YOUTH, "Nottingham City").count == 1
    assert _cell(teens, MENTORING, "Nottingham City").count == 0  # 18-30 does not serve 11-17
    assert _cell(teens, MENTORING, "Ashfield").count == 1  # no ages given: serves everyone
    # Per 10,000 residents of that age group: 1 / 24,600 * 10,000 = 0.4065...
    assert _cell(teens, YOUTH, "Nottingham City").per_10k == 0.41
    young_adults = build_matrix("18_24")
    assert _cell(young_adults, MENTORING, "Ashfield").count == 2
    assert _cell(young_adults, YOUTH, "Nottingham City").count == 0
    assert teens.age_group_label == "11 to 17"


def test_flags_none_few_and_some(listings):
    for n in range(3):
        publish_service(name=f"Gedling mentor {n}", categories=["mentoring"], areas=["gedling"])
    matrix = build_matrix()
    assert _cell(matrix, MENTORING, "Bassetlaw").level == "none"
    assert _cell(matrix, MENTORING, "Ashfield").level == "few"
    assert _cell(matrix, MENTORING, "Gedling").level == "some"


def test_drill_down_to_wards(listings):
    publish_in_wards(
        name="Hucknall mentors",
        categories=["mentoring"],
        areas=["ashfield"],
        wards=["Hucknall North"],
    )
    ashfield = Area.objects.get(slug="ashfield")
    matrix = build_matrix(area=ashfield)
    assert "Hucknall North" in matrix.columns and "Aspley" not in matrix.columns
    # Two services cover the whole of Ashfield, so every ward; one names Hucknall North only.
    assert _cell(matrix, MENTORING, "Hucknall North").count == 3
    assert _cell(matrix, MENTORING, "Hucknall South").count == 2
    assert _cell(matrix, MENTORING, "Hucknall North").per_10k == round(3 * 10_000 / 6_100, 2)


def test_ward_age_group_population_follows_its_area():
    # Hucknall North 6,100 residents; Ashfield's under-11 share is 16,100 of 128,400.
    assert populations.ward_population("Ashfield", "Hucknall North", "under_11") == round(
        6_100 * 16_100 / 128_400
    )
    assert populations.ward_population("Ashfield", "Nowhere") is None
    assert populations.per_10k(3, None) is None
    assert "Approximate" in populations.source_note() and "2022" in populations.source_note()


def test_the_stored_matrix_is_the_one_counted_from_the_listings(listings):
    """What the Gaps page reads (stored once per change) matches a count made now, for
    every age group and every drill-down."""
    publish_in_wards(
        name="Hucknall mentors",
        categories=["mentoring"],
        areas=["ashfield"],
        wards=["Hucknall North"],
    )
    coverage.refresh()
    for age_group in ["", *BY_KEY]:
        for area in [None, *Area.objects.all()]:
            stored = matrix_from(coverage.stored_counts(age_group), age_group, area)
            fresh = build_matrix(age_group, area)
            assert [row.cells for row in stored.rows] == [row.cells for row in fresh.rows]
            assert stored.totals == fresh.totals and stored.columns == fresh.columns


def test_a_listing_change_refreshes_the_stored_matrix_once_it_commits(
    listings, django_capture_on_commit_callbacks
):
    coverage.refresh()
    before = _cell(matrix_from(coverage.stored_counts(""), "", None), YOUTH, "Ashfield").count
    with django_capture_on_commit_callbacks(execute=True):
        publish_service(name="Kirkby youth club", categories=["youth-clubs"], areas=["ashfield"])
    after = _cell(matrix_from(coverage.stored_counts(""), "", None), YOUTH, "Ashfield").count
    assert (before, after) == (0, 1)
