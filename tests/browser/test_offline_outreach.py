"""An ambassador with no signal logs outreach on their phone; it arrives once when back online."""

import re

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from playwright.sync_api import expect

from ambassadors.models import AreaCovered, OutreachLog
from tests.ambassadors.factories import AmbassadorFactory, TopicFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FORM = "/ambassadors/portal/outreach/new/"
QUEUE = "ambassadors-outreach-queue"
SAVED = "Saved on this phone: it will be sent when you are back online."


def signed_in(page, live_server):
    """Sign the browser in as a new ambassador covering Mansfield (Django's full sign-in)."""
    ambassador = AmbassadorFactory(display_name="Amira K")
    AreaCovered.objects.create(ambassador=ambassador, area="mansfield", ward="Oak Tree")
    TopicFactory(name="Knife crime")
    client = Client()
    client.force_login(ambassador.user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return ambassador


def ready_offline(page) -> None:
    """Open the form and wait until the service worker controls it and has the form cached."""
    page.goto(FORM)
    controlled = "(url) => !!navigator.serviceWorker.controller && caches.match(url).then(Boolean)"
    for _ in range(50):
        if page.evaluate(controlled, FORM):
            return
        page.wait_for_timeout(200)
    pytest.fail("The service worker did not keep the form.")


def fill_in(page, notes: str = "Young people said the park feels unsafe after dark.") -> None:
    page.get_by_label("How long, in minutes", exact=True).fill("45")
    page.get_by_label("Youth club", exact=True).check()
    page.get_by_label("Activity type", exact=True).select_option(label="Talk or workshop")
    page.get_by_label("People reached aged 11 to 15", exact=True).fill("12")
    page.get_by_label("Knife crime", exact=True).check()
    page.get_by_label("What you heard (community intelligence) (optional)", exact=True).fill(notes)


def test_outreach_logged_with_no_signal_arrives_once_back_online(phone_page, live_server):
    page = phone_page
    ambassador = signed_in(page, live_server)
    ready_offline(page)

    page.context.set_offline(True)
    fill_in(page)
    page.get_by_role("button", name="Save activity").click()

    expect(page.get_by_role("status")).to_have_text(SAVED)
    expect(page.get_by_text("Waiting to send: 1")).to_be_visible()
    assert not OutreachLog.objects.exists()

    # Still no signal: the form comes from the phone (from the server it would be the sign-in
    # page, without the session), and the log is still waiting.
    session = Session.objects.values().get()
    Session.objects.all().delete()
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log an outreach activity")
    expect(page.get_by_text("Waiting to send: 1")).to_be_visible()
    expect(page.get_by_text("Talk or workshop, Mansfield")).to_be_visible()
    Session.objects.create(**session)

    page.context.set_offline(False)

    expect(page.get_by_role("status")).to_have_text("Sent: 1 activity saved on this phone.")
    expect(page.get_by_text("Waiting to send")).to_be_hidden()
    log = OutreachLog.objects.get()
    assert log.ambassador == ambassador and log.area == "mansfield"
    assert log.reached_11_to_15 == 12 and [t.name for t in log.topics.all()] == ["Knife crime"]
    assert page.evaluate("(key) => localStorage.getItem(key)", QUEUE) == "[]"

    page.reload()  # opening the portal again sends nothing twice
    expect(page.get_by_role("heading", level=1)).to_have_text("Log an outreach activity")
    assert OutreachLog.objects.count() == 1


def test_a_kept_log_with_a_problem_waits_for_the_ambassador_to_correct_it(
    page, live_server, assert_accessible
):
    signed_in(page, live_server)
    ready_offline(page)

    page.context.set_offline(True)
    fill_in(page, notes="Jordan Smith said the park feels unsafe, ring him on 07700 900123")
    page.get_by_role("button", name="Save activity").click()
    expect(page.get_by_role("status")).to_have_text(SAVED)
    page.context.set_offline(False)

    expect(page.get_by_text("Needs attention: 1")).to_be_visible()
    expect(page.get_by_text("Your notes seem to contain a phone number")).to_be_visible()
    assert not OutreachLog.objects.exists()
    assert_accessible(page)

    page.get_by_role("link", name="Correct it and send it again").click()
    notes = page.get_by_label("What you heard (community intelligence) (optional)", exact=True)
    expect(notes).to_have_value("Jordan Smith said the park feels unsafe, ring him on 07700 900123")
    notes.fill("Young people said the park feels unsafe after dark.")
    page.get_by_role("button", name="Save activity").click()

    expect(page.get_by_text("Logged: Talk or workshop in Mansfield")).to_be_visible()
    assert OutreachLog.objects.get().what_we_heard.startswith("Young people")
    assert page.evaluate("(key) => localStorage.getItem(key)", QUEUE) == "[]"


def test_a_kept_log_that_needs_attention_can_be_deleted_from_the_phone(page, live_server):
    signed_in(page, live_server)
    ready_offline(page)
    page.context.set_offline(True)
    fill_in(page, notes="Ring Jordan on 07700 900123")
    page.get_by_role("button", name="Save activity").click()
    page.context.set_offline(False)
    expect(page.get_by_text("Needs attention: 1")).to_be_visible()

    page.get_by_role("button", name="Delete it from this phone").click()

    expect(page.get_by_role("status")).to_contain_text("Deleted from this phone")
    expect(page.get_by_text("Needs attention")).to_be_hidden()
    assert page.evaluate("(key) => localStorage.getItem(key)", QUEUE) == "[]"
    assert not OutreachLog.objects.exists()


@pytest.mark.parametrize("viewport", ["phone_page", "page"])
def test_the_log_form_with_logs_waiting_passes_axe(
    viewport, request, live_server, assert_accessible
):
    page = request.getfixturevalue(viewport)
    signed_in(page, live_server)
    ready_offline(page)
    # The connection drops as the log is sent; the page stays online so axe can load.
    page.route("**/portal/outreach/send/", lambda route: route.abort("internetdisconnected"))
    fill_in(page)
    page.get_by_role("button", name="Save activity").click()

    expect(page.get_by_role("status")).to_have_text(SAVED)
    expect(page.get_by_text("Waiting to send: 1")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert_accessible(page)
    assert not OutreachLog.objects.exists()


def test_signing_out_takes_the_kept_form_off_a_shared_phone(phone_page, live_server):
    page = phone_page
    signed_in(page, live_server)
    ready_offline(page)

    page.get_by_role("link", name="Sign out").click()
    page.get_by_role("button", name=re.compile("sign out", re.IGNORECASE)).click()
    page.goto("/accounts/login/")  # any page of the site, as the next person on the phone
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")

    kept = "() => caches.keys().then((names) => names.filter((n) => n.includes('portal')))"
    for _ in range(25):
        if page.evaluate(kept) == []:
            break
        page.wait_for_timeout(200)
    assert page.evaluate(kept) == []
