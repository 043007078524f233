"""The directory in a real browser: a resident finds help; a provider lists a service that
staff approve in the Wagtail admin; axe finds nothing on the search and service pages."""

import re
import time
from datetime import time as clock

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from playwright.sync_api import expect

from cms.core.roles import VRU_STAFF
from tests.directory.factories import publish_service
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def listings(home_page, postcodes):
    publish_service(
        name="Meadows Mentoring Project",
        description="One-to-one mentoring for young people at risk of exclusion.",
        categories=["mentoring"],
        areas=["nottingham-city"],
        point=(52.9390, -1.1490),
        minimum_age=10,
        maximum_age=25,
        wheelchair=True,
        languages=["en"],
        schedules=[(2, clock(16), clock(19))],
        email="mentoring@example.org",
    )
    publish_service(
        name="Sherwood Mentors",
        description="Weekly mentoring for 18 to 30 year olds.",
        categories=["mentoring"],
        areas=["nottingham-city"],
        point=(52.9850, -1.1500),
        minimum_age=18,
        maximum_age=30,
    )
    publish_service(
        name="Mansfield Mentoring",
        categories=["mentoring"],
        areas=["mansfield"],
        point=(53.144, -1.197),
    )


def test_resident_searches_by_need_and_postcode_filters_and_opens_a_service(
    page, listings, assert_accessible
):
    page.goto("/services/")
    assert_accessible(page)
    page.get_by_label("What are you looking for?").fill("mentoring")
    page.get_by_label("Postcode or town").fill("NG1 5FS")
    page.get_by_label("Distance").select_option("5")
    page.get_by_role("button", name="Search").click()

    results = page.locator(".directory-result h3")
    expect(page.get_by_role("heading", name=re.compile("2 services found"))).to_be_visible()
    expect(results).to_have_text(["Meadows Mentoring Project", "Sherwood Mentors"])
    expect(page.locator("#results-map")).to_be_visible()  # the map enhances the list
    assert_accessible(page)

    page.get_by_label("Age of the person who needs help").fill("14")
    page.get_by_label(re.compile("Wheelchair accessible")).check()
    page.get_by_role("button", name="Search").click()
    expect(results).to_have_text(["Meadows Mentoring Project"])
    expect(page.get_by_text("miles away")).to_be_visible()

    page.get_by_role("link", name="Meadows Mentoring Project").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meadows Mentoring Project")
    expect(page.get_by_text("Ages 10 to 25")).to_be_visible()
    expect(page.get_by_text("Tuesday: 16:00 to 19:00")).to_be_visible()
    expect(page.get_by_role("link", name="Report a problem with this listing")).to_be_visible()
    assert_accessible(page)


def test_no_results_page_suggests_widening_and_is_accessible(
    phone_page, listings, assert_accessible
):
    # Age 90 and free alone are met by Mansfield Mentoring (no age limits, free), which the
    # search's own widening to 25 miles finds 13 miles off; nobody offers BSL, so this stays
    # empty however far it looks.
    phone_page.goto("/services/?q=mentoring&location=NG1+5FS&distance=1&free=on&age=90&access=bsl")
    expect(phone_page.get_by_text("No services match your search.")).to_be_visible()
    expect(phone_page.get_by_text("a bigger distance")).to_be_visible()
    expect(phone_page.get_by_role("link", name="search within 50 miles")).to_be_visible()
    nearest = phone_page.get_by_role("list", name="Nearest mentoring services")
    expect(nearest.get_by_role("heading", level=3)).to_have_text(
        ["Meadows Mentoring Project", "Sherwood Mentors", "Mansfield Mentoring"]
    )
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(phone_page)


def _top(page, selector: str) -> float:
    return page.locator(selector).first.bounding_box()["y"]


@pytest.mark.parametrize("width", [320, 375])
def test_on_a_phone_results_come_before_the_filters(browser, live_server, listings, width):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 700}, is_mobile=True
    )
    phone = context.new_page()
    phone.goto("/services/?q=mentoring")
    first_result = _top(phone, ".directory-result")
    assert first_result < _top(phone, "#filters")
    # Below the search box only, under two screens down: it was below all 4,500 px of filters.
    assert first_result < 1300
    assert _top(phone, "#results-map") > first_result  # the map follows the list
    phone.get_by_role("link", name="Filter the results").click()
    expect(phone.get_by_role("heading", name="Filter")).to_be_in_viewport()
    assert phone.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_filters_tick_several_values_show_counts_and_are_accessible(
    page, phone_page, listings, assert_accessible
):
    page.goto("/services/?q=mentoring")
    areas = page.get_by_role("group", name="Area")
    expect(areas.get_by_label("Nottingham City (2)")).to_be_visible()
    expect(areas.get_by_label("Mansfield (1)")).to_be_visible()
    areas.get_by_label("Nottingham City (2)").check()
    areas.get_by_label("Mansfield (1)").check()
    page.get_by_role("group", name="Open on").get_by_label("Tuesday (1)").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator(".directory-result h3")).to_have_text(["Meadows Mentoring Project"])
    # Counts keep the other filters: both areas stay ticked, the days count within them.
    expect(page.get_by_role("group", name="Area").get_by_label("Mansfield (0)")).to_be_checked()
    expect(page.get_by_role("group", name="Age group").get_by_label("18 to 25 (1)")).to_be_visible()
    assert_accessible(page)
    phone_page.goto(page.url)
    expect(phone_page.get_by_role("checkbox", name="Tuesday (1)")).to_be_checked()
    assert_accessible(phone_page)


def test_the_back_link_from_a_service_returns_to_the_search(page, listings):
    page.goto("/services/?q=mentoring&area=nottingham-city")
    page.get_by_role("link", name="Sherwood Mentors").click()
    page.get_by_role("link", name="Back to your search results").click()
    expect(page.get_by_label("What are you looking for?")).to_have_value("mentoring")
    expect(page.get_by_role("checkbox", name=re.compile("^Nottingham City"))).to_be_checked()
    expect(page.locator(".directory-result h3")).to_have_count(2)


def _sign_up(page, email: str) -> None:
    page.goto("/accounts/signup/")
    fill_sign_up(page, email)


def fill_sign_up(page, email: str) -> None:
    """Fill in the sign-up form, then follow the link in the e-mail and confirm."""
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill("a-long-passphrase-42")
    page.get_by_label("Confirm password").fill("a-long-passphrase-42")
    page.get_by_role("button", name="Create an account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    # The e-mail links to the public address in the settings; the test follows its path.
    link = re.search(r"https?://[^\s/]+(/accounts/confirm-email/[^/\s]+/)", mail.outbox[-1].body)
    page.goto(link[1])
    page.get_by_role("button", name="Confirm").click()


def register_organisation(page, name: str) -> None:
    """From "Your listings", register a new organisation and arrive at adding a service."""
    page.get_by_role("link", name="Find or register an organisation").click()
    page.get_by_label("Name of your organisation or group").fill(name)
    page.get_by_role("button", name="Find").click()
    page.get_by_role("link", name="Register a new organisation").click()
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a service")


def _staff_signs_in(page, mfa_user) -> None:
    user, secret = mfa_user(username="moderator", email="moderator@example.org", roles=[VRU_STAFF])
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    page.get_by_label(re.compile("Authenticator code|Code", re.I)).fill(code)
    page.get_by_role("button", name=re.compile("Sign In|Confirm", re.I)).click()


def test_provider_lists_a_service_staff_approve_and_it_appears(
    page, browser, live_server, listings, mfa_user
):
    _sign_up(page, "coach@example.org")
    page.goto("/services/provider/")
    register_organisation(page, "Clifton Boxing Club")
    page.get_by_label("Name of the service").fill("Clifton Boxing for Girls")
    page.get_by_label("Description").fill("Boxing and confidence for girls aged 11 to 16.")
    page.get_by_label("Sport and fitness").check()
    page.get_by_label("Nottingham City").check()
    page.get_by_label(re.compile("^Address")).fill("5 Southchurch Drive")
    page.get_by_label(re.compile("^Town or city")).fill("Nottingham")
    page.get_by_label(re.compile("^Postcode")).fill("NG11 8AA")
    page.get_by_role("button", name="Send for review").click()
    expect(page.get_by_text("is sent for review")).to_be_visible()

    staff = browser.new_context(base_url=live_server.url).new_page()
    _staff_signs_in(staff, mfa_user)
    staff.goto("/admin/")
    row = staff.get_by_role("row").filter(has_text="Clifton Boxing for Girls")
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve", exact=True).click()
    expect(staff.get_by_role("row").filter(has_text="Clifton Boxing for Girls")).to_have_count(0)

    page.goto("/services/?q=boxing")
    expect(page.locator(".directory-result h3")).to_have_text(["Clifton Boxing for Girls"])
    assert any("is published" in m.subject for m in mail.outbox)
