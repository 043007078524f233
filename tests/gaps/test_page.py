"""The public Gaps page and its CSV downloads, through real HTTP requests."""

import csv
import io

import pytest

from assets_directory.gaps.models import Gap
from assets_directory.models import Taxonomy
from cms.core.exports import FORMULA_STARTS
from cms.core.roles import VRU_STAFF
from tests.directory.factories import publish_service
from tests.gaps.factories import GapFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    publish_service(
        name="Youth club",
        categories=["youth-clubs"],
        areas=["ashfield"],
        minimum_age=11,
        maximum_age=17,
    )
    GapFactory(
        title="No youth club in Hucknall",
        areas=["ashfield"],
        age_group="11_17",
        source=Gap.Source.AMBASSADOR,
    )
    GapFactory(
        title="Mentoring gap in Worksop", areas=["bassetlaw"], status=Gap.Status.BEING_ADDRESSED
    )
    GapFactory(title="Proposal awaiting review", status=Gap.Status.PROPOSED)
    GapFactory(title="Declined proposal", status=Gap.Status.DECLINED)


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_page_shows_the_matrix_as_a_table_with_flags_in_words(client, data):
    response = client.get("/services/gaps/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html
    assert 'gaps-cell__flag">None</span>' in html  # flagged in words, not colour alone
    assert 'gaps-cell__flag">Few:</span>1' in html
    assert "per 10,000 residents" in html and "Approximate figures" in html
    assert "Coverage by area" in html and "1 service, 0.08 per 10,000 residents" in html


def test_public_sees_only_reviewed_gaps(client, data):
    html = client.get("/services/gaps/").content.decode()
    assert "No youth club in Hucknall" in html and "Mentoring gap in Worksop" in html
    assert "Proposal awaiting review" not in html and "Declined proposal" not in html


def test_staff_also_see_proposed_gaps(client, data, mfa_user):
    staff, _ = mfa_user(roles=[VRU_STAFF])
    client.force_login(staff)
    html = client.get("/services/gaps/").content.decode()
    assert "Proposal awaiting review" in html and "Declined proposal" in html
    rows = _rows(client.get("/services/gaps/gaps.csv"))
    assert "Proposal awaiting review" in {row[0] for row in rows}


def test_superusers_see_proposed_gaps_like_staff(client, data, mfa_user):
    superuser, _ = mfa_user(is_superuser=True)
    client.force_login(superuser)
    html = client.get("/services/gaps/").content.decode()
    assert "Proposal awaiting review" in html and "Declined proposal" in html


def test_gaps_filter_by_area_status_and_age(client, data):
    html = client.get("/services/gaps/", {"gap_area": "bassetlaw"}).content.decode()
    assert "Mentoring gap in Worksop" in html and "No youth club in Hucknall" not in html
    html = client.get("/services/gaps/", {"gap_status": "being_addressed"}).content.decode()
    assert "Mentoring gap in Worksop" in html and "No youth club in Hucknall" not in html
    html = client.get("/services/gaps/", {"gap_age": "11_17"}).content.decode()
    assert "No youth club in Hucknall" in html and "Mentoring gap in Worksop" not in html


def test_public_cannot_filter_to_proposals_and_bad_values_get_400(client, data):
    response = client.get("/services/gaps/", {"gap_status": "proposed"})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert client.get("/services/gaps/", {"age": "old"}).status_code == 400
    assert client.get("/services/gaps/matrix.csv", {"area": "atlantis"}).status_code == 400
    assert client.get("/services/gaps/gaps.csv", {"gap_source": "rumour"}).status_code == 400


def test_drill_down_shows_wards(client, data):
    html = client.get("/services/gaps/", {"area": "ashfield"}).content.decode()
    assert "in the wards of Ashfield" in html and "Hucknall North" in html


def test_matrix_csv(client, data):
    response = client.get("/services/gaps/matrix.csv", {"age": "11_17"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _rows(response)
    assert rows[0] == [
        "Category",
        "Area",
        "Age group",
        "Services",
        "Residents",
        "Per 10,000 residents",
        "Flag",
    ]
    youth_ashfield = next(
        r for r in rows if r[:2] == ["Youth clubs and diversionary activity", "Ashfield"]
    )
    # 1 service / 10,500 Ashfield residents aged 11-17 * 10,000 = 0.95
    assert youth_ashfield == [
        "Youth clubs and diversionary activity",
        "Ashfield",
        "11 to 17",
        "1",
        "10500",
        "0.95",
        "few",
    ]
    assert "Approximate figures" in rows[-1][0]
    wards = _rows(client.get("/services/gaps/matrix.csv", {"area": "ashfield"}))
    assert wards[0][1] == "Ward" and {r[1] for r in wards[1:-2]} >= {"Hucknall North"}


def test_gaps_csv(client, data):
    rows = _rows(client.get("/services/gaps/gaps.csv", {"gap_area": "ashfield"}))
    assert rows[0][:6] == ["Title", "Areas", "Category", "Age group", "Source", "Status"]
    assert rows[1][:6] == [
        "No youth club in Hucknall",
        "Ashfield",
        "",
        "11 to 17",
        "Ambassador intelligence",
        "Identified",
    ]
    assert len(rows) == 2  # the proposal in Ashfield is not public


# What a spreadsheet would run as a formula: =, +, -, @, a tab or a carriage return first.
FORMULAS = [
    '=HYPERLINK("https://evil.example","Open")',
    "+SUM(A1)",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
]


def _unguarded(rows: list[list[str]]) -> list[str]:
    return [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTS)]


def test_no_cell_of_either_download_runs_as_a_formula(client, mfa_user):
    for n, formula in enumerate(FORMULAS):
        Taxonomy.objects.create(name=formula, slug=f"formula-{n}")
        GapFactory(title=formula, evidence=formula)
        GapFactory(title=f"{formula} proposed", evidence=formula, status=Gap.Status.PROPOSED)
    staff, _ = mfa_user(roles=[VRU_STAFF])
    for visitor in (None, staff):
        if visitor:
            client.force_login(visitor)
        gaps = _rows(client.get("/services/gaps/gaps.csv"))
        matrix = _rows(client.get("/services/gaps/matrix.csv"))
        assert _unguarded(gaps) == [] and _unguarded(matrix) == []
        titles = {row[0] for row in gaps}
        assert {"'" + formula for formula in FORMULAS} <= titles  # kept, as text
        assert {"'" + formula for formula in FORMULAS} <= {
            cell for row in matrix for cell in row[:1]
        }
    assert "'+SUM(A1) proposed" in titles  # staff's download has the proposals too
