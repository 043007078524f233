"""A visitor reads the Gaps page, drills into wards, filters gaps; an ambassador proposes a
gap. axe-core finds no WCAG 2.2 AA violations, on a desktop and on a 320px phone."""

import pytest
from playwright.sync_api import expect

from assets_directory.gaps.models import Gap
from cms.core.roles import COMMUNITY_AMBASSADOR
from tests.directory.factories import publish_service
from tests.factories import PASSWORD
from tests.gaps.factories import GapFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def gaps_data(home_page):
    for n in range(3):
        publish_service(name=f"Mentors {n}", categories=["mentoring"], areas=["ashfield"])
    publish_service(
        name="Youth club",
        categories=["youth-clubs"],
        areas=["nottingham-city"],
        minimum_age=11,
        maximum_age=17,
    )
    GapFactory(title="No evening youth club in Hucknall", areas=["ashfield"], age_group="11_17")
    GapFactory(
        title="Bereavement support in Worksop",
        areas=["bassetlaw"],
        status=Gap.Status.BEING_ADDRESSED,
    )


def test_gaps_page_matrix_chart_filters_and_accessibility(page, gaps_data, assert_accessible):
    page.goto("/services/gaps/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gaps in provision")
    table = page.get_by_role("table", name="Published services by area: All ages")
    expect(table).to_be_visible()
    mentoring = table.get_by_role("row", name="Mentoring")
    expect(mentoring.get_by_role("cell").first).to_contain_text("3")  # Ashfield
    expect(table.get_by_text("None").first).to_be_visible()
    expect(page.get_by_text("3 services, 0.23 per 10,000 residents")).to_be_visible()
    assert_accessible(page)

    table.get_by_role("link", name="Ashfield (show its wards)").click()
    expect(
        page.get_by_role("table", name="Published services in the wards of Ashfield: All ages")
    ).to_be_visible()
    page.get_by_label("Age group served").select_option("11_17")
    page.get_by_role("button", name="Show services").click()
    expect(
        page.get_by_role("table", name="Published services in the wards of Ashfield: 11 to 17")
    ).to_be_visible()
    expect(page.get_by_role("columnheader", name="Hucknall North")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Area (optional)", exact=True).select_option("bassetlaw")
    page.get_by_role("button", name="Filter gaps").click()
    expect(page.get_by_role("heading", name="Bereavement support in Worksop")).to_be_visible()
    expect(page.get_by_role("heading", name="No evening youth club in Hucknall")).to_have_count(0)
    # The matrix choice is kept while filtering gaps.
    expect(page.get_by_label("Show the wards of")).to_have_value("ashfield")
    assert_accessible(page)


def test_gaps_page_on_a_320px_phone(phone_page, gaps_data, assert_accessible):
    phone_page.goto("/services/gaps/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 320
    region = phone_page.get_by_role("region", name="Published services by area: All ages")
    expect(region).to_be_visible()
    assert_accessible(phone_page)


def test_ambassador_proposes_a_gap(page, home_page, make_user, assert_accessible):
    make_user(username="amb", email="amb@example.org", roles=[COMMUNITY_AMBASSADOR])
    page.goto("/accounts/login/?next=/services/gaps/propose/")
    page.get_by_label("Email").fill("amb@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Propose a gap in provision")
    assert_accessible(page)

    page.get_by_role("button", name="Send for review").click()
    expect(page.get_by_role("alert")).to_contain_text("Choose at least one area.")
    assert_accessible(page)

    page.get_by_label("What is missing?").fill("No youth club in Kirkby at weekends")
    page.get_by_label("Ashfield").check()
    page.get_by_label("Which age group?").select_option("11_17")
    page.get_by_label("What have you seen or been told?").fill("Parents asked me twice.")
    page.get_by_role("button", name="Send for review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gap sent for review")
    assert_accessible(page)
    assert Gap.objects.get().status == Gap.Status.PROPOSED
