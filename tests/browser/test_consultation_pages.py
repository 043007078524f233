"""A resident goes through a consultation in pages: a "Yes" brings a follow-up page, a
change from check-your-answers to "No" takes it away again (and returns to check your
answers), and the response is submitted.
axe finds nothing on a page of questions or on check-your-answers, at 320px and 1280px."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from consultations.models import ConsultationResponse
from tests.consultations.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    branching_questions,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTHS = (320, 1280)


@pytest.fixture
def consultation(home_page):
    index = ConsultationIndexPageFactory(parent=home_page)
    return ConsultationPageFactory(
        parent=index, title="Youth services in your area", questions=branching_questions()
    )


def _check_at_every_width(page, assert_accessible):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def _asked(page, question):
    """The question's row on check-your-answers."""
    return page.locator(".govuk-summary-list__key", has_text=question)


def _progress(page):
    return page.locator("#progress")


def test_a_resident_follows_a_branch_changes_an_answer_and_submits(
    page, consultation, assert_accessible
):
    page.goto(consultation.url)
    page.get_by_role("button", name="Start now").click()
    expect(_progress(page)).to_have_text("Page 1 of 3")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your area")
    page.get_by_label("Where do you live?").select_option("Mansfield")
    page.get_by_role("button", name="Continue", exact=True).click()

    expect(_progress(page)).to_have_text("Page 2 of 3")
    expect(page.get_by_role("heading", level=1)).to_have_text("Youth services")
    page.get_by_role("button", name="Continue", exact=True).click()  # nothing chosen
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Answer the question: Do you use youth services?"
    )
    _check_at_every_width(page, assert_accessible)
    page.get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Continue", exact=True).click()

    expect(_progress(page)).to_have_text("Page 3 of 4")
    page.get_by_label("Sports", exact=True).check()
    page.get_by_label("How could they be better?").fill("Open on Sundays.")
    _check_at_every_width(page, assert_accessible)
    page.get_by_role("link", name="Back to the previous page").click()
    expect(_progress(page)).to_have_text("Page 2 of 4")
    expect(page.get_by_label("Yes", exact=True)).to_be_checked()
    page.get_by_role("button", name="Continue", exact=True).click()
    page.get_by_label("Sports", exact=True).check()
    page.get_by_role("button", name="Continue", exact=True).click()

    expect(_progress(page)).to_have_text("Page 4 of 4")
    page.get_by_role("button", name="Continue to check your answers").click()
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    expect(_asked(page, "Which youth services do you use?")).to_be_visible()
    _check_at_every_width(page, assert_accessible)

    page.get_by_role("link", name="Change your answer to: Do you use youth services?").click()
    expect(_progress(page)).to_have_text("Page 2 of 4")
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Continue", exact=True).click()
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    expect(_asked(page, "Which youth services do you use?")).to_have_count(0)
    page.get_by_role("link", name="Back to your answers").click()
    expect(_progress(page)).to_have_text("Page 3 of 3")  # the follow-up page is skipped
    expect(page.get_by_role("heading", level=1)).to_have_text("Anything else")
    page.get_by_role("button", name="Continue to check your answers").click()
    expect(page.get_by_text("No", exact=True)).to_be_visible()

    page.get_by_role("button", name="Submit your response").click()
    expect(page.get_by_role("heading", name="Response submitted")).to_be_visible()
    response = ConsultationResponse.objects.get()
    assert response.is_submitted
    assert response.answers == {"where": "Mansfield", "uses": "No"}


def test_a_draft_carried_on_from_an_e_mailed_link_in_another_browser(
    page, browser, live_server, consultation, assert_accessible
):
    page.goto(consultation.url)
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("Where do you live?").select_option("Mansfield")
    page.get_by_role("button", name="Save as draft and come back later").click()
    expect(page.get_by_text("Your draft is saved")).to_be_visible()
    page.get_by_role("link", name="E-mail me the link").click()
    page.get_by_role("button", name="Send the link").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()  # no address given
    _check_at_every_width(page, assert_accessible)
    page.get_by_label("Email address").fill("resident@example.org")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_text("We have e-mailed you the link")).to_be_visible()

    link = re.search(r"/have-your-say/\S+/resume/link/\?token=\S+", mail.outbox[-1].body)[0]
    other_browser = browser.new_context(base_url=live_server.url)  # no session: another phone
    other = other_browser.new_page()
    other.goto(link)
    expect(other.get_by_text("Welcome back")).to_be_visible()
    expect(other.get_by_label("Where do you live?")).to_have_value("Mansfield")

    other.goto(link.replace("token=", "token=x"))  # a link cut or altered in the e-mail
    expect(other.get_by_role("heading", level=1)).to_have_text("There is a problem with this link")
    _check_at_every_width(other, assert_accessible)
    other_browser.close()
