"""A visitor loads the home page, skips to the content, signs in; axe finds nothing."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_skip_link_sign_in_and_accessibility(page, home_page, make_user, assert_accessible):
    make_user(username="resident", email="resident@example.org")

    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Find local help and have your say")
    assert_accessible(page)

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()

    page.get_by_role("link", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert_accessible(page)
    page.get_by_label("Email").fill("resident@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    expect(page.get_by_role("link", name="Sign out")).to_be_visible()
    assert_accessible(page)


def test_home_page_fits_a_320px_phone(phone_page, home_page, assert_accessible):
    phone_page.goto("/")
    overflow = phone_page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= 320
    menu = phone_page.get_by_role("button", name="Menu")
    expect(menu).to_be_visible()
    menu.click()
    menu_links = phone_page.get_by_role("navigation", name="Main menu")
    expect(menu_links.get_by_role("link", name="Find services")).to_be_visible()
    assert_accessible(phone_page)
