"""Ranking questions are reported by Borda score and mean rank, not only by first places.

The rankings below, worked by hand (3 options: first place 2 points, second 1, last 0):

    response  1st        2nd        3rd
    1         Patrols    Lighting   Transport
    2         Patrols    Lighting   Transport
    3         Transport  Lighting   Patrols
    4         Lighting   Transport  Patrols
    5         Transport  Lighting   Patrols
    6         Patrols    (the others left unranked)

    Lighting:  1+1+1+2+1   = 6 points; places 2,2,2,1,2   -> mean 9/5  = 1.80; first once
    Patrols:   2+2+0+0+0+2 = 6 points; places 1,1,3,3,3,1 -> mean 12/6 = 2.00; first 3 times
    Transport: 0+0+2+1+2   = 5 points; places 3,3,1,2,1   -> mean 10/5 = 2.00; first twice

Patrols has the most first places, but Lighting ties it on points and wins on mean rank.
"""

import csv
import io
import re

import pytest

from consultations.results import ranking_scores
from tests.consultations.factories import ConsultationResponseFactory

pytestmark = pytest.mark.django_db

OPTIONS = ["Lighting", "Patrols", "Transport"]  # as the factory's ranking question lists them
RANKINGS = [
    ["Patrols", "Lighting", "Transport"],
    ["Patrols", "Lighting", "Transport"],
    ["Transport", "Lighting", "Patrols"],
    ["Lighting", "Transport", "Patrols"],
    ["Transport", "Lighting", "Patrols"],
    ["Patrols"],
]
# (option, Borda score, mean rank, times ranked, ranked first), in the order reported.
EXPECTED = [
    ("Lighting", 6, 1.8, 5, 1),
    ("Patrols", 6, 2.0, 6, 3),
    ("Transport", 5, 2.0, 5, 2),
]


@pytest.fixture
def ranked_page(make_consultation):
    page = make_consultation(title="Priorities")
    for ranking in RANKINGS:
        ConsultationResponseFactory(consultation=page, answers={"rank": ranking})
    ConsultationResponseFactory(consultation=page, submitted_at=None, answers={"rank": OPTIONS})
    return page


def test_scores_match_the_hand_worked_rankings():
    scores = ranking_scores(OPTIONS, RANKINGS)
    assert [(s.option, s.borda, s.mean_rank, s.ranked_by, s.first) for s in scores] == EXPECTED


def test_an_option_nobody_ranked_scores_nothing_and_comes_last():
    scores = ranking_scores(["A", "B", "C", "D"], [["B", "A"], ["B"], ["Since removed", "A"]])
    assert [(s.option, s.borda, s.mean_rank, s.ranked_by) for s in scores] == [
        ("B", 6, 1.0, 2),  # 4 options: 3 points for first
        ("A", 4, 2.0, 2),  # 2 for second, twice
        ("C", 0, None, 0),
        ("D", 0, None, 0),
    ]


def test_results_page_orders_options_by_borda_score_and_states_the_formula(
    staff_client, ranked_page
):
    html = staff_client.get(f"/admin/consultation-results/{ranked_page.pk}/").content.decode()
    section = html[html.index("Rank these priorities") :]
    section = section[: section.index("</table>")]
    assert "Ordered by Borda score" in section
    assert "each response gives its first choice 2 points, its second 1" in section
    assert "points = number of options \N{MINUS SIGN} place" in section
    rows = re.findall(
        r'<th scope="row">(\w+)</th><td>(\d+)</td><td>([\d.]+)</td><td>(\d+)</td><td>(\d+)</td>',
        section,
    )
    assert rows == [
        (option, str(borda), f"{mean:.2f}", str(ranked), str(first))
        for option, borda, mean, ranked, first in EXPECTED
    ]


def test_ranking_scores_download_as_csv(staff_client, ranked_page):
    response = staff_client.get(f"/admin/consultation-results/{ranked_page.pk}/rankings.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="priorities-rankings.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Question",
        "Option",
        "Borda score",
        "Mean rank",
        "Times ranked",
        "Ranked first",
    ]
    assert rows[1:] == [
        ["Rank these priorities", option, str(borda), str(mean), str(ranked), str(first)]
        for option, borda, mean, ranked, first in EXPECTED
    ]


def test_ranking_scores_are_for_staff_only(client, make_user, ranked_page):
    url = f"/admin/consultation-results/{ranked_page.pk}/rankings.csv"
    assert client.get(url).status_code == 302
    client.force_login(make_user(roles=["Panel member"]))
    assert client.get(url).status_code in (302, 403)
