"""A reader opens the easy-read page on a phone and on a desktop: pictures to the left of the
ideas at every width, hard words explained on focus and hover without leaving the screen,
"Listen", and no axe violations; an editor's Checks panel finds the easy-read problems with
axe. Screenshots go to test-results/ (git-ignored)."""

import json
import mimetypes
import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from cms.core import demo as core_demo
from cms.core.roles import VRU_STAFF
from cms.publications import demo as publications_demo
from cms.publications.models import EasyReadPage
from tests.browser.conftest import AXE_JS
from tests.publications.factories import row

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

RESULTS = Path(__file__).resolve().parents[2] / "test-results"


@pytest.fixture
def easy_read_url(django_capture_on_commit_callbacks):
    """The demo's easy-read page, with its drawn pictures and its PDF.

    Only the demo's pages and publications are loaded: the whole demo (listings, ambassadors,
    consultations) took 25-30 s per test, none of which these pages show.
    """
    with django_capture_on_commit_callbacks(execute=True):
        core_demo.load()
        publications_demo.load()
    return EasyReadPage.objects.get().url


def _serve_media(route):
    """The site's web server serves uploaded media in production; here the test does."""
    path = Path(settings.MEDIA_ROOT) / route.request.url.split("/media/", 1)[1]
    if not path.is_file():
        route.fulfill(status=404)
        return
    route.fulfill(body=path.read_bytes(), content_type=mimetypes.guess_type(path.name)[0])


@pytest.fixture
def open_page(browser, live_server):
    contexts = []

    def open_at(width: int, height: int = 900, **options):
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": height}, **options
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.route("**/media/**", _serve_media)
        return page

    yield open_at
    for context in contexts:
        context.close()


def _boxes(page):
    row = page.locator(".hub-easy-read__row").first
    return row.locator("img").bounding_box(), row.locator(".hub-easy-read__text").bounding_box()


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_easy_read_page_layout_and_accessibility(
    open_page, easy_read_url, assert_accessible, width
):
    page = open_page(width, is_mobile=width < 400)
    page.goto(easy_read_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Easy read")
    image = page.locator(".hub-easy-read__content .hub-easy-read__row img").first
    expect(image).to_have_attribute("alt", "A house.")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0"), "the picture loads"

    rows = page.locator(".hub-easy-read__row")
    for index in range(rows.count()):
        picture = rows.nth(index).locator(".hub-easy-read__picture").bounding_box()
        text = rows.nth(index).locator(".hub-easy-read__text").first.bounding_box()
        assert picture["x"] + picture["width"] <= text["x"], f"row {index}: picture on the left"
        assert picture["width"] >= 80, "the picture stays big enough to see"
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "no sideways scroll"
    font_size = page.locator(".hub-easy-read__text").first.evaluate(
        "el => parseFloat(getComputedStyle(el).fontSize)"
    )
    assert font_size >= 24, "easy read uses large text"

    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=RESULTS / f"easy-read-{width}.png", full_page=True)
    assert_accessible(page)


@pytest.mark.parametrize("width", [320, 375])
def test_no_hard_word_explanation_leaves_the_screen_or_covers_its_word(
    open_page, easy_read_url, width
):
    page = open_page(width, is_mobile=True)
    page.goto(easy_read_url)
    terms = page.locator(".hub-hard-word__term")
    assert terms.count() >= 10
    for index in range(terms.count()):
        term = terms.nth(index)
        meaning = page.locator(f"#{term.get_attribute('aria-describedby')}")
        term.focus()
        expect(meaning).to_be_visible()
        box, word = meaning.bounding_box(), term.bounding_box()
        where = f"explanation of “{term.inner_text()}” ({index + 1})"
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{where} leaves the screen"
        assert box["y"] >= word["y"] + word["height"], f"{where} covers its word"
        page.keyboard.press("Escape")
        expect(meaning).to_be_hidden()


def test_hard_word_explained_on_focus_and_hover_and_dismissed_with_escape(
    open_page, easy_read_url, assert_accessible
):
    page = open_page(1280)
    page.goto(easy_read_url)
    word = page.locator(".hub-easy-read__content .hub-easy-read__row").first.get_by_role(
        "button", name="violence"
    )
    meaning = page.locator(f"#{word.get_attribute('aria-describedby')}")
    expect(meaning).to_be_hidden()
    expect(word).to_have_accessible_description(re.compile("hurts another person on purpose"))

    word.focus()
    expect(meaning).to_be_visible()
    expect(meaning).to_contain_text("When someone hurts another person on purpose.")
    assert_accessible(page)
    page.keyboard.press("Escape")
    expect(meaning).to_be_hidden()

    page.locator("h1").click()  # focus moves away
    page.mouse.move(0, 0)
    expect(meaning).to_be_hidden()
    word.hover()
    expect(meaning).to_be_visible()
    meaning.hover()  # the explanation stays while the pointer moves onto it
    expect(meaning).to_be_visible()
    page.keyboard.press("Escape")  # opened by the pointer, closed by the keyboard
    expect(meaning).to_be_hidden()
    page.mouse.move(0, 0)
    word.hover()
    expect(meaning).to_be_visible()
    page.mouse.move(0, 0)
    expect(meaning).to_be_hidden()


def test_listen_reads_the_ideas_aloud_without_the_explanations(open_page, easy_read_url):
    page = open_page(1280)
    # Record what is sent to the browser's speech synthesis; headless Chromium has no voice.
    page.add_init_script(
        "window.spoken = [];"
        "const speak = speechSynthesis.speak.bind(speechSynthesis);"
        "speechSynthesis.speak = (u) => { window.spoken.push(u.text); speak(u); };"
    )
    page.goto(easy_read_url)
    listen = page.get_by_role("button", name="Listen")
    expect(listen).to_be_visible()
    listen.click()

    spoken = page.evaluate("window.spoken")
    assert len(spoken) == 1
    assert "Where you live matters." in spoken[0] and "What we will do" in spoken[0]
    assert "on purpose" not in spoken[0], "hard-word explanations are not read in the flow"
    # With no voice installed the browser ends the speech at once and the button resets.
    expect(page.locator(".hub-listen")).to_have_attribute("aria-pressed", re.compile("true|false"))


def test_without_javascript_listen_is_hidden_and_the_pdf_is_linked(open_page, easy_read_url):
    page = open_page(1280, java_script_enabled=False)
    page.goto(easy_read_url)
    expect(page.locator(".hub-listen")).to_be_hidden()
    pdf_link = page.get_by_role("link", name="Download")
    expect(pdf_link).to_contain_text("(PDF,")
    response = page.request.get(pdf_link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"


def test_print_keeps_each_picture_with_its_text(open_page, easy_read_url):
    page = open_page(700)
    page.goto(easy_read_url)
    page.emulate_media(media="print")

    rows = page.locator(".hub-easy-read__row")
    assert rows.count() == 12  # who this is from, ten ideas, how to get in touch
    for index in range(rows.count()):
        assert rows.nth(index).evaluate("el => getComputedStyle(el).breakInside") == "avoid"
    picture, text = _boxes(page)
    assert picture["x"] + picture["width"] <= text["x"], "picture beside its text on paper"
    expect(page.locator(".hub-listen")).to_be_hidden()
    expect(page.locator(".hub-easy-read__row .hub-hard-word__meaning").first).to_be_visible()


def test_reader_goes_from_the_index_to_a_section_and_the_easy_read_version(
    open_page, easy_read_url, assert_accessible
):
    page = open_page(1280)
    page.goto("/")
    page.get_by_role("navigation", name="Main menu").get_by_role(
        "link", name="Publications"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Publications")
    assert_accessible(page)

    page.get_by_role("link", name="Strategic Needs Assessment: summary", exact=True).click()
    contents = page.get_by_role("navigation", name="Contents")
    contents.get_by_role("link", name="Men and boys").click()
    assert page.url.endswith("#men-and-boys")
    expect(page.locator("#men-and-boys")).to_be_in_viewport()
    expect(page.get_by_role("link", name="Download")).to_contain_text("(PDF,")
    assert_accessible(page)

    page.get_by_role("link", name="Read the easy read version").click()
    assert page.url.endswith(easy_read_url)


@pytest.mark.parametrize("width", [320, 1280])
def test_publication_pages_have_no_axe_violations(
    open_page, easy_read_url, assert_accessible, width
):
    page = open_page(width, is_mobile=width < 400)
    for url in ("/publications/", "/publications/strategic-needs-assessment/"):
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width, url
        assert_accessible(page)


# Wagtail's userbar supplies these two check functions in the editor; the test does the same.
WAGTAIL_CHECKS = """
  const wagtailChecks = {
    "check-image-alt-text": (node, options) =>
      !new RegExp(options.pattern, "i").test(node.getAttribute("alt") || ""),
    "check-empty-meta-description": () => true,
  };
  axe.configure({
    rules: config.spec.rules,
    checks: config.spec.checks.map(
      (c) => wagtailChecks[c.id] ? {...c, evaluate: wagtailChecks[c.id]} : c),
  });
  const results = await axe.run(config.context, config.options);
  // The text of each element found (axe's own copy of the markup is cut short).
  const text = (n) => document.querySelector(n.target[0]).textContent;
  return results.violations.map((v) => ({id: v.id, nodes: v.nodes.map(text)}));
"""


def test_the_editors_checks_find_easy_read_problems_beside_wcag_ones(
    open_page, easy_read_url, client, mfa_user
):
    """The preview an editor's Checks panel runs axe on, with the configuration Wagtail
    renders for it: the easy-read findings come out as axe violations."""
    easy = EasyReadPage.objects.get()
    easy.rows = [*easy.rows.raw_data, row("Our partners deliver services. We help the VRU.")]
    easy.save_revision()
    user, _secret = mfa_user(roles=[VRU_STAFF])
    client.force_login(user)
    preview = client.get(f"/admin/pages/{easy.pk}/view_draft/").content.decode()
    config = json.loads(
        re.search(r'id="checker-axe-configuration"[^>]*>(.*?)</script>', preview, re.S).group(1)
    )

    page = open_page(1280)
    page.goto(easy_read_url)
    page.set_content(re.sub(r"<script\b.*?</script>", "", preview, flags=re.S))
    page.add_script_tag(url=f"/static/axe/{AXE_JS.name}")  # our origin: the CSP allows it
    violations = page.evaluate(f"async (config) => {{ {WAGTAIL_CHECKS} }}", config)

    found = {violation["id"]: violation["nodes"] for violation in violations}
    assert set(found) == {"easy-read-hard-word", "easy-read-acronym", "easy-read-missing-picture"}
    # "deliver" is jargon; "partners" and "services" are in the glossary.
    assert all(" deliver " in node for node in found["easy-read-hard-word"])
    assert len(found["easy-read-hard-word"]) == 1, "the published ideas pass"
