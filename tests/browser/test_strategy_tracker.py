"""A visitor goes from the Response Strategy tracker to an action, and on to the gap it
answers. axe-core finds no WCAG 2.2 AA violations, on a desktop and on a 320px phone."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from assets_directory.gaps.models import ActionConsultation, ProgressUpdate, StrategyAction
from tests.consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory
from tests.gaps.factories import GapFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def tracker_data(home_page):
    action = StrategyAction.objects.get(reference="T1-6")
    action.status = StrategyAction.Status.IN_DELIVERY
    action.owner = "VRU team, with schools and youth services"
    action.summary = "Building children's resilience, wherever they live."
    action.save()
    ProgressUpdate.objects.create(
        action=action, text="Year 6 workshops have begun in Radford.", published=True
    )
    GapFactory(title="Nothing after school in Radford", areas=["nottingham-city"], action=action)
    now = timezone.now()
    consultation = ConsultationPageFactory(
        parent=ConsultationIndexPageFactory(parent=home_page),
        title="Knife-crime awareness in schools",
        opens_at=now - timedelta(days=120),
        closes_at=now - timedelta(days=60),
        we_asked="<p>When schools should talk about knives.</p>",
        you_said="<p>Before secondary school.</p>",
        we_did="<p>We funded workshops for year 6 pupils.</p>",
        outcome_published=True,
    )
    ActionConsultation.objects.create(action=action, consultation=consultation)


def _tracker_to_action(page, assert_accessible):
    page.goto("/strategy/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Response Strategy tracker")
    expect(
        page.get_by_role("heading", name="Trauma-informed, resilience and contextual safeguarding")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Status").select_option("in_delivery")
    page.get_by_role("button", name="Filter actions").click()
    expect(page.get_by_text("1 action found.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role(
        "link", name="T1-6: Increasing resilience in children and young people"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Increasing resilience in children and young people"
    )
    expect(page.get_by_text("Year 6 workshops have begun in Radford.")).to_be_visible()
    expect(page.get_by_text("We funded workshops for year 6 pupils.")).to_be_visible()
    assert_accessible(page)


def test_tracker_to_an_action_and_its_gap(page, tracker_data, assert_accessible):
    _tracker_to_action(page, assert_accessible)
    page.get_by_role("link", name="Nothing after school in Radford").click()
    expect(page.get_by_role("heading", name="Nothing after school in Radford")).to_be_in_viewport()
    assert_accessible(page)


def test_tracker_on_a_320px_phone(phone_page, tracker_data, assert_accessible):
    _tracker_to_action(phone_page, assert_accessible)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 320
    phone_page.get_by_role("link", name="Nothing after school in Radford").click()
    expect(
        phone_page.get_by_role("heading", name="Nothing after school in Radford")
    ).to_be_in_viewport()
    assert_accessible(phone_page)  # the gap with its evidence
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 320
    phone_page.goto("/strategy/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 320
