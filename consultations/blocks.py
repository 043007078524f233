"""The question types staff build a consultation from, as StreamField blocks.

Each block's StreamField id is the key its answers are stored under, so editing a question's
wording later keeps the answers already given to it.
"""

from wagtail import blocks

from cms.core.areas import AREAS

DEFAULT_SHORT_TEXT_LENGTH = 200
DEFAULT_LONG_TEXT_LENGTH = 3000

AGREE_SCALE = [
    "Strongly agree",
    "Agree",
    "Neither agree nor disagree",
    "Disagree",
    "Strongly disagree",
]
RATINGS = ["1", "2", "3", "4", "5"]
OUTSIDE_THE_CITY = "Outside Nottingham City"
# Answers store the area's name (not its slug), so answers already given stay valid.
DISTRICTS = [area.name for area in AREAS]
# Nottingham City Council's wards (2019 boundaries), for questions about neighbourhoods.
CITY_WARDS = [
    "Aspley",
    "Basford",
    "Berridge",
    "Bestwood",
    "Bilborough",
    "Bulwell",
    "Bulwell Forest",
    "Castle",
    "Clifton East",
    "Clifton West",
    "Dales",
    "Hyson Green and Arboretum",
    "Leen Valley",
    "Lenton and Wollaton East",
    "Mapperley",
    "Meadows",
    "Radford",
    "St Ann's",
    "Sherwood",
    "Wollaton West",
]


class QuestionBlock(blocks.StructBlock):
    """What every question has: the question itself, a hint and whether it must be answered."""

    question = blocks.CharBlock(max_length=250)
    help_text = blocks.CharBlock(required=False, max_length=300, help_text="A hint shown below.")
    required = blocks.BooleanBlock(required=False, default=False)
    # Pages and branching (answers.py): long consultations in steps, questions only for those
    # they concern. The condition names an earlier question by its number, as editors see
    # the list, because a block cannot offer a choice of its sibling blocks; the page's
    # clean() checks the number and the answer when it is saved.
    starts_new_page = blocks.BooleanBlock(
        required=False, default=False, label="Start a new page with this question"
    )
    page_title = blocks.CharBlock(
        required=False,
        max_length=120,
        label="Page heading",
        help_text="For the page this question starts, e.g. Youth services. Optional.",
    )
    show_when_question = blocks.IntegerBlock(
        required=False,
        min_value=1,
        label="Only show when question number",
        help_text="Leave blank to always show. The number of an earlier question on an earlier "
        "page, counting the first question as 1.",
    )
    show_when_answer = blocks.CharBlock(
        required=False,
        max_length=120,
        label="was answered",
        help_text="The answer that shows this question, e.g. Yes. For multiple choice, shown "
        "when it is one of those ticked.",
    )

    class Meta:
        icon = "help"


class ShortTextQuestionBlock(QuestionBlock):
    max_length = blocks.IntegerBlock(default=DEFAULT_SHORT_TEXT_LENGTH, min_value=1, max_value=500)

    class Meta:
        label = "Short text"
        icon = "edit"


class LongTextQuestionBlock(QuestionBlock):
    max_length = blocks.IntegerBlock(default=DEFAULT_LONG_TEXT_LENGTH, min_value=1, max_value=10000)

    class Meta:
        label = "Long text"
        icon = "doc-full"


class ChoiceQuestionBlock(QuestionBlock):
    choices = blocks.ListBlock(blocks.CharBlock(max_length=120), min_num=2)

    class Meta:
        icon = "list-ul"


class SingleChoiceQuestionBlock(ChoiceQuestionBlock):
    class Meta:
        label = "Single choice"
        icon = "radio-full"


class MultipleChoiceQuestionBlock(ChoiceQuestionBlock):
    class Meta:
        label = "Multiple choice"
        icon = "tick"


class RankingQuestionBlock(ChoiceQuestionBlock):
    class Meta:
        label = "Ranking"
        icon = "order"


class AgreeScaleQuestionBlock(QuestionBlock):
    class Meta:
        label = "Agree/disagree scale"
        icon = "radio-full"


class RatingQuestionBlock(QuestionBlock):
    class Meta:
        label = "Rating 1 to 5"
        icon = "pick"


class AreaQuestionBlock(QuestionBlock):
    level = blocks.ChoiceBlock(
        choices=[("district", "City or district"), ("city_ward", "Nottingham City ward")],
        default="district",
    )

    class Meta:
        label = "Area (district or ward)"
        icon = "site"


class QuestionStreamBlock(blocks.StreamBlock):
    short_text = ShortTextQuestionBlock()
    long_text = LongTextQuestionBlock()
    single_choice = SingleChoiceQuestionBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    agree_scale = AgreeScaleQuestionBlock()
    rating = RatingQuestionBlock()
    ranking = RankingQuestionBlock()
    area = AreaQuestionBlock()


TEXT_TYPES = {"short_text", "long_text"}


def options_for(block_type: str, value: dict) -> list[str]:
    """The answers a closed question offers, in the order they are shown."""
    if block_type == "agree_scale":
        return AGREE_SCALE
    if block_type == "rating":
        return RATINGS
    if block_type == "area":
        return [*CITY_WARDS, OUTSIDE_THE_CITY] if value.get("level") == "city_ward" else DISTRICTS
    if block_type in TEXT_TYPES:
        return []
    return list(value["choices"])
