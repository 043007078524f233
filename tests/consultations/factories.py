"""Factories for consultations: pages with one question of every type, and responses."""

from datetime import timedelta

import factory
import wagtail_factories
from django.utils import timezone

from consultations.models import (
    Audience,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationResponse,
    MeetingAction,
    PanelMeeting,
)


def _question(block_id: str, block_type: str, question: str, required: bool = True, **extra):
    value = {"question": question, "help_text": "", "required": required, **extra}
    return {"type": block_type, "id": block_id, "value": value}


EVERY_QUESTION_TYPE = [
    _question("short", "short_text", "Your youth club's name", max_length=40),
    _question("long", "long_text", "What would make young people safer?", max_length=500),
    _question(
        "single", "single_choice", "Which matters most?", choices=["Youth clubs", "Mentoring"]
    ),
    _question(
        "multi",
        "multiple_choice",
        "Which have you used?",
        choices=["Youth club", "Sports", "Mentoring"],
    ),
    _question("agree", "agree_scale", "Schools should teach about knife crime"),
    _question("rating", "rating", "How safe do you feel at night?"),
    _question(
        "rank", "ranking", "Rank these priorities", choices=["Lighting", "Patrols", "Transport"]
    ),
    _question("area", "area", "Where do you live?"),
]


class ConsultationIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ConsultationIndexPage

    title = "Have your say"
    slug = "have-your-say"


class ConsultationPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ConsultationPage

    title = factory.Sequence(lambda n: f"Consultation {n}")
    introduction = "Tell us what you think."
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=21))
    audience = Audience.PUBLIC
    allow_anonymous = True
    questions = factory.LazyFunction(lambda: [dict(q) for q in EVERY_QUESTION_TYPE])


class ConsultationResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsultationResponse

    consultation = factory.SubFactory(ConsultationPageFactory)
    respondent_token = factory.Sequence(lambda n: f"token{n}")
    submitted_at = factory.LazyFunction(timezone.now)
    answers = factory.LazyFunction(dict)


class PanelMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PanelMeeting

    title = factory.Sequence(lambda n: f"Panel meeting {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    location = "Loxley House, Nottingham"
    agenda = "<p>Youth provision in county hotspots.</p>"


def held_meeting(**kwargs) -> PanelMeeting:
    """A meeting held six weeks ago whose minutes are approved (so public)."""
    return PanelMeetingFactory(
        title="Youth provision in county hotspots",
        starts_at=timezone.now() - timedelta(days=45),
        minutes="<p>The panel asked for detached youth work.</p>",
        minutes_approved=True,
        **kwargs,
    )


class MeetingActionFactory(factory.django.DjangoModelFactory):
    """An action in progress, five days overdue."""

    class Meta:
        model = MeetingAction

    meeting = factory.SubFactory(PanelMeetingFactory)
    description = "Share the youth provision map with the district councils."
    owner = "VRU data team"
    due_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=5))
    status = MeetingAction.Status.IN_PROGRESS


# A full, valid set of answers as the browser would post them.
VALID_POST = {
    "q_short": "Bulwell Youth",
    "q_long": "More open evenings.",
    "q_single": "Youth clubs",
    "q_multi": ["Youth club", "Sports"],
    "q_agree": "Agree",
    "q_rating": "4",
    "q_rank_0": "2",
    "q_rank_1": "1",
    "q_rank_2": "3",
    "q_area": "Mansfield",
}


def _branch(question: dict, *, new_page: str = "", when: tuple[int, str] | None = None) -> dict:
    """A question that starts a page headed `new_page`, and/or shows only `when` question
    number N was given that answer."""
    value = question["value"]
    if new_page:
        value.update(starts_new_page=True, page_title=new_page)
    if when:
        value.update(show_when_question=when[0], show_when_answer=when[1])
    return question


def branching_questions() -> list[dict]:
    """Four pages; page 3 is asked only of those who use youth services (question 3: Yes)."""
    return [
        _branch(_question("where", "area", "Where do you live?"), new_page="Your area"),
        _question("safe", "rating", "How safe do you feel at night?", required=False),
        _branch(
            _question("uses", "single_choice", "Do you use youth services?", choices=["Yes", "No"]),
            new_page="Youth services",
        ),
        _branch(
            _question(
                "which",
                "multiple_choice",
                "Which youth services do you use?",
                choices=["Youth club", "Sports", "Mentoring"],
            ),
            new_page="Your youth services",
            when=(3, "Yes"),
        ),
        _branch(
            _question("better", "long_text", "How could they be better?", False, max_length=500),
            when=(3, "Yes"),
        ),
        _branch(
            _question("else", "long_text", "Anything else?", False, max_length=500),
            new_page="Anything else",
        ),
    ]
