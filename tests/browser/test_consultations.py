"""A panel member answers every question type, saves a draft, comes back and submits; staff
see the result; a resident answers on a 320px phone with JavaScript off. axe finds nothing."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from consultations.models import Audience, ConsultationResponse
from tests.consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def consultation_index(home_page):
    return ConsultationIndexPageFactory(parent=home_page)


def _sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")


def _staff_context(browser, live_server, mfa_user):
    """A browser signed in as VRU staff (with an authenticator), via a Django session."""
    staff, _ = mfa_user(roles=["VRU staff"])
    django_client = Client()
    django_client.force_login(staff)
    context = browser.new_context(base_url=live_server.url)
    session = django_client.cookies["sessionid"].value
    context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    return context


def _answer_every_question(page):
    page.get_by_label("Your youth club's name").fill("Bulwell <b>Youth</b>")
    page.get_by_label("What would make young people safer?").fill("Open later on Fridays.")
    page.get_by_label("Youth clubs", exact=True).check()
    page.get_by_label("Sports", exact=True).check()
    page.get_by_label("Mentoring", exact=True).last.check()
    page.get_by_label("Strongly agree", exact=True).check()
    page.get_by_label("4", exact=True).check()
    page.get_by_label("Lighting").select_option("3")
    page.get_by_label("Patrols").select_option("1")
    page.get_by_label("Transport").select_option("2")
    page.get_by_label("Where do you live?").select_option("Mansfield")
    page.locator('input[name="about-ethnicity"][value="Prefer not to say"]').check()


def test_panel_member_drafts_returns_submits_and_staff_see_results(
    page, browser, live_server, consultation_index, make_user, mfa_user, assert_accessible
):
    consultation = ConsultationPageFactory(
        parent=consultation_index,
        title="Safer nights out",
        audience=Audience.PANEL,
        allow_anonymous=False,
    )
    make_user(username="member", email="member@example.org", roles=["Panel member"])
    _sign_in(page, "member@example.org")

    page.get_by_role("link", name="Have your say").first.click()
    expect(page.get_by_role("link", name="Safer nights out")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Safer nights out").click()
    expect(page.get_by_text("Panel members only", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Start now").click()
    expect(page.get_by_role("heading", name="Your response")).to_be_visible()
    assert_accessible(page)

    _answer_every_question(page)
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_text("Your draft is saved")).to_be_visible()
    assert_accessible(page)

    page.goto("/")
    page.goto(consultation.url)
    page.get_by_role("button", name="Start now").click()
    expect(page.get_by_text("You have a saved draft")).to_be_visible()
    expect(page.get_by_label("Your youth club's name")).to_have_value("Bulwell <b>Youth</b>")
    expect(page.get_by_label("Patrols")).to_have_value("1")

    page.get_by_label("Your youth club's name").fill("")
    page.get_by_role("button", name="Continue to check your answers").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Answer the question: Your youth club's name"
    )
    assert_accessible(page)
    page.get_by_label("Your youth club's name").fill("Bulwell <b>Youth</b>")
    page.get_by_role("button", name="Continue to check your answers").click()

    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    expect(page.get_by_text("Bulwell <b>Youth</b>")).to_be_visible()  # shown, not run as HTML
    assert_accessible(page)
    page.get_by_role("button", name="Submit your response").click()

    expect(page.get_by_role("heading", name="Response submitted")).to_be_visible()
    response = ConsultationResponse.objects.get()
    expect(page.locator(".govuk-panel__body")).to_contain_text(response.reference)
    assert_accessible(page)
    assert response.answers["rank"] == ["Patrols", "Transport", "Lighting"]

    context = _staff_context(browser, live_server, mfa_user)
    staff_page = context.new_page()
    staff_page.goto("/admin/consultation-results/")
    staff_page.get_by_role("link", name="Safer nights out").click()
    expect(staff_page.get_by_text(re.compile(r"1\s+submitted response and 0"))).to_be_visible()
    expect(staff_page.get_by_text("Bulwell <b>Youth</b>")).to_be_visible()
    expect(staff_page.get_by_role("link", name="Download XLSX")).to_be_visible()
    context.close()


def test_a_resident_responds_on_a_320px_phone_without_javascript(
    browser, live_server, consultation_index, assert_accessible
):
    consultation = ConsultationPageFactory(parent=consultation_index, title="Youth provision")
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 320, "height": 640},
        is_mobile=True,
        java_script_enabled=False,
    )
    phone = context.new_page()
    phone.set_default_timeout(10_000)

    def fits():
        assert phone.evaluate("document.documentElement.scrollWidth") <= 320

    phone.goto("/have-your-say/")
    fits()
    phone.get_by_role("link", name="Youth provision").click()
    fits()
    phone.get_by_role("button", name="Start now").click()
    fits()
    _answer_every_question(phone)
    phone.get_by_role("button", name="Continue to check your answers").click()
    fits()
    phone.get_by_role("button", name="Submit your response").click()
    expect(phone.get_by_role("heading", name="Response submitted")).to_be_visible()
    fits()
    assert ConsultationResponse.objects.get(consultation=consultation).submitted_at
    context.close()

    # axe needs JavaScript to run, so the same pages are checked at 320px with it on.
    checker = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 640})
    page = checker.new_page()
    for url in (
        "/have-your-say/",
        consultation.url,
        consultation.respond_url,
        "/have-your-say/panel/",
    ):
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        assert_accessible(page)
    checker.close()


def test_a_resident_joins_the_panel_sees_meetings_and_leaves(
    page, browser, live_server, home_page, make_user, mfa_user, assert_accessible
):
    from tests.consultations.factories import PanelMeetingFactory

    PanelMeetingFactory(title="The night-time economy")
    make_user(username="resident", email="resident@example.org")
    _sign_in(page, "resident@example.org")
    page.goto("/have-your-say/panel/")
    assert_accessible(page)
    page.get_by_role("link", name="Apply to join").click()
    page.get_by_role("button", name="Send application").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Tell us why you want to join")
    assert_accessible(page)
    page.get_by_label("Why do you want to join the panel?").fill("I coach youth football.")
    page.get_by_label("Where do you live, work or study?").select_option("Ashfield")
    page.locator('input[name="about-age_band"][value="Prefer not to say"]').check()
    page.get_by_role("button", name="Send application").click()
    expect(page.get_by_text("Thank you for applying")).to_be_visible()

    context = _staff_context(browser, live_server, mfa_user)
    staff_page = context.new_page()
    staff_page.goto("/admin/consultation-results/panel-applications/")
    expect(staff_page.get_by_text("I coach youth football.")).to_be_visible()
    staff_page.get_by_role("button", name="Approve").click()
    expect(staff_page.get_by_text("resident@example.org was approved.")).to_be_visible()
    context.close()

    page.goto("/have-your-say/panel/")
    page.get_by_role("link", name="The night-time economy").click()
    expect(page.get_by_role("heading", name="Agenda")).to_be_visible()
    assert_accessible(page)
    page.goto("/have-your-say/panel/")
    page.get_by_role("button", name="Leave the panel").click()
    expect(page.get_by_text("You have left the Citizen's Advisory Panel.")).to_be_visible()
    expect(page.get_by_role("link", name="Apply to join")).to_be_visible()
