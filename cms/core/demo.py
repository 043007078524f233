"""Demo content for the core pages: the home page and pages about the VRU.

Facts come from the VRU's Response Strategy 2020/21 (see docs/seed-facts.md); the words are ours.
Every function here is idempotent: it finds what exists by slug and leaves it alone.
"""

from typing import Any

from django.db import transaction
from wagtail.models import Page, Site

from .areas import AREAS
from .models import HomePage, StandardPage

HOME_INTRODUCTION = (
    "This site is run by the Nottingham City and Nottinghamshire Violence Reduction Unit. "
    "Use it to find local groups and services for young people and families, to see where "
    "help is missing, and to have your say on how we prevent serious violence."
)

# The main tasks are cards the home page draws itself (cms.core.models.HOME_TASKS).
HOME_BODY = [
    {
        "type": "inset_text",
        "value": {
            "text": "<p>If someone is in danger now, call <b>999</b>. "
            "For the police when it is not an emergency, call <b>101</b>.</p>"
        },
    },
]

PRIORITIES = [
    (
        "Data, intelligence and evidence base",
        "We build local evidence of what works: we evaluate projects, review research and help "
        "partners share better data, such as joining up hospital injury records with police "
        "figures.",
    ),
    (
        "Trauma-informed approaches, personal resilience and contextual safeguarding",
        "We help services understand the effects of trauma, and help safeguarding partners look "
        "at the places and peer groups around a young person, not only at the young person.",
    ),
    (
        "Community capacity building and empowerment",
        "We work with communities, including young people, so that local people can solve "
        "problems themselves and keep doing so. Our ambassadors and this directory are part of "
        "that work.",
    ),
    (
        "Mentoring, education, training and employment",
        "We are agreeing one shared approach to mentoring and making the routes into education, "
        "training and jobs easier to follow, through both public services and community groups.",
    ),
    (
        "Enforcement, rehabilitation and resettlement",
        "Alongside police action, we fund probation-led support for people at risk of carrying "
        "knives and programmes that help people leaving prison settle back into the community.",
    ),
]

# What each of the eight areas covers, by its slug in cms.core.areas.
AREA_DESCRIPTIONS = {
    "nottingham-city": (
        "The city's own unitary council. Violence is concentrated in the city "
        "centre and some neighbourhoods, with a peak late on Saturday nights."
    ),
    "ashfield": "Includes Sutton-in-Ashfield, Kirkby-in-Ashfield and Hucknall.",
    "bassetlaw": "The north of the county, including Worksop, Retford and Harworth.",
    "broxtowe": "West of the city, including Beeston, Stapleford, Eastwood and Kimberley.",
    "gedling": "North-east of the city, including Arnold, Carlton, Netherfield and Calverton.",
    "mansfield": (
        "Mansfield, Mansfield Woodhouse and Market Warsop. Like the city, Mansfield "
        "sees a weekend night-time peak in violence."
    ),
    "newark-and-sherwood": (
        "Newark-on-Trent, Southwell, Ollerton, Edwinstowe and the villages of Sherwood Forest."
    ),
    "rushcliffe": (
        "South of the river Trent, including West Bridgford, Bingham, Cotgrave and Keyworth."
    ),
}


@transaction.atomic
def load() -> HomePage:
    """Create the home page as the site root, and the pages about the VRU beneath it."""
    home = _home_page()
    about = child_page(
        home,
        slug="about-the-vru",
        title="About the Violence Reduction Unit",
        introduction=(
            "The Nottingham City and Nottinghamshire Violence Reduction Unit brings partners and "
            "communities together to prevent serious violence before it happens."
        ),
        body=[
            _paragraph(
                "We are one of 18 Violence Reduction Units funded by the Home Office. We take a "
                "public health approach: we treat violence as something that can be prevented, "
                "by understanding its causes and acting early, rather than only responding after "
                "harm is done."
            ),
            _heading("What we focus on"),
            _paragraph(
                "<ul><li>violence with a weapon, in public places and in homes</li>"
                "<li>assaults, from actual bodily harm to homicide</li>"
                "<li>robbery with a weapon</li>"
                "<li>county lines, where it leads to violence or gang conflict</li>"
                "<li>serious violence linked to the night-time economy</li>"
                "<li>serious sexual violence</li>"
                "<li>carrying a knife</li></ul>"
            ),
            _heading("How we work"),
            _paragraph(
                "We work across the NHS, police, councils, schools, probation and the voluntary "
                "and community sector. We listen to communities through our Community and Youth "
                "Ambassadors and the Citizen's Advisory Panel, and we publish what we learn."
            ),
        ],
        show_in_menus=True,
    )
    child_page(
        about,
        slug="our-priorities",
        title="Our five strategic priorities",
        introduction="Each priority answers a finding of our Strategic Needs Assessment.",
        body=[block for title, text in PRIORITIES for block in (_heading(title), _paragraph(text))],
    )
    child_page(
        about,
        slug="areas-we-cover",
        title="Areas we cover",
        introduction="Nottingham City and the seven districts of Nottinghamshire.",
        body=[
            block
            for area in AREAS
            for block in (_heading(area.name), _paragraph(AREA_DESCRIPTIONS[area.slug]))
        ],
    )
    return home


def _home_page() -> HomePage:
    existing = HomePage.objects.first()
    if existing:
        return existing
    # Wagtail's own "Welcome to your new Wagtail site!" placeholder makes way for ours.
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    home = Page.get_first_root_node().add_child(
        instance=HomePage(
            title="Notts Community Hub",
            slug="home",
            introduction=HOME_INTRODUCTION,
            body=HOME_BODY,
        )
    )
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": "Notts Community Hub",
        },
    )
    return home


def child_page(
    parent: Page,
    *,
    slug: str,
    show_in_menus: bool = False,
    page_class: type[Page] = StandardPage,
    **fields: Any,
) -> Page:
    """The published child page at `slug`, made (of `page_class`) only if it is missing.
    Other apps' demo loaders use this too."""
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing:
        return existing
    page = parent.add_child(instance=page_class(slug=slug, show_in_menus=show_in_menus, **fields))
    page.save_revision().publish()
    return page


def _heading(text: str) -> dict:
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def _paragraph(html: str) -> dict:
    if not html.startswith("<"):
        html = f"<p>{html}</p>"
    return {"type": "paragraph", "value": html}
