"""Demo content for Have your say: three consultations (open to everyone, open to the panel,
and closed with its outcome published, its responses' free-text answers tagged with themes),
each about its areas, easy-read summaries on the open consultation and the published outcome,
a confirmed alert subscriber (an example.org address), three panel meetings with a limit on
places, three demo panel members with places (and attendance at the past meetings), and the
actions the past meetings agreed, with their updates.

Themes come from the VRU's Strategic Needs Assessment (docs/seed-facts.md); the words are ours.
Idempotent: what exists is found by slug or title and left alone. Panel members' accounts use
example.org addresses and get a usable password only when DEMO_PANEL_PASSWORD is set.
"""

import os
import random
from datetime import datetime, timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page

from cms.core.demo import load as load_core_pages
from cms.core.models import HomePage
from cms.core.roles import PANEL_MEMBER, record_role_change

from .blocks import DISTRICTS
from .models import (
    ActionUpdate,
    AlertSubscription,
    AnswerTag,
    Audience,
    ConsultationIndexPage,
    ConsultationPage,
    MeetingAction,
    MeetingSignUp,
    PanelApplication,
    PanelMeeting,
)
from .papers import papers_collection

# A paper for the upcoming meeting, filed in the private collection like every paper.
DEMO_PAPERS = {
    "The night-time economy": (
        "Night-time economy: what the figures show",
        b"Draft for panel members: violence in the evening and night-time economy, "
        b"by area and hour. Not for publication.\n",
    )
}

# (username, name, area): members of the panel, approved from their applications.
PANEL_MEMBERS = [
    ("hannah", "Hannah Wright", "Ashfield"),
    ("marcus", "Marcus Bell", "Nottingham City"),
    ("joy", "Joy Okafor", "Gedling"),
]
# Meeting title: (places, {member: attendance}); "" is a place with attendance not recorded
# (the upcoming meeting). Joy has no place at the upcoming one, so she can sign up.
PLACES = {
    "Youth provision in county hotspots": (15, {"hannah": "attended", "marcus": "attended"}),
    "Knife-crime awareness in schools": (
        12,
        {"hannah": "attended", "marcus": "apologies", "joy": "attended"},
    ),
    "The night-time economy": (12, {"hannah": "", "marcus": ""}),
}
# Meeting title: [(description, owner, due in days from today, status, [(days ago, by, note)])]
ACTIONS = {
    "Youth provision in county hotspots": [
        (
            "Share the youth provision map with the district councils.",
            "VRU data team",
            -5,
            MeetingAction.Status.IN_PROGRESS,
            [
                (30, "VRU data team", "Map shared with Ashfield and Mansfield councils."),
                (8, "Bassetlaw District Council", "Asked for the figures by ward first."),
            ],
        ),
        (
            "Test the public consultation on youth provision before it opens.",
            "Panel members",
            -12,
            MeetingAction.Status.DONE,
            [(14, "Panel members", "Four members tried it; the questions on clubs were reworded.")],
        ),
    ],
    "Knife-crime awareness in schools": [
        (
            "Publish the outcome on the consultation page.",
            "VRU communications team",
            -7,
            MeetingAction.Status.DONE,
            [(9, "VRU communications team", "Published as We asked, you said, we did.")],
        ),
        (
            "Agree which schools host the first year 6 workshops.",
            "VRU schools lead",
            30,
            MeetingAction.Status.OPEN,
            [],
        ),
    ],
}


def _q(block_id: str, block_type: str, question: str, required: bool = False, **extra: Any) -> dict:
    value = {"question": question, "help_text": extra.pop("help_text", ""), "required": required}
    return {"type": block_type, "id": block_id, "value": {**value, **extra}}


# Four pages; the third is asked only of those who have used youth services (question 2).
YOUTH_PROVISION_QUESTIONS = [
    _q(
        "area",
        "area",
        "Which area do you live in?",
        required=True,
        starts_new_page=True,
        page_title="Where you live",
    ),
    _q(
        "used_any",
        "single_choice",
        "Have you or your children used a youth service in the last year?",
        help_text="For example a youth club, sports club, mentoring or holiday activities.",
        required=True,
        choices=["Yes", "No"],
        starts_new_page=True,
        page_title="Youth services",
    ),
    _q(
        "use",
        "multiple_choice",
        "Which of these have you or your children used in the last year?",
        choices=["Youth club", "Sports club", "Mentoring", "Holiday activities"],
        starts_new_page=True,
        page_title="The services you used",
        show_when_question=2,
        show_when_answer="Yes",
    ),
    _q(
        "rating",
        "rating",
        "How good is what is on offer for young people near you?",
        help_text="1 is very poor, 5 is very good.",
        required=True,
        show_when_question=2,
        show_when_answer="Yes",
    ),
    _q(
        "priorities",
        "ranking",
        "Which should we fund first?",
        choices=["Evening youth clubs", "Detached youth workers", "Sport and holiday activities"],
        starts_new_page=True,
        page_title="What should come first",
    ),
    _q("missing", "long_text", "What is missing for young people where you live?", max_length=3000),
]

NIGHT_TIME_QUESTIONS = [
    _q("safe", "agree_scale", "I feel safe in the city centre on a Saturday night.", required=True),
    _q(
        "venue",
        "single_choice",
        "Where do you think most trouble starts?",
        required=True,
        choices=["Inside bars and clubs", "Queues and doorways", "Takeaways", "Taxi ranks"],
    ),
    _q("street", "short_text", "Which street or place worries you most?", max_length=120),
    _q("idea", "long_text", "What one change would make nights out safer?", max_length=2000),
]

SCHOOLS_QUESTIONS = [
    _q(
        "age",
        "single_choice",
        "When should schools start teaching about knife crime?",
        required=True,
        choices=["Year 5 or 6", "Year 7 or 8", "Year 9 or later"],
    ),
    _q(
        "agree", "agree_scale", "Talks from people with lived experience work better than leaflets."
    ),
    _q("area", "area", "Which area is your school in?"),
    _q(
        "first",
        "ranking",
        "Which should schools do first?",
        choices=[
            "Workshops with people with lived experience",
            "Lessons from teachers",
            "Talks from the police",
        ],
    ),
    _q("help", "long_text", "What would help pupils stay safe?", max_length=2000),
]

# Free-text answers to the schools consultation, each with the themes VRU staff tagged it with.
SCHOOLS_IDEAS = [
    ("Hearing from someone who has been stabbed, not a leaflet.", ["Lived experience"]),
    ("Start in year 6, before they move up to big school.", ["Start younger"]),
    ("Youth workers they already trust, in lessons and after school.", ["Trusted adults"]),
    ("Tell parents what the signs are too.", ["Parents and carers"]),
    ("Safe ways home after school, with staff at the bus stops.", ["Safe journeys"]),
    (
        "Talks from people who carried a knife and stopped, from year 5.",
        ["Lived experience", "Start younger"],
    ),
    ("Somewhere to go after school where there are adults around.", ["Trusted adults"]),
    ("Less assemblies, more small groups where you can ask questions.", []),
]
SCHOOLS_THEMES = sorted({theme for _, themes in SCHOOLS_IDEAS for theme in themes})
SCHOOLS_RANKINGS = [
    [
        "Workshops with people with lived experience",
        "Lessons from teachers",
        "Talks from the police",
    ],
    [
        "Workshops with people with lived experience",
        "Talks from the police",
        "Lessons from teachers",
    ],
    [
        "Talks from the police",
        "Workshops with people with lived experience",
        "Lessons from teachers",
    ],
    [
        "Lessons from teachers",
        "Workshops with people with lived experience",
        "Talks from the police",
    ],
]


@transaction.atomic
def load() -> ConsultationIndexPage:
    home = HomePage.objects.first() or load_core_pages()
    index = _index_page(home)
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    _consultation(
        index,
        slug="youth-provision-in-your-area",
        title="Youth provision in your area",
        introduction=(
            "Tell us what young people can do in the evenings and holidays where you live, and "
            "what should come first as we fund more youth work across the county."
        ),
        opens_at=now - timedelta(days=10),
        closes_at=now + timedelta(days=40),
        audience=Audience.PUBLIC,
        questions=YOUTH_PROVISION_QUESTIONS,
        areas=["ashfield", "bassetlaw", "mansfield", "newark-and-sherwood"],
        easy_read_summary=(
            "We want to know what young people can do near you. "
            "Tell us what you like. Tell us what is missing. "
            "We will use your answers to choose what to pay for first."
        ),
    )
    _consultation(
        index,
        slug="night-time-economy",
        title="Safer nights out in Nottingham and Mansfield",
        introduction=(
            "Violence peaks late on Saturday nights in the city centre and in Mansfield. Panel "
            "members: help us decide where to focus with venues, taxi firms and the council."
        ),
        opens_at=now - timedelta(days=3),
        closes_at=now + timedelta(days=25),
        audience=Audience.PANEL,
        allow_anonymous=False,
        questions=NIGHT_TIME_QUESTIONS,
        areas=["nottingham-city", "mansfield"],
    )
    closed = _consultation(
        index,
        slug="knife-crime-awareness-in-schools",
        title="Knife-crime awareness in schools",
        introduction="How and when schools should talk with pupils about the risks of knives.",
        opens_at=now - timedelta(days=120),
        closes_at=now - timedelta(days=60),
        audience=Audience.PUBLIC,
        questions=SCHOOLS_QUESTIONS,
        areas=["nottingham-city", "mansfield"],
        we_asked=(
            "<p>We asked parents, teachers and young people when and how schools should teach "
            "about the risks of carrying a knife.</p>"
        ),
        you_said=(
            "<p>Most of you said to start before secondary school, and that hearing from people "
            "with lived experience works far better than leaflets or assemblies.</p>"
        ),
        we_did=(
            "<p>We have funded workshops for year 6 pupils, led by youth workers and people with "
            "lived experience, starting in schools in Radford, St Ann's and Mansfield.</p>"
        ),
        easy_read_outcome=(
            "We asked when schools should talk about knives. "
            "Most of you said: start before big school. "
            "You said it helps to hear from people who know. "
            "Now youth workers run talks for pupils in year 6."
        ),
        outcome_published=True,
    )
    _sample_responses(closed)
    _sample_themes(closed)
    _alert_subscriber(now)
    _meetings(now)
    members = {
        username: _panel_member(username, name, area) for username, name, area in PANEL_MEMBERS
    }
    _places(members)
    _actions()
    return index


def _index_page(home: Page) -> ConsultationIndexPage:
    existing = ConsultationIndexPage.objects.first()
    if existing:
        return existing
    index = home.add_child(
        instance=ConsultationIndexPage(
            title="Have your say",
            slug="have-your-say",
            introduction="Answer our consultations and see what changed because of what you said.",
            show_in_menus=True,
        )
    )
    index.save_revision().publish()
    return index


def _consultation(index: Page, *, slug: str, **fields: Any) -> ConsultationPage:
    existing = ConsultationPage.objects.filter(slug=slug).first()
    if existing:
        return existing
    page = index.add_child(instance=ConsultationPage(slug=slug, **fields))
    page.save_revision().publish()
    return page


def _alert_subscriber(now: datetime) -> None:
    """Someone who confirmed alerts for Gedling and Rushcliffe, so the beat task has someone
    to tell when a consultation opens there."""
    AlertSubscription.objects.get_or_create(
        email="alerts-demo@example.org",
        defaults={
            "areas": ["gedling", "rushcliffe"],
            "requested_at": now - timedelta(days=30),
            "confirmed_at": now - timedelta(days=30),
        },
    )


def _sample_responses(page: ConsultationPage) -> None:
    """Thirty invented responses so the results pages have something to show."""
    if page.responses.exists():
        return
    chooser = random.Random(2026)  # the same demo every time
    # The ranking and free-text answers draw on their own chooser, so the other answers
    # are the same as before those questions were added.
    later = random.Random(18)
    for _ in range(30):
        answers = {
            "age": chooser.choice(["Year 5 or 6", "Year 5 or 6", "Year 7 or 8"]),
            "agree": chooser.choice(["Strongly agree", "Agree", "Neither agree nor disagree"]),
            "area": chooser.choice(DISTRICTS[:4]),
            "first": later.choice(SCHOOLS_RANKINGS),
        }
        if later.random() < 0.6:
            answers["help"] = later.choice(SCHOOLS_IDEAS)[0]
        page.responses.create(
            respondent_token="",
            submitted_at=page.closes_at - timedelta(days=chooser.randint(1, 50)),
            answers=answers,
            about_you={"age_band": chooser.choice(["16 to 24", "35 to 49", "Prefer not to say"])},
        )


def _sample_themes(page: ConsultationPage) -> None:
    """The themes staff found in the free-text answers, and their tags (consultations/analysis.py):
    each demo answer carries the themes SCHOOLS_IDEAS gives it; one idea has none yet."""
    if page.themes.exists():
        return
    themes = {name: page.themes.create(name=name) for name in SCHOOLS_THEMES}
    ideas = dict(SCHOOLS_IDEAS)
    AnswerTag.objects.bulk_create(
        AnswerTag(response=response, question_id="help", theme=themes[name])
        for response in page.responses.filter(submitted_at__isnull=False)
        for name in ideas.get(response.answers.get("help", ""), [])
    )


def _meetings(now: datetime) -> None:
    meetings = [
        (
            "Youth provision in county hotspots",
            now - timedelta(days=45),
            "<p>1. Where young people in Ashfield, Mansfield and Bassetlaw go in the evening.</p>"
            "<p>2. Early findings from the youth provision map.</p>",
            "<p>The panel heard that outside the city there is little to do after 6pm. Members "
            "asked for detached youth work where young people already gather.</p>",
            "<ul><li>VRU to share the youth provision map with district councils.</li>"
            "<li>Panel members to test the public consultation before it opens.</li></ul>",
        ),
        (
            "Knife-crime awareness in schools",
            now - timedelta(days=15),
            "<p>1. What the consultation told us.</p><p>2. Choosing where workshops start.</p>",
            "<p>The panel agreed the workshops should start in year 6 and include people with "
            "lived experience.</p>",
            "<ul><li>VRU to publish the outcome on the consultation page.</li></ul>",
        ),
        (
            "The night-time economy",
            now + timedelta(days=20),
            "<p>1. Saturday-night violence in the city centre and Mansfield.</p>"
            "<p>2. Working with venues, taxi firms and street pastors.</p>",
            "",
            "",
        ),
    ]
    for title, starts_at, agenda, minutes, actions in meetings:
        meeting, _ = PanelMeeting.objects.get_or_create(
            title=title,
            defaults={
                "starts_at": starts_at,
                "location": "" if minutes else "Mansfield Civic Centre",
                "online_link": "https://meet.example.org/vru-panel" if minutes else "",
                "agenda": agenda,
                "minutes": minutes,
                "actions": actions,
                "minutes_approved": bool(minutes),
                "places": PLACES[title][0],
            },
        )
        _demo_paper(meeting)


def _demo_paper(meeting: PanelMeeting) -> None:
    """Give the meeting its demo paper, in the private papers collection, once."""
    if meeting.title not in DEMO_PAPERS or meeting.papers:
        return
    title, text = DEMO_PAPERS[meeting.title]
    document = get_document_model()(title=title, collection=papers_collection())
    document.file.save("night-time-economy-figures.txt", ContentFile(text))
    meeting.papers = [("paper", document)]
    meeting.save(update_fields=["papers"])


def _panel_member(username: str, name: str, area: str) -> User:
    """A demo member of the panel: an account with the role and its approved application."""
    email = f"panel-{username}@example.org"
    first_name, last_name = name.split(" ", 1)
    user, created = get_user_model().objects.get_or_create(
        username=f"panel-{username}",
        defaults={"email": email, "first_name": first_name, "last_name": last_name},
    )
    if not created:
        return user
    password = os.environ.get("DEMO_PANEL_PASSWORD")
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    PanelApplication.objects.create(
        user=user,
        reason="I want young people in my area to have somewhere to go.",
        area=area,
        status=PanelApplication.Status.APPROVED,
        decided_at=timezone.now() - timedelta(days=90),
    )
    record_role_change(user, PANEL_MEMBER, grant=True, by=None)
    return user


def _places(members: dict[str, User]) -> None:
    """Each demo member's places, and their attendance at the meetings already held."""
    for title, (_, attendance) in PLACES.items():
        meeting = PanelMeeting.objects.get(title=title)
        for username, attended in attendance.items():
            MeetingSignUp.objects.get_or_create(
                meeting=meeting,
                user=members[username],
                defaults={
                    "attendance": attended,
                    "signed_up_at": meeting.starts_at - timedelta(days=10),
                },
            )


def _actions() -> None:
    """The actions the past meetings agreed, once, with their updates."""
    today = timezone.localdate()
    for title, actions in ACTIONS.items():
        meeting = PanelMeeting.objects.get(title=title)
        if meeting.tracked_actions.exists():
            continue
        for description, owner, due_in, status, updates in actions:
            action = MeetingAction.objects.create(
                meeting=meeting,
                description=description,
                owner=owner,
                due_on=today + timedelta(days=due_in),
                status=status,
            )
            for days_ago, by, note in updates:
                ActionUpdate.objects.create(
                    action=action, written_on=today - timedelta(days=days_ago), by=by, note=note
                )
