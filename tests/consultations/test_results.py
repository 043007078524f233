"""Staff results: counts, free-text search, small-group suppression, CSV and XLSX exports."""

import csv
import io

import pytest
from openpyxl import load_workbook

from consultations.models import ConsultationResponse
from tests.consultations.factories import ConsultationResponseFactory

pytestmark = pytest.mark.django_db


def _answers(area="Mansfield", single="Youth clubs", long="More open evenings", **extra):
    return {
        "short": "Club",
        "long": long,
        "single": single,
        "multi": ["Youth club", "Sports"],
        "agree": "Agree",
        "rating": "4",
        "rank": ["Patrols", "Lighting", "Transport"],
        "area": area,
        **extra,
    }


@pytest.fixture
def page_with_responses(make_consultation):
    """6 from Mansfield, 2 from Ashfield, a draft that must not count."""
    page = make_consultation(title="Youth provision")
    for n in range(6):
        ConsultationResponseFactory(
            consultation=page,
            answers=_answers(single="Mentoring" if n < 2 else "Youth clubs"),
            about_you={"age_band": "16 to 24"},
        )
    for _ in range(2):
        ConsultationResponseFactory(
            consultation=page,
            answers=_answers(area="Ashfield", long='=HYPERLINK("http://evil")'),
            about_you={"age_band": "65 or over"},
        )
    ConsultationResponseFactory(consultation=page, submitted_at=None, answers=_answers())
    return page


def _results_url(page, **params):
    from urllib.parse import urlencode

    return f"/admin/consultation-results/{page.pk}/?{urlencode(params)}"


def test_staff_see_live_counts_per_question(staff_client, page_with_responses):
    from consultations.results import question_results

    by_id = {result.question_id: result for result in question_results(page_with_responses)}
    assert by_id["single"].answered == 8
    counts = {option.option: option.count for option in by_id["single"].options}
    assert counts == {"Youth clubs": 6, "Mentoring": 2}
    assert {o.option: o.count for o in by_id["rank"].options}["Patrols"] == 8

    html = staff_client.get(_results_url(page_with_responses)).content.decode()
    assert "<strong>8</strong> submitted responses and 1 unfinished draft" in html
    assert '<th scope="row">Youth clubs</th><td>6</td>' in html


def test_free_text_answers_are_listed_searchable_and_escaped(staff_client, make_consultation):
    page = make_consultation()
    ConsultationResponseFactory(consultation=page, answers=_answers(long="<b>Street lights</b>"))
    ConsultationResponseFactory(consultation=page, answers=_answers(long="Buses after 10pm"))
    html = staff_client.get(_results_url(page, q="street")).content.decode()
    assert "&lt;b&gt;Street lights&lt;/b&gt;" in html and "<b>Street lights</b>" not in html
    assert "Buses after 10pm" not in html


def test_breakdowns_suppress_groups_under_five_and_any_that_would_reveal_them(
    staff_client, page_with_responses
):
    from consultations.results import breakdowns

    # Ashfield's 2 are under five; showing Mansfield's 6 beside the total of 8 would give
    # Ashfield's answers away by subtraction, so Mansfield is hidden too.
    by_area = breakdowns(page_with_responses, "q:area")
    single = next(table for table in by_area if table.question == "Which matters most?")
    assert single.rows == []
    assert single.suppressed_groups == 2
    by_age = breakdowns(page_with_responses, "about:age_band")
    assert by_age[0].rows == []

    html = staff_client.get(_results_url(page_with_responses, by="about:age_band")).content
    assert b"65 or over" not in html and b"16 to 24" not in html
    assert b"2 smaller groups suppressed" in html


@pytest.mark.django_db
def test_a_small_cell_in_a_shown_group_is_hidden_on_the_results_page(
    make_consultation, staff_client
):
    page = make_consultation(title="Youth provision")
    for area, choices in {
        "Mansfield": ["Youth clubs"] * 8 + ["Mentoring"] * 2,
        "Ashfield": ["Youth clubs"] * 6 + ["Mentoring"] * 6,
        "Gedling": ["Youth clubs"] * 7 + ["Mentoring"] * 9,
    }.items():
        for choice in choices:
            ConsultationResponseFactory(consultation=page, answers={"area": area, "single": choice})
    html = staff_client.get(_results_url(page, by="q:area")).content.decode()
    table = html[html.index("Which matters most?", html.index('id="breakdown"')) :]
    mansfield = table[table.index("Mansfield") : table.index("</tr>", table.index("Mansfield"))]
    # Mansfield's 2 for mentoring is hidden, and so is its 8 that would give the 2 away;
    # then one more group's pair, so no column of the totals gives them away either.
    assert mansfield.count("fewer than 5") == 2
    assert table.count("fewer than 5") == 4
    assert "<td>9</td>" in table  # Gedling, the largest, is shown in full


def test_results_are_for_staff_only(client, make_user, page_with_responses):
    client.force_login(make_user(roles=["Panel member"]))
    assert client.get(_results_url(page_with_responses)).status_code in (302, 403)
    export = client.get(f"/admin/consultation-results/{page_with_responses.pk}/export.csv")
    assert export.status_code in (302, 403)


def test_csv_export_has_one_row_per_submitted_response(staff_client, page_with_responses):
    response = staff_client.get(f"/admin/consultation-results/{page_with_responses.pk}/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="youth-provision-responses.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Reference", "Submitted", "Your youth club's name"]
    assert len(rows) == 9  # header and 8 submitted; the draft is left out
    first = ConsultationResponse.objects.filter(submitted_at__isnull=False).first()
    row = next(r for r in rows if r[0] == first.reference)
    assert row[2:] == [
        "Club",
        "More open evenings",
        "Mentoring",
        "Youth club; Sports",
        "Agree",
        "4",
        "Patrols; Lighting; Transport",
        "Mansfield",
    ]
    # Formulas are defused, and nothing from "about you" is exported.
    assert any(r[3] == '\'=HYPERLINK("http://evil")' for r in rows)
    assert "16 to 24" not in response.content.decode("utf-8-sig")


def test_xlsx_export_matches_the_csv(staff_client, page_with_responses):
    base = f"/admin/consultation-results/{page_with_responses.pk}/export"
    xlsx = staff_client.get(f"{base}.xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    xlsx_rows = [[cell or "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    csv_rows = list(
        csv.reader(io.StringIO(staff_client.get(f"{base}.csv").content.decode("utf-8-sig")))
    )
    assert xlsx_rows == csv_rows
    assert staff_client.get(f"{base}.pdf").status_code == 404


FORMULA_PREFIXES = ["=", "+", "-", "@", "\t", "\r"]


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_no_answer_reaches_a_spreadsheet_as_a_formula(staff_client, make_consultation, extension):
    """Every prefix a spreadsheet runs as a formula, in a free-text answer and a short one."""
    page = make_consultation(title="Formulas")
    for prefix in FORMULA_PREFIXES:
        ConsultationResponseFactory(
            consultation=page, answers=_answers(long=f"{prefix}cmd|' /C calc'!A0", short=prefix)
        )
    response = staff_client.get(f"/admin/consultation-results/{page.pk}/export.{extension}")
    if extension == "csv":
        text = response.content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline="")))
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [[cell or "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    answers = [cell for row in rows[1:] for cell in row[2:4]]
    assert len(answers) == 2 * len(FORMULA_PREFIXES)
    assert all(cell.startswith("'") for cell in answers), answers
