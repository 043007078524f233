"""Staff results for a consultation: counts per question, free text, breakdowns and exports.

Breakdowns by area or by an "about you" answer only show groups of at least
`MIN_GROUP_SIZE` people. Smaller groups are suppressed, because in a small place a
handful of answers from, say, one ethnic group could identify the people who gave them;
and since the per-question totals are shown too, `cms.core.suppression` hides more groups
where subtraction would otherwise give a hidden group's answers away.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from django.db.models import QuerySet

from cms.core.exports import Row
from cms.core.suppression import groups_to_show, suppress_cells

from .answers import answers_to
from .blocks import TEXT_TYPES, options_for
from .forms import ABOUT_YOU_LABELS
from .models import AnswerTag, ConsultationPage, ConsultationResponse


@dataclass
class OptionCount:
    option: str
    count: int
    percent: int


@dataclass
class RankingScore:
    """How one option of a ranking question fared across every response that ranked.

    `borda`: with n options, each response gives its first choice n-1 points, its second
    n-2, down to 0 for last; an option a response left unranked gets nothing from it.
    `mean_rank`: the average place (1 is first) among the responses that ranked the option.
    """

    option: str
    borda: int
    mean_rank: float | None
    ranked_by: int
    first: int


@dataclass
class QuestionResult:
    question_id: str
    question: str
    block_type: str
    answered: int
    options: list[OptionCount] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    # Ranking questions only: every option, highest Borda score first.
    ranking: list[RankingScore] = field(default_factory=list)

    @property
    def is_text(self) -> bool:
        return self.block_type in TEXT_TYPES


@dataclass
class Breakdown:
    """Answers to one closed question split by group; small groups are not shown."""

    question: str
    options: list[str]
    # Counts per group and option; None where the count is hidden (cms.core.suppression).
    rows: list[tuple[str, int, list[int | None]]]
    suppressed_groups: int


def submitted_responses(page: ConsultationPage) -> QuerySet[ConsultationResponse]:
    return page.responses.filter(submitted_at__isnull=False)


def question_results(page: ConsultationPage, search: str = "") -> list[QuestionResult]:
    """Per-question counts (ranking: how often each option came first, and its Borda score
    and mean rank, see `ranking_scores`) and free-text answers."""
    all_answers = [response.answers for response in submitted_responses(page)]
    results = []
    for block in page.questions:
        given = [a[block.id] for a in all_answers if a.get(block.id) not in (None, "", [])]
        result = QuestionResult(block.id, block.value["question"], block.block_type, len(given))
        if result.is_text:
            needle = search.casefold()
            result.texts = [text for text in given if needle in text.casefold()]
        else:
            result.options = _option_counts(block, given)
        if block.block_type == "ranking":
            result.ranking = ranking_scores(options_for(block.block_type, block.value), given)
        results.append(result)
    return results


def ranking_scores(options: list[str], rankings: list[list[str]]) -> list[RankingScore]:
    """Each option's Borda score and mean rank over `rankings` (each a list of options, first
    choice first, perhaps not all of them), highest score first; ties go to the better mean
    rank, then to the order the question lists the options. First places alone would hide an
    option that nearly everyone put second."""
    points = len(options) - 1
    places: dict[str, list[int]] = {option: [] for option in options}
    for ranking in rankings:
        for place, option in enumerate(ranking, start=1):
            if option in places:  # an option since removed from the question is left out
                places[option].append(place)
    scores = [
        RankingScore(
            option,
            borda=sum(points - (place - 1) for place in ranked),
            mean_rank=round(sum(ranked) / len(ranked), 2) if ranked else None,
            ranked_by=len(ranked),
            first=ranked.count(1),
        )
        for option, ranked in places.items()
    ]
    order = {option: n for n, option in enumerate(options)}
    return sorted(
        scores,
        key=lambda score: (
            -score.borda,
            score.mean_rank if score.mean_rank is not None else len(options) + 1,
            order[score.option],
        ),
    )


def ranking_rows(page: ConsultationPage) -> list[Row]:
    """The ranking questions' scores as a table to download: one row per option."""
    rows: list[Row] = [
        ["Question", "Option", "Borda score", "Mean rank", "Times ranked", "Ranked first"]
    ]
    for result in question_results(page):
        for score in result.ranking:
            mean = "" if score.mean_rank is None else score.mean_rank
            rows.append(
                [result.question, score.option, score.borda, mean, score.ranked_by, score.first]
            )
    return rows


def _option_counts(block: Any, given: list) -> list[OptionCount]:
    counter: Counter = Counter()
    for answer in given:
        if block.block_type == "ranking":
            counter[answer[0]] += 1
        elif isinstance(answer, list):
            counter.update(answer)
        else:
            counter[answer] += 1
    total = len(given) or 1
    return [
        OptionCount(option, counter[option], round(100 * counter[option] / total))
        for option in options_for(block.block_type, block.value)
    ]


def breakdown_dimensions(page: ConsultationPage) -> list[tuple[str, str]]:
    """What answers can be split by: the first area question, then each "about you" answer."""
    dimensions = [
        (f"q:{block.id}", "Area") for block in page.questions if block.block_type == "area"
    ][:1]
    return dimensions + [(f"about:{name}", label) for name, label in ABOUT_YOU_LABELS.items()]


def _group_of(response: ConsultationResponse, dimension: str) -> str | None:
    source, key = dimension.split(":", 1)
    values = response.answers if source == "q" else response.about_you
    return values.get(key) or None


def breakdowns(page: ConsultationPage, dimension: str) -> list[Breakdown]:
    """Each closed question's answers split by the chosen dimension, small groups suppressed."""
    if dimension not in dict(breakdown_dimensions(page)):
        return []
    groups: dict[str, list] = {}
    responses = list(submitted_responses(page))
    for response in responses:
        group = _group_of(response, dimension)
        if group:
            groups.setdefault(group, []).append(response.answers)
    sizes = {name: len(members) for name, members in groups.items()}
    visible = groups_to_show(sizes, total=len(responses))
    shown = {name: members for name, members in groups.items() if name in visible}
    suppressed = len(groups) - len(shown)
    tables = []
    for block in page.questions:
        if block.block_type in TEXT_TYPES or f"q:{block.id}" == dimension:
            continue
        names = sorted(shown)
        counts = suppress_cells([_group_counts(block, shown[name]) for name in names])
        rows = [(name, len(shown[name]), row) for name, row in zip(names, counts, strict=True)]
        options = options_for(block.block_type, block.value)
        tables.append(Breakdown(block.value["question"], options, rows, suppressed))
    return tables


def _group_counts(block: Any, members: list[dict]) -> list[int]:
    given = [a[block.id] for a in members if a.get(block.id) not in (None, "", [])]
    return [count.count for count in _option_counts(block, given)]


def tag_names(page: ConsultationPage) -> dict[tuple[int, str], list[str]]:
    """Every tagged answer of the consultation, as (response pk, question id): theme names
    (see analysis.py)."""
    names: dict[tuple[int, str], list[str]] = defaultdict(list)
    tags = AnswerTag.objects.filter(response__consultation=page).select_related("theme")
    for tag in tags.order_by("theme__name", "pk"):
        names[(tag.response_id, tag.question_id)].append(tag.theme.name)
    return dict(names)


def export_rows(page: ConsultationPage) -> list[Row]:
    """One row per submitted response: reference, date and answers. No names, no emails, and
    no "about you" answers, which are only ever shown in groups (see `breakdowns`).
    Once the consultation has themes, a "Themes: ..." column per free-text question follows
    the answers, its themes joined by "; " (a consultation without themes exports as before).
    `cms.core.exports` guards the cells: answers are typed by the public."""
    header = ["Reference", "Submitted"] + [block.value["question"] for block in page.questions]
    tagged_questions = (
        [block for block in page.questions if block.block_type in TEXT_TYPES]
        if page.themes.exists()
        else []
    )
    header += [f"Themes: {block.value['question']}" for block in tagged_questions]
    tags = tag_names(page) if tagged_questions else {}
    rows: list[Row] = [header]
    for response in submitted_responses(page):
        # Every question has its column; one not asked (hidden by a condition) stays blank.
        shown = answers_to(page.questions, response.answers)
        rows.append(
            [
                response.reference,
                cast(datetime, response.submitted_at).isoformat(timespec="minutes"),
            ]
            + [answer.as_text for answer in shown]
            + ["; ".join(tags.get((response.pk, block.id), [])) for block in tagged_questions]
        )
    return rows
