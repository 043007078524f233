"""Demo content: the publications section, the SNA summary, the Response Strategy summary and
an easy-read version of both, with pictures drawn by `demo_pictures`.

Facts come from the VRU's Response Strategy 2020/21 and its SNA summary (docs/seed-facts.md);
the words are ours. Idempotent: pages are found by slug and pictures by title.
"""

from datetime import date
from io import BytesIO
from typing import Any

from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.models import Page

from cms.core.demo import child_page
from cms.core.models import HomePage

from .demo_pictures import draw
from .models import EasyReadPage, HardWord, PublicationIndexPage, PublicationPage

INDEX_INTRODUCTION = (
    "Our Strategic Needs Assessment, our Response Strategy and an easy read version "
    "written for everyone."
)

# Who "we" are, said before the ideas (easy-read guidance: the reader should know who is
# talking to them), and how to get in touch, said after them. Demo contact details only: the
# phone number is in Ofcom's range kept for drama, the address is made up.
SOURCE_TEXT = (
    "This is from the Violence Reduction Unit. We are a team in Nottingham. "
    "We work to stop violence."
)
WRITTEN_ON = date(2026, 12, 1)
CONTACT_TEXT = (
    "You can ask us about this. We are happy to help. You can phone us or send us an e-mail."
)
CONTACT: dict[str, Any] = {
    "contact_phone": "0115 496 0000",
    "contact_email": "hub@example.org",
    "contact_address": "Violence Reduction Unit\nExample House\nNottingham\nNG1 1AA",
}

# (picture, alt text, one idea in short sentences). Headings are plain strings.
EASY_READ_ROWS: list[str | tuple[str, str, str]] = [
    "What we found out",
    (
        "house",
        "A house.",
        "Where you live matters. Poor places have more violence. They have fewer services to help.",
    ),
    (
        "young-man",
        "A young man in a cap.",
        "Violence hurts men and boys the most. Most people who hurt others are men too. "
        "Violence hurts young men aged 20 to 29 the most.",
    ),
    (
        "night",
        "The moon and stars at night.",
        "A lot of violence happens at night. It is worst late on Saturday night. "
        "Drink and drugs often play a part.",
    ),
    (
        "map-pin",
        "A pin on a map.",
        "Each place is not the same. Some places need more help than others. "
        "So help must fit each place.",
    ),
    (
        "family",
        "A grown-up with a child.",
        "Help works best when it starts early. Help before a child is 11 does the most good. "
        "Children need adults they can trust.",
    ),
    "What we will do",
    (
        "chart",
        "A bar chart.",
        "We will find out what works. We will share what we learn with our partners.",
    ),
    (
        "heart",
        "A red heart.",
        "Bad things that happen to you can hurt for a long time. We call this trauma. "
        "We will teach staff about trauma.",
    ),
    (
        "group",
        "Three people standing together.",
        "We will work with your community. Local people know what help they need.",
    ),
    (
        "book",
        "An open book.",
        "We will help young people find a mentor. We will help them into school, "
        "training and jobs.",
    ),
    (
        "open-door",
        "An open door.",
        "Some people leave prison. We will help them start a new life. "
        "This helps keep everyone safe.",
    ),
]

# Only the words readers may not know: everyday words ("Saturday", "everyone") need no
# explanation, and names (Nottingham) are names.
HARD_WORDS = [
    ("violence", "When someone hurts another person on purpose."),
    ("services", "Groups and people whose job is to help you."),
    ("partners", "Other groups we work with, like the police and the council."),
    ("trauma", "Harm to your mind or feelings that lasts a long time."),
    ("community", "The people who live in a place."),
    ("mentor", "A trusted person who helps you and gives you advice."),
    ("training", "Lessons that teach you how to do a job."),
]

SNA_SECTIONS = [
    (
        "Why we wrote it",
        "<p>Every Violence Reduction Unit must produce a Strategic Needs Assessment. It pulls "
        "together hospital, police and council data, research and what residents told us, so "
        "that partners agree on where serious violence happens, who it affects and why.</p>",
    ),
    (
        "Place and deprivation",
        "<p>Where people live, and what surrounds them, shapes the risk of violence. Deprived "
        "communities carry more risk factors and have fewer protective services. Repeat visits "
        "to A&amp;E are around five times higher in the most deprived fifth of the population "
        "than in the least deprived fifth.</p>",
    ),
    (
        "Men and boys",
        "<p>Men and boys are over-represented both as victims and as people who harm. Men aged "
        "20 to 29 make up about a quarter of A&amp;E attendances for assault. Alcohol is "
        "involved in about one in four assault admissions.</p>",
    ),
    (
        "The night-time economy",
        "<p>Violence clusters in Nottingham City and Mansfield in the evenings and at weekends, "
        "peaking late on Saturday night. Other districts see more violence in the afternoon. "
        "About 23% of in-scope serious violence is linked to alcohol.</p>",
    ),
    (
        "Local differences",
        "<p>Risk varies a great deal from place to place. Nottingham City and Bassetlaw have "
        "significantly higher A&amp;E assault rates than the area as a whole, so responses "
        "must be shaped around each place.</p>",
    ),
    (
        "Early help",
        "<p>Acting early matters most. Programmes for expectant and new parents have the "
        "strongest evidence, support before age 11 has the greatest effect, and trusted, "
        "consistent adults and mentors are vital.</p>",
    ),
]

STRATEGY_SECTIONS = [
    (
        "Our approach",
        "<p>We take a public health, whole-system approach: we treat violence as preventable, "
        "and we work through consensus, collaboration, co-production, cooperation and a "
        "counter-narrative to violence.</p>",
    ),
    (
        "Data, intelligence and evidence base",
        "<p>We will evaluate projects, review research and help partners share better data, "
        "such as matching hospital injury records with police figures.</p>",
    ),
    (
        "Trauma-informed approaches, personal resilience and contextual safeguarding",
        "<p>We will use the evidence on trauma to shape training across services, and help "
        "safeguarding partners look at the places and peer groups around a young person.</p>",
    ),
    (
        "Community capacity building and empowerment",
        "<p>We will work with communities, including young people, so local people can solve "
        "problems themselves. Community and Youth Ambassadors are part of this work.</p>",
    ),
    (
        "Mentoring, education, training and employment",
        "<p>We will agree one shared approach to mentoring and make routes into education, "
        "training and jobs easier to follow.</p>",
    ),
    (
        "Enforcement, rehabilitation and resettlement",
        "<p>Alongside police action, we will fund probation-led support for people at risk of "
        "carrying knives and programmes that help people leaving prison settle back in.</p>",
    ),
]


@transaction.atomic
def load() -> PublicationIndexPage:
    home = HomePage.objects.get()
    index = _index_page(home)
    easy_read = _easy_read_page(index)
    _publication(
        index,
        slug="strategic-needs-assessment",
        title="Strategic Needs Assessment: summary",
        summary=(
            "A summary of what our Strategic Needs Assessment found about serious violence in "
            "Nottingham and Nottinghamshire: where and when it happens, who it affects and why."
        ),
        sections=SNA_SECTIONS,
        easy_read=easy_read,
    )
    _publication(
        index,
        slug="response-strategy",
        title="Response Strategy 2020 to 2021: summary",
        summary=(
            "What partners will do about serious violence: our approach and our five strategic "
            "priorities, each answering a finding of the Strategic Needs Assessment."
        ),
        sections=STRATEGY_SECTIONS,
        easy_read=easy_read,
    )
    return index


def _index_page(home: Page) -> PublicationIndexPage:
    existing = home.get_children().filter(slug="publications").specific().first()
    if isinstance(existing, PublicationIndexPage):
        return existing
    return child_page(
        home,
        page_class=PublicationIndexPage,
        slug="publications",
        title="Publications",
        introduction=INDEX_INTRODUCTION,
        show_in_menus=True,
    )


def _easy_read_page(index: Page) -> EasyReadPage:
    return child_page(
        index,
        page_class=EasyReadPage,
        slug="easy-read",
        title="Easy read: what we found and what we will do",
        source_text=SOURCE_TEXT,
        source_picture=_picture("team", "Three people holding hands."),
        written_on=WRITTEN_ON,
        introduction="This is about violence in Nottingham and Nottinghamshire.",
        rows=[_easy_read_block(row) for row in EASY_READ_ROWS],
        contact_text=CONTACT_TEXT,
        **CONTACT,
        hard_words=[HardWord(term=term, meaning=meaning) for term, meaning in HARD_WORDS],
    )


def _easy_read_block(row: str | tuple[str, str, str]) -> dict:
    if isinstance(row, str):
        return {"type": "heading", "value": row}
    picture, alt_text, text = row
    return {
        "type": "row",
        "value": {"picture": _picture(picture, alt_text).pk, "alt_text": alt_text, "text": text},
    }


def _picture(name: str, description: str) -> AbstractImage:
    Image = get_image_model()
    title = f"Easy read picture: {name}"
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    image = Image(title=title, description=description)
    image.file = ImageFile(BytesIO(draw(name)), name=f"easy-read-{name}.png")
    image.save()
    return image


def _publication(index: Page, *, slug: str, sections: list, **fields: Any) -> PublicationPage:
    return child_page(
        index,
        page_class=PublicationPage,
        slug=slug,
        sections=[
            {"type": "section", "value": {"heading": heading, "body": body}}
            for heading, body in sections
        ],
        **fields,
    )
