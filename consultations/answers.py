"""Reading stored answers back against a consultation's questions, and the path through them.

A consultation's questions fall into pages at each question marked "Start a new page", and a
question may be shown only when an earlier question was given a set answer. Everything here
is pure (questions and answers in, lists out), so the views and the receipt agree on what was
shown, and the rules are tested without a browser.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from wagtail.blocks import StreamValue

from .blocks import TEXT_TYPES, options_for

# A consultation's `questions` StreamField: the blocks, each with its id, type and value.
Questions: TypeAlias = Iterable[StreamValue.StreamChild]
Question: TypeAlias = StreamValue.StreamChild
NOT_ANSWERED: tuple[Any, ...] = (None, "", [])


@dataclass
class ShownAnswer:
    """One question and its answer, ready to show (lists stay lists for the template)."""

    question_id: str
    question: str
    block_type: str
    answer: Any

    @property
    def is_list(self) -> bool:
        return isinstance(self.answer, list)

    @property
    def as_text(self) -> str:
        if self.is_list:
            return "; ".join(self.answer)
        return "" if self.answer is None else str(self.answer)


@dataclass
class QuestionPage:
    """One page of questions: its number (from 1), its heading (may be blank) and questions."""

    number: int
    title: str
    questions: list[Question] = field(default_factory=list)


def question_pages(questions: Questions) -> list[QuestionPage]:
    """The questions split at each "Start a new page"; always at least one page, because the
    last page also carries the "about you" section."""
    all_questions = list(questions)
    pages: list[QuestionPage] = []
    for block, number in zip(all_questions, _page_numbers(all_questions), strict=True):
        if number > len(pages):
            pages.append(QuestionPage(number, block.value.get("page_title") or ""))
        pages[-1].questions.append(block)
    return pages or [QuestionPage(1, "")]


def _answer_matches(answer: Any, wanted: str) -> bool:
    """An answer meets a condition when it is the wanted one, or a list holding it; case and
    surrounding spaces are forgiven, as editors type the wanted answer by hand."""
    wanted = wanted.strip().casefold()
    given = answer if isinstance(answer, list) else [answer]
    return any(isinstance(item, str) and item.strip().casefold() == wanted for item in given)


def shown_questions(questions: Questions, answers: dict[str, Any]) -> list[Question]:
    """Of all a consultation's questions (conditions count them from 1), those whose
    condition is met by the answers. A question hidden by its own
    condition hides those that depend on it too, since its answer no longer counts."""
    all_questions = list(questions)
    shown_positions: set[int] = set()
    for position, block in enumerate(all_questions):
        number = block.value.get("show_when_question")
        if number:
            if number - 1 not in shown_positions:  # hidden, later or missing: not met
                continue
            earlier = all_questions[number - 1]
            if not _answer_matches(answers.get(earlier.id), block.value["show_when_answer"]):
                continue
        shown_positions.add(position)
    return [block for position, block in enumerate(all_questions) if position in shown_positions]


def drop_hidden(questions: Questions, answers: dict[str, Any]) -> dict[str, Any]:
    """The answers without those to questions now hidden, e.g. after an earlier "Yes" was
    changed to "No": what was not asked is not kept."""
    shown_ids = {block.id for block in shown_questions(questions, answers)}
    return {key: value for key, value in answers.items() if key in shown_ids}


def answers_to(blocks: Iterable[Question], answers: dict[str, Any]) -> list[ShownAnswer]:
    """These questions (already chosen to be shown) with the answer given to each."""
    return [
        ShownAnswer(block.id, block.value["question"], block.block_type, answers.get(block.id))
        for block in blocks
    ]


def display_answers(questions: Questions, answers: dict[str, Any]) -> list[ShownAnswer]:
    """Every shown question in order, with the answer given (None where it was left out)."""
    return answers_to(shown_questions(questions, answers), answers)


def _missing(questions: Iterable[Question], answers: dict[str, Any]) -> list[Question]:
    return [
        block
        for block in questions
        if block.value["required"] and answers.get(block.id) in NOT_ANSWERED
    ]


def missing_required(questions: Questions, answers: dict[str, Any]) -> list[str]:
    """Shown questions that must be answered but are not, e.g. a draft saved part-way through.
    A required question hidden by its condition is not asked, so it is not missing."""
    return [
        block.value["question"] for block in _missing(shown_questions(questions, answers), answers)
    ]


def first_incomplete_page(pages: list[QuestionPage], answers: dict[str, Any]) -> int | None:
    """The number of the first page with a shown required question unanswered, or None."""
    all_questions = [block for page in pages for block in page.questions]
    shown_ids = {block.id for block in shown_questions(all_questions, answers)}
    for page in pages:
        shown_here = [block for block in page.questions if block.id in shown_ids]
        if _missing(shown_here, answers):
            return page.number
    return None


def shown_pages(pages: list[QuestionPage], answers: dict[str, Any]) -> list[QuestionPage]:
    """The pages with any question shown, each holding only its shown questions. The last page
    is always kept, as it carries the "about you" section."""
    all_questions = [block for page in pages for block in page.questions]
    shown_ids = {block.id for block in shown_questions(all_questions, answers)}
    kept = []
    for page in pages:
        shown_here = [block for block in page.questions if block.id in shown_ids]
        if shown_here or page is pages[-1]:
            kept.append(QuestionPage(page.number, page.title, shown_here))
    return kept


def _page_numbers(questions: list[Question]) -> list[int]:
    """The page each question is on, by position (blocks new in the admin have no id yet)."""
    numbers, page = [], 1
    for position, block in enumerate(questions):
        if position and block.value.get("starts_new_page"):
            page += 1
        numbers.append(page)
    return numbers


def branch_problems(questions: Questions) -> list[tuple[int, str, str]]:
    """What is wrong with the questions' conditions, as (question index, field, message), for
    the editor: each must name an earlier question, on an earlier page, and one of its answers.
    """
    all_questions = list(questions)
    page_numbers = _page_numbers(all_questions)
    problems = []
    for index, block in enumerate(all_questions):
        number = block.value.get("show_when_question")
        wanted = (block.value.get("show_when_answer") or "").strip()
        if not number and not wanted:
            continue
        if problem := _branch_problem(all_questions, index, number, wanted, page_numbers):
            problems.append((index, *problem))
    return problems


def _branch_problem(
    all_questions: list[Question],
    index: int,
    number: int | None,
    wanted: str,
    page_numbers: list[int],
) -> tuple[str, str] | None:
    own_number = index + 1
    if not number:
        return "show_when_question", "Give the number of the question whose answer decides this."
    if not wanted:
        return "show_when_answer", f"Give the answer to question {number} that shows this one."
    if not 0 < number < own_number:
        return (
            "show_when_question",
            f"Question {own_number} can only depend on an earlier question (1 to "
            f"{own_number - 1}), not question {number}.",
        )
    earlier = all_questions[number - 1]
    if page_numbers[number - 1] == page_numbers[index]:
        return (
            "show_when_question",
            f"Question {number} is on the same page. Tick "
            '"Start a new page with this question" here, or on a question between them.',
        )
    if earlier.block_type in TEXT_TYPES:
        return (
            "show_when_question",
            f"Question {number} is a free-text question. Depend on a question with set "
            "answers, such as a single or multiple choice.",
        )
    options = options_for(earlier.block_type, earlier.value)
    if not _answer_matches(options, wanted):
        return (
            "show_when_answer",
            f'Question {number} does not offer the answer "{wanted}". Use one of: '
            f"{', '.join(options)}.",
        )
    return None
