"""The front door in a real browser: a volunteer finds the way to listing a service, every
field with an error is described by it in the accessibility tree, the map takes no focus,
and axe finds nothing on any public page at 320 and 1280 px, error states included."""

import re

import pytest
from playwright.sync_api import expect

from tests.ambassadors.factories import AmbassadorFactory
from tests.browser.conftest import axe_violations
from tests.browser.test_directory import fill_sign_up, register_organisation
from tests.consultations.factories import ConsultationIndexPageFactory
from tests.directory.factories import publish_service
from tests.factories import PASSWORD
from tests.publications.factories import PublicationIndexPageFactory, PublicationPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def site(home_page):
    """A small site: two listings, a publication and the consultations section."""
    index = PublicationIndexPageFactory(parent=home_page)
    PublicationPageFactory(parent=index, title="Strategic Needs Assessment")
    ConsultationIndexPageFactory(parent=home_page)
    return {
        "boxing": publish_service(
            name="Clifton Boxing for Girls",
            description="Boxing and confidence for girls aged 11 to 16.",
            categories=["sport-and-fitness"],
            areas=["nottingham-city"],
            point=(52.9050, -1.1850),
        ),
        "mentoring": publish_service(
            name="Meadows Mentoring Project",
            description="One-to-one mentoring for young people.",
            categories=["mentoring"],
            areas=["nottingham-city"],
            point=(52.9390, -1.1490),
        ),
    }


def _sign_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_new_volunteer_finds_the_way_from_the_home_page_to_listing_a_service(page, site):
    page.goto("/")
    page.get_by_role("link", name="List your service").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("List your service")
    page.get_by_role("link", name="Create an account to start").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an account")
    fill_sign_up(page, "coach@example.org")

    # Confirming the e-mail leads on to the next step, not to the account page.
    expect(page.get_by_role("heading", level=1)).to_have_text("Your listings")
    register_organisation(page, "Clifton Boxing Club")
    # Types of help are grouped as on the search page, the form in parts.
    group = page.get_by_role("group", name="Types of Youth clubs and diversionary activity")
    expect(group.get_by_label("Sport and fitness")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Where it happens")).to_be_visible()

    # A returning provider finds the way from any listing too.
    page.goto(site["boxing"].get_absolute_url())
    expect(page.get_by_text("Is this your service?")).to_be_visible()


def _fields_with_errors(page) -> list[tuple[str, str]]:
    """(selector, error text) for each field in an error state, the control being the
    fieldset for a group of options and the input itself otherwise."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.govuk-form-group--error')).map((g, i) => {
            const control = g.querySelector('fieldset') ||
                g.querySelector('input:not([type=hidden]), textarea, select');
            control.setAttribute('data-described-check', i);
            const error = g.querySelector('.govuk-error-message');
            const text = error.textContent.replace(/\\s+/g, ' ').trim();
            return [`[data-described-check="${i}"]`, text];
        })"""
    )


def _accessible_description(page, selector: str) -> str:
    """The description a screen reader announces, read from Chromium's accessibility tree."""
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    tree = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})
    cdp.detach()
    description = tree["nodes"][0].get("description", {}).get("value", "")
    return " ".join(description.split())


def _assert_every_error_describes_its_field(page, at_least: int) -> None:
    fields = _fields_with_errors(page)
    assert len(fields) >= at_least, fields
    for selector, error in fields:
        assert error in _accessible_description(page, selector), (selector, error)


def test_a_screen_reader_hears_each_error_with_its_field(page, site, make_user):
    page.goto("/accounts/signup/")
    page.get_by_role("button", name="Create an account").click()
    _assert_every_error_describes_its_field(page, at_least=3)
    expect(page).to_have_title(re.compile(r"^Error: "))

    page.goto(site["boxing"].get_absolute_url())
    page.get_by_role("link", name="Report a problem with this listing").click()
    page.get_by_role("button", name=re.compile("Send|Report")).click()
    _assert_every_error_describes_its_field(page, at_least=1)

    user = make_user(username="coach", email="coach@example.org")
    site["boxing"].organisation.add_editor(user, by=None)
    _sign_in(page, "coach@example.org")
    page.goto(f"/services/provider/organisations/{site['boxing'].organisation.slug}/add-service/")
    page.get_by_label("Name of the service").fill("")
    page.get_by_role("button", name="Send for review").click()
    _assert_every_error_describes_its_field(page, at_least=4)  # name, description, types, areas
    name = page.get_by_label("Name of the service")
    assert "Enter the service's name" in _accessible_description(page, "#id_name")
    expect(name).to_have_attribute("aria-invalid", "true")


def test_the_safeguarding_hint_is_announced_with_its_checkbox(page, site, make_user):
    user = make_user(username="amira", email="amira@example.org")
    AmbassadorFactory(user=user, display_name="Amira K")
    _sign_in(page, "amira@example.org")
    page.goto("/ambassadors/portal/outreach/new/")
    checkbox = page.get_by_label("I have a safeguarding concern about this activity")
    checkbox_id = checkbox.get_attribute("id")
    assert "call 999" in _accessible_description(page, f"#{checkbox_id}")
    # The long list of services is a list of checkboxes with a filter box.
    page.get_by_label("Find a service by name").fill("boxing")
    expect(page.get_by_label("Clifton Boxing for Girls")).to_be_visible()
    expect(page.get_by_label("Meadows Mentoring Project")).to_be_hidden()
    expect(page.get_by_role("status").filter(has_text="shown")).to_have_text("1 of 2 shown")


def _tab_stops(page, limit: int = 200) -> list[str]:
    """Tab through the page and say where focus went, stopping when it comes round again."""
    page.locator("body").focus()
    stops: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        where = page.evaluate(
            """() => { const el = document.activeElement;
                if (!el || el === document.body) return '';
                const inMap = el.closest('.directory-map') ? 'MAP ' : '';
                return inMap + el.tagName + '#' + (el.id || '') + ' ' +
                    (el.getAttribute('aria-label') || el.textContent.trim().slice(0, 30)); }"""
        )
        if not where or (stops and where == stops[0]):
            break
        stops.append(where)
    return stops


def test_the_map_adds_no_tab_stop_and_says_what_it_shows(page, site):
    page.goto("/services/?q=&location=&category=")
    expect(page.locator("#results-map .leaflet-interactive").first).to_be_attached()
    expect(page.locator("#results-map-caption")).to_contain_text("The map shows where")
    # Leaflet's tooltips make each marker's SVG path a tab stop unless the map script stops it.
    stops = _tab_stops(page)
    assert stops and not [stop for stop in stops if stop.startswith("MAP")], stops

    page.goto(site["boxing"].get_absolute_url())
    expect(page.locator("#service-map .leaflet-interactive").first).to_be_attached()
    expect(page.locator("#service-map-caption")).to_contain_text("Clifton Boxing for Girls")
    assert not [stop for stop in _tab_stops(page) if stop.startswith("MAP")]


PUBLIC_PAGES = [
    "/",
    "/services/",
    "/services/?q=boxing",
    "/services/?q=mentoring&age=abc",  # a search with a mistake in it
    "/services/provider/",
    "/services/gaps/",
    "/search/?q=boxing",
    "/search/",
    "/publications/",
    "/have-your-say/",
    "/ambassadors/",
    "/accessibility/",
    "/privacy/",
    "/no-such-page/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
]

# (page, button to press with the form left empty): the same pages in their error states.
EMPTY_SUBMITS = [
    ("/accounts/login/", "Sign in"),
    ("/accounts/signup/", "Create an account"),
    ("/accounts/password/reset/", "Send me a link"),
]


@pytest.mark.parametrize("width", [320, 1280])
def test_axe_finds_nothing_on_any_public_page_or_error_state(browser, live_server, site, width):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 800}, is_mobile=width < 400
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    found = {}

    def check(label: str) -> None:
        if violations := axe_violations(page):
            found[label] = violations
        overflow = page.evaluate("document.documentElement.scrollWidth")
        if overflow > width:
            found[label] = f"{overflow}px wide"

    for path in [*PUBLIC_PAGES, site["boxing"].get_absolute_url()]:
        page.goto(path)
        check(path)
    for path, button in EMPTY_SUBMITS:
        page.goto(path)
        page.get_by_role("button", name=button).first.click()
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        check(f"{path} with errors")
    page.goto(site["boxing"].get_absolute_url() + "report/")
    page.locator("main form button").first.click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check("report a problem with errors")
    context.close()
    assert found == {}, found
