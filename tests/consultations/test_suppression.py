"""Small groups stay hidden even from someone who subtracts the shown groups from the total."""

import pytest

from cms.core.suppression import groups_to_show, suppress_cells
from consultations.results import breakdowns, question_results
from tests.consultations.factories import ConsultationResponseFactory


def test_a_lone_small_group_takes_the_next_smallest_with_it():
    sizes = {"Mansfield": 10, "Ashfield": 6, "Gedling": 2}
    assert groups_to_show(sizes, total=18) == {"Mansfield"}


def test_hidden_people_from_two_groups_and_enough_of_them_are_safe():
    assert groups_to_show({"A": 10, "B": 3, "C": 3}, total=16) == {"A"}
    assert groups_to_show({"A": 10, "B": 6}, total=16) == {"A", "B"}
    # People who gave no group count as a second source only if enough are hidden.
    assert groups_to_show({"A": 10, "B": 6, "C": 2}, total=21) == {"A", "B"}
    assert groups_to_show({"A": 10, "B": 6, "C": 2}, total=19) == {"A"}


def test_nothing_is_shown_when_no_safe_split_exists():
    assert groups_to_show({"A": 6, "B": 2}, total=8) == set()


def test_no_cell_under_five_is_shown_and_none_can_be_recovered_by_subtraction():
    table = [[12, 3, 9], [8, 7, 10]]
    shown = suppress_cells(table)
    assert shown[0][1] is None  # the 3
    for line in [*shown, *zip(*shown, strict=True)]:
        assert sum(cell is None for cell in line) != 1  # never a lone hidden cell in a line
    assert all(cell is None or cell == 0 or cell >= 5 for row in shown for cell in row)


def test_cells_at_or_over_five_and_zeros_are_shown_when_nothing_is_small():
    assert suppress_cells([[5, 0], [9, 6]]) == [[5, 0], [9, 6]]


@pytest.mark.django_db
def test_the_results_page_breakdown_cannot_be_undone_by_subtraction(make_consultation):
    page = make_consultation(title="Youth provision")
    groups = [
        ("Mansfield", 10, "Youth clubs"),
        ("Ashfield", 6, "Youth clubs"),
        ("Gedling", 2, "Mentoring"),
    ]
    for area, count, choice in groups:
        for _ in range(count):
            ConsultationResponseFactory(
                consultation=page,
                answers={"area": area, "single": choice},
                about_you={"age_band": "16 to 24"},
            )
    totals = next(r for r in question_results(page) if r.question_id == "single")
    by_area = next(t for t in breakdowns(page, "q:area") if t.question == totals.question)
    shown_groups = {name for name, _, _ in by_area.rows}
    assert shown_groups == {"Mansfield"}
    # What the page shows cannot single out Gedling's two answers any more.
    mentoring = next(o.count for o in totals.options if o.option == "Mentoring")
    shown_mentoring = sum(row[2][by_area.options.index("Mentoring")] for row in by_area.rows)
    assert mentoring - shown_mentoring == 2 and len(shown_groups) == 1  # 8 people hidden
