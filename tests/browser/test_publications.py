"""A reader opens the easy-read page on a phone and on a desktop: pictures beside ideas (or
stacked on the phone), hard words explained on focus and hover, "Listen", and no axe
violations. Screenshots go to test-results/ (git-ignored)."""

import mimetypes
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from cms.publications.models import EasyReadPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

RESULTS = Path(__file__).resolve().parents[2] / "test-results"


@pytest.fixture
def easy_read_url(django_capture_on_commit_callbacks):
    """The demo's easy-read page, with its drawn pictures and its PDF."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
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


@pytest.mark.parametrize("width", [375, 1280])
def test_easy_read_page_layout_and_accessibility(
    open_page, easy_read_url, assert_accessible, width
):
    page = open_page(width, is_mobile=width < 400)
    page.goto(easy_read_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Easy read")
    image = page.locator(".hub-easy-read__row img").first
    expect(image).to_have_attribute("alt", "A house.")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0"), "the picture loads"

    picture, text = _boxes(page)
    if width < 400:
        assert picture["y"] + picture["height"] <= text["y"], "picture above text on a phone"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    else:
        assert picture["x"] + picture["width"] <= text["x"], "picture left of text"
        assert abs((picture["y"] + picture["height"] / 2) - (text["y"] + text["height"] / 2)) < 80
    font_size = page.locator(".hub-easy-read__text").first.evaluate(
        "el => parseFloat(getComputedStyle(el).fontSize)"
    )
    assert font_size >= 24, "easy read uses large text"

    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=RESULTS / f"easy-read-{width}.png", full_page=True)
    assert_accessible(page)


def test_hard_word_explained_on_focus_and_hover_and_dismissed_with_escape(
    open_page, easy_read_url, assert_accessible
):
    page = open_page(1280)
    page.goto(easy_read_url)
    word = page.locator(".hub-easy-read__row").first.get_by_role("button", name="violence")
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
    assert rows.count() == 10
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
