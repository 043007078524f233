"""The public Response Strategy tracker, through real HTTP requests."""

from datetime import timedelta

import pytest
from django.utils import timezone

from assets_directory.gaps.models import ActionConsultation, Gap, ProgressUpdate, StrategyAction
from consultations.models import Audience
from tests.consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory
from tests.gaps.factories import GapFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_consultation(home_page):
    index = ConsultationIndexPageFactory(parent=home_page)

    def make(**kwargs):
        return ConsultationPageFactory(parent=index, **kwargs)

    return make


@pytest.fixture
def action(make_consultation):
    """T3-6 (seeded by migration) with a lead, updates, a gap and three consultations."""
    action = StrategyAction.objects.get(reference="T3-6")
    action.status = StrategyAction.Status.IN_DELIVERY
    action.owner = "VRU team, with mental health commissioners"
    action.summary = "Better access to bereavement support for people hurt by violence."
    action.save()
    today = timezone.localdate()
    ProgressUpdate.objects.create(
        action=action, date=today - timedelta(days=60), text="Commissioners agreed.", published=True
    )
    ProgressUpdate.objects.create(
        action=action,
        date=today - timedelta(days=5),
        text="Groups open in Worksop.",
        published=True,
    )
    ProgressUpdate.objects.create(
        action=action, date=today, text="Draft: budget not yet signed off.", published=False
    )
    GapFactory(title="No bereavement support for teenagers", areas=["bassetlaw"], action=action)
    GapFactory(title="Proposed gap not yet reviewed", status=Gap.Status.PROPOSED, action=action)
    now = timezone.now()
    closed = make_consultation(
        title="Support after a bereavement",
        opens_at=now - timedelta(days=90),
        closes_at=now - timedelta(days=30),
        we_asked="<p>What support helps.</p>",
        you_said="<p>Groups for young people.</p>",
        we_did="<p>We funded two teenage bereavement groups.</p>",
        outcome_published=True,
    )
    still_open = make_consultation(title="Mental health services survey")
    panel = make_consultation(
        title="Panel review of trauma services",
        audience=Audience.PANEL,
        opens_at=now - timedelta(days=90),
        closes_at=now - timedelta(days=30),
        we_asked="<p>Panel asked.</p>",
        you_said="<p>Panel said.</p>",
        we_did="<p>Secret panel outcome.</p>",
        outcome_published=True,
    )
    for order, page in enumerate([closed, still_open, panel]):
        ActionConsultation.objects.create(action=action, consultation=page, sort_order=order)
    return action


def test_tracker_lists_every_seeded_action_grouped_by_priority_with_status(client):
    StrategyAction.objects.filter(reference="T2-12").update(
        status=StrategyAction.Status.IN_DELIVERY, owner="VRU community engagement team"
    )
    response = client.get("/strategy/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "30 actions found" in html
    for action in StrategyAction.objects.all():
        assert action.title in html.replace("&#x27;", "'")
    assert "Community capacity building and empowerment</h2>" in html
    assert "VRU community engagement team" in html
    assert 'govuk-tag govuk-tag--blue">In delivery</strong>' in html
    # Table order, not text order: T2-8 before T2-10 (both under data and evidence).
    assert html.index("T2-8:") < html.index("T2-10:")


def test_tracker_filters_by_status_and_priority(client):
    StrategyAction.objects.filter(reference__in=["T2-6", "T1-1"]).update(
        status=StrategyAction.Status.COMPLETE
    )
    html = client.get("/strategy/", {"status": "complete"}).content.decode()
    assert "2 actions found" in html and "T2-6:" in html and "T1-1:" in html
    assert "T3-6:" not in html
    html = client.get("/strategy/", {"status": "complete", "priority": "ETE"}).content.decode()
    assert "2 actions found" in html
    html = client.get("/strategy/", {"priority": "ENF"}).content.decode()
    assert "2 actions found" in html and "Beyond Recovery in prison" in html


def test_bad_filter_values_are_refused_with_a_message(client):
    response = client.get("/strategy/", {"status": "abandoned"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html and "Select a valid choice" in html
    assert "0 actions found" in html


def test_action_page_shows_lead_status_and_published_updates_newest_first(client, action):
    response = client.get("/strategy/T3-6/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "VRU team, with mental health commissioners" in html
    assert "Better access to bereavement support" in html
    assert ">In delivery</strong>" in html
    assert html.index("Groups open in Worksop.") < html.index("Commissioners agreed.")
    assert "Draft: budget" not in html


def test_action_page_links_the_gaps_it_answers_to_their_entries(client, action):
    html = client.get("/strategy/T3-6/").content.decode()
    gap = Gap.objects.get(title="No bereavement support for teenagers")
    assert f'href="/services/gaps/#gap-{gap.pk}"' in html
    assert "Proposed gap not yet reviewed" not in html
    gaps_page = client.get("/services/gaps/").content.decode()
    assert f'id="gap-{gap.pk}"' in gaps_page and 'href="/strategy/T3-6/"' in gaps_page


def test_action_page_shows_consultations_and_what_came_of_them(client, action):
    html = client.get("/strategy/T3-6/").content.decode()
    assert 'href="/have-your-say/support-after-a-bereavement/"' in html
    assert "What came of it" in html and "We funded two teenage bereavement groups." in html
    assert "Mental health services survey" in html and "This consultation is open" in html


def test_panel_only_consultations_are_hidden_from_the_public(client, action, make_user):
    html = client.get("/strategy/T3-6/").content.decode()
    assert "Panel review of trauma services" not in html and "Secret panel outcome" not in html

    client.force_login(make_user())  # signed in, but not on the panel
    html = client.get("/strategy/T3-6/").content.decode()
    assert "Panel review of trauma services" not in html

    client.force_login(make_user(roles=["Panel member"]))
    html = client.get("/strategy/T3-6/").content.decode()
    assert "Panel review of trauma services" in html and "Secret panel outcome" in html


def test_unknown_reference_is_not_found(client):
    assert client.get("/strategy/T9-99/").status_code == 404


def test_public_pages_are_cached_and_dropped_when_staff_publish_an_update(client, action):
    assert client.get("/strategy/T3-6/")["X-Cache"] == "miss"
    assert client.get("/strategy/T3-6/")["X-Cache"] == "hit"
    assert client.get("/strategy/")["X-Cache"] == "miss"
    draft = action.updates.get(published=False)
    draft.published = True
    draft.save()
    response = client.get("/strategy/T3-6/")
    assert response["X-Cache"] == "miss" and "Draft: budget" in response.content.decode()
    assert client.get("/strategy/")["X-Cache"] == "miss"


def test_staff_edit_an_action_and_its_updates_in_the_admin(client, mfa_user):
    staff, _ = mfa_user(roles=["VRU staff"])
    client.force_login(staff)
    action = StrategyAction.objects.get(reference="T2-14")
    edit = client.get(f"/admin/snippets/gaps/strategyaction/edit/{action.pk}/")
    html = edit.content.decode()
    assert edit.status_code == 200
    assert "Progress updates" in html and "Consultations that informed it" in html
    assert "Lead" in html

    formsets = {
        f"{name}-{field}": value
        for name, total in (("consultation_links", "0"), ("updates", "1"))
        for field, value in (
            ("TOTAL_FORMS", total),
            ("INITIAL_FORMS", "0"),
            ("MIN_NUM_FORMS", "0"),
            ("MAX_NUM_FORMS", "1000"),
        )
    }
    response = client.post(
        f"/admin/snippets/gaps/strategyaction/edit/{action.pk}/",
        {
            "reference": "T2-14",
            "title": action.title,
            "priority": action.priority,
            "funded": "on",
            "status": "in_delivery",
            "owner": "VRU team",
            "summary": "The directory and the Gaps page.",
            **formsets,
            "updates-0-date": "2026-11-02",
            "updates-0-text": "The Gaps page now shows the evidence behind each gap.",
            "updates-0-published": "on",
        },
    )
    assert response.status_code == 302
    client.logout()
    html = client.get("/strategy/T2-14/").content.decode()
    assert "VRU team" in html and ">In delivery</strong>" in html
    assert "The Gaps page now shows the evidence behind each gap." in html
