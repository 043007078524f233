"""Playwright fixtures: Debian's Chromium, never a downloaded browser."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def _carry_serialized_contents(start):
    """Start something that runs an event loop, keeping Django's test-database snapshot.

    Django's connections are stored per asyncio context. Once Playwright's loop runs, this
    thread sees fresh connection objects without the snapshot that `serialized_rollback`
    restores after each transactional test, so the data from migrations would vanish.
    """
    from django.db import connections

    snapshots = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    started = start()
    for alias, contents in snapshots.items():
        connections[alias]._test_serialized_contents = contents
    return started


@pytest.fixture(scope="session")
def browser(django_db_setup):
    if not shutil.which(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM must still work.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    manager = sync_playwright()
    playwright = _carry_serialized_contents(manager.__enter__)
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()
    manager.__exit__(None, None, None)
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    """A 320px-wide viewport: the narrowest phone the site promises to work on."""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 320, "height": 640}, is_mobile=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page) -> list[dict]:
    """Run axe-core (from npm, injected into the page) against WCAG 2.2 AA."""
    # From our own origin (cms/settings/test.py): the Content-Security-Policy refuses the
    # inline script that `add_script_tag(path=...)` would make.
    # A page still being replaced by the next one has no <head> to add the script to.
    page.wait_for_load_state("load")
    page.add_script_tag(url=f"/static/axe/{AXE_JS.name}")
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
    ]


@pytest.fixture
def assert_accessible():
    def check(page):
        violations = axe_violations(page)
        assert violations == [], f"axe found violations on {page.url}: {violations}"

    return check


def sign_in(page, email: str) -> None:
    """Sign in through the site's own form with the test users' password."""
    from playwright.sync_api import expect

    from tests.factories import PASSWORD

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
