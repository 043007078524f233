"""A resident searches what came of past consultations, reads an easy-read outcome, and signs
up for alerts (confirming and later unsubscribing), at 320px and 1280px. axe finds nothing."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from consultations.alerts import unsubscribe_path
from consultations.models import AlertSubscription
from tests.consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(params=["phone_page", "page"], ids=["320px", "1280px"])
def any_page(request):
    return request.getfixturevalue(request.param)


@pytest.fixture
def outcomes(home_page):
    index = ConsultationIndexPageFactory(parent=home_page)
    now = timezone.now()
    for days_ago, title, areas, did in [
        (5, "Street lighting in Bulwell", ["nottingham-city"], "We mended 40 lamps."),
        (30, "Knife-crime awareness in schools", [], "We funded workshops for year 6."),
    ]:
        ConsultationPageFactory(
            parent=index,
            title=title,
            areas=areas,
            opens_at=now - timedelta(days=days_ago + 30),
            closes_at=now - timedelta(days=days_ago),
            we_asked="<p>We asked what would help.</p>",
            you_said="<p>You told us.</p>",
            we_did=f"<p>{did}</p>",
            easy_read_outcome="You told us what would help. We did it.",
            outcome_published=True,
        )
    return index


def _fits(page):
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_searching_outcomes_and_reading_an_easy_read_outcome(any_page, outcomes, assert_accessible):
    page = any_page
    page.goto("/have-your-say/")
    page.get_by_role("link", name=re.compile("Search what came of past consultations")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("We asked, you said, we did")
    expect(page.get_by_text("2 outcomes")).to_be_visible()
    assert_accessible(page)
    _fits(page)

    page.get_by_label("Search outcomes").fill("lamps")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("1 outcome found")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Search outcomes").fill("")
    page.get_by_label("Area").select_option("Gedling")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="Knife-crime awareness in schools")).to_be_visible()
    expect(page.get_by_role("link", name="Street lighting in Bulwell")).to_have_count(0)

    page.get_by_role("link", name="Knife-crime awareness in schools").click()
    expect(page.get_by_text("You told us what would help. We did it.")).to_be_visible()
    assert_accessible(page)
    _fits(page)


def test_signing_up_for_alerts_confirming_and_unsubscribing(any_page, outcomes, assert_accessible):
    page = any_page
    page.goto("/have-your-say/")
    page.get_by_role("link", name="Get an e-mail when a consultation opens in your area").click()
    page.get_by_role("button", name="Send me a link to confirm").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page)  # the error summary and messages too
    _fits(page)

    page.get_by_label("Email address").fill("jo@example.org")
    page.get_by_label("Gedling").check()
    page.get_by_role("button", name="Send me a link to confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    assert_accessible(page)

    link = re.search(r"/have-your-say/alerts/confirm/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    assert_accessible(page)
    page.get_by_role("button", name="Start my alerts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your alerts have started")
    expect(page.get_by_text("when a consultation opens in Gedling")).to_be_visible()
    assert_accessible(page)

    page.goto(unsubscribe_path(AlertSubscription.objects.get()))
    assert_accessible(page)
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have unsubscribed")
    assert_accessible(page)
    _fits(page)
    assert not AlertSubscription.objects.exists()

    page.goto("/have-your-say/alerts/confirm/changed-link/")
    expect(page.get_by_text("This link is not valid")).to_be_visible()
    assert_accessible(page)
