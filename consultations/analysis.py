"""Staff analysis of a consultation's responses: reading them one by one, and themes.

Staff give a consultation its own set of themes (`ResponseTheme`) and tag free-text answers
with them (`AnswerTag`), then filter responses by theme and count answers per theme and
question. Only free-text answers are tagged: closed answers are counted already.

Tags are staff's reading of what an answer says, not something about the person who gave
it, so retention treats them as part of the answer: anonymising a response (retention.py)
keeps its tags, and deleting a response deletes them (on_delete=CASCADE), as does deleting
the theme or the consultation.

Everything here that changes data checks its input first and raises ValidationError with a
message for staff, changing nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet

from .blocks import TEXT_TYPES
from .models import AnswerTag, ConsultationPage, ConsultationResponse, ResponseTheme
from .results import submitted_responses

THEME_NAME_MAX_LENGTH = ResponseTheme.NAME_MAX_LENGTH


def free_text_questions(page: ConsultationPage) -> dict[str, str]:
    """The questions whose answers can be tagged, by block id, in the page's order."""
    return {
        block.id: block.value["question"]
        for block in page.questions
        if block.block_type in TEXT_TYPES
    }


@dataclass(frozen=True)
class ResponseFilter:
    """Which responses staff are reading: all, or those with an answer tagged with a theme
    (to one question, or to any)."""

    theme: ResponseTheme | None = None
    question_id: str = ""

    @property
    def query(self) -> str:
        """The filter as a query string, carried by the previous and next links."""
        if self.theme is None:
            return ""
        query = f"theme={self.theme.pk}"
        return f"{query}&question={self.question_id}" if self.question_id else query

    def describe(self, page: ConsultationPage) -> str:
        if self.theme is None:
            return ""
        question = free_text_questions(page).get(self.question_id)
        where = f" in answers to “{question}”" if question else ""
        return f"tagged “{self.theme.name}”{where}"


def parse_filter(page: ConsultationPage, theme: str, question_id: str) -> ResponseFilter:
    """The filter asked for in a query string; ValidationError for a theme that is not this
    consultation's or a question that is not one of its free-text questions."""
    if not theme:
        return ResponseFilter()
    found = page.themes.filter(pk=int(theme)).first() if theme.isdigit() else None
    if found is None:
        raise ValidationError("That theme is not one of this consultation's themes.")
    if question_id and question_id not in free_text_questions(page):
        raise ValidationError("That question is not one of this consultation's free-text ones.")
    return ResponseFilter(found, question_id)


def filtered_responses(
    page: ConsultationPage, chosen: ResponseFilter
) -> QuerySet[ConsultationResponse]:
    """Submitted responses in the order they came in, narrowed by the filter."""
    responses = submitted_responses(page)
    if chosen.theme is not None:
        tags = AnswerTag.objects.filter(theme=chosen.theme)
        if chosen.question_id:
            tags = tags.filter(question_id=chosen.question_id)
        responses = responses.filter(pk__in=tags.values("response_id"))
    return responses


@dataclass
class Position:
    """Where a response sits among the filtered ones, for "Response 3 of 12" and the links."""

    number: int | None
    total: int
    previous: str | None
    next: str | None


def position_of(
    page: ConsultationPage, response: ConsultationResponse, chosen: ResponseFilter
) -> Position:
    """`number` is None when the response is not among the filtered ones (its tag was
    just removed, say): there is then no previous or next."""
    references = list(filtered_responses(page, chosen).values_list("reference", flat=True))
    if response.reference not in references:
        return Position(None, len(references), None, None)
    index = references.index(response.reference)
    return Position(
        index + 1,
        len(references),
        references[index - 1] if index > 0 else None,
        references[index + 1] if index + 1 < len(references) else None,
    )


def create_theme(page: ConsultationPage, name: str) -> ResponseTheme:
    """A new theme for the consultation. Names are unique per consultation, ignoring case."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError("Enter a name for the theme.")
    if len(name) > THEME_NAME_MAX_LENGTH:
        raise ValidationError(f"Theme names must be {THEME_NAME_MAX_LENGTH} characters or fewer.")
    if page.themes.filter(name__iexact=name).exists():
        raise ValidationError(f"This consultation already has a theme called “{name}”.")
    try:
        with transaction.atomic():
            return page.themes.create(name=name)
    except IntegrityError:  # another member of staff made it a moment ago
        raise ValidationError(f"This consultation already has a theme called “{name}”.") from None


@transaction.atomic
def set_answer_themes(
    response: ConsultationResponse,
    question_id: str,
    theme_ids: Iterable[str],
    new_theme: str = "",
) -> list[ResponseTheme]:
    """Tag one free-text answer with exactly these themes (removing any others), and with a
    new theme made from `new_theme` if given. Returns the answer's themes afterwards."""
    page = response.consultation
    if question_id not in free_text_questions(page):
        raise ValidationError("Only answers to free-text questions can be tagged with themes.")
    if response.answers.get(question_id) in (None, ""):
        raise ValidationError("This question was not answered, so there is nothing to tag.")
    wanted_ids = set(theme_ids)
    themes = list(page.themes.filter(pk__in=[pk for pk in wanted_ids if pk.isdigit()]))
    if len(themes) != len(wanted_ids):
        raise ValidationError("Choose themes from this consultation's list.")
    if new_theme.strip():
        themes.append(create_theme(page, new_theme))
    tags = response.tags.filter(question_id=question_id)
    tags.exclude(theme__in=themes).delete()
    already = set(tags.values_list("theme_id", flat=True))
    AnswerTag.objects.bulk_create(
        AnswerTag(response=response, question_id=question_id, theme=theme)
        for theme in themes
        if theme.pk not in already
    )
    return sorted(themes, key=lambda theme: theme.name.casefold())


def themes_by_question(response: ConsultationResponse) -> dict[str, list[ResponseTheme]]:
    """The themes each of the response's answers is tagged with, by question id."""
    found: dict[str, list[ResponseTheme]] = defaultdict(list)
    for tag in response.tags.select_related("theme"):
        found[tag.question_id].append(tag.theme)
    return dict(found)


@dataclass
class ThemeCount:
    theme: ResponseTheme
    answers: int


@dataclass
class QuestionThemes:
    """How many of one free-text question's answers carry each theme, and how many none."""

    question_id: str
    question: str
    counts: list[ThemeCount]
    untagged: int


def theme_counts(page: ConsultationPage) -> list[QuestionThemes]:
    """For each free-text question: answers per theme (every theme, zero included), and the
    answers with no theme yet. Only submitted responses count."""
    themes = list(page.themes.all())
    tags = AnswerTag.objects.filter(
        response__consultation=page, response__submitted_at__isnull=False
    )
    counted = {
        (row["question_id"], row["theme_id"]): row["answers"]
        for row in tags.values("question_id", "theme_id").annotate(answers=Count("pk"))
    }
    tagged = defaultdict(set)
    for response_id, question_id in tags.values_list("response_id", "question_id"):
        tagged[question_id].add(response_id)
    answered = defaultdict(set)
    for response_id, answers in submitted_responses(page).values_list("pk", "answers"):
        for question_id, answer in answers.items():
            if answer not in (None, ""):
                answered[question_id].add(response_id)
    return [
        QuestionThemes(
            question_id,
            question,
            [ThemeCount(theme, counted.get((question_id, theme.pk), 0)) for theme in themes],
            len(answered[question_id] - tagged[question_id]),
        )
        for question_id, question in free_text_questions(page).items()
    ]


def themes_with_use(page: ConsultationPage) -> QuerySet[ResponseTheme]:
    """The consultation's themes, each with how many answers carry it (`answers`)."""
    return page.themes.annotate(answers=Count("tags"))
