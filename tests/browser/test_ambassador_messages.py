"""An ambassador reads a coordinator's message in the portal: the unread count on the portal
home, the messages page and the message itself, with axe at zero at 320px and 1280px."""

import pytest
from playwright.sync_api import expect

from ambassadors.models import AreaCovered, CoordinatorMessage, MessageReceipt
from tests.ambassadors.factories import AmbassadorFactory, OutreachLogFactory
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def kieran(db):
    user = UserFactory(username="kieran", email="kieran@example.org")
    ambassador = AmbassadorFactory(user=user, display_name="Kieran O", kind="youth")
    AreaCovered.objects.create(ambassador=ambassador, area="mansfield", ward="Oak Tree")
    OutreachLogFactory(ambassador=ambassador)
    for subject in ("Safeguarding refresher dates", "Half-term activities in Mansfield"):
        message = CoordinatorMessage.objects.create(
            subject=subject,
            body="The Oak Tree youth club is open every weekday.\n\nTell the young people.",
            kind="youth",
            area="mansfield",
        )
        MessageReceipt.objects.create(message=message, ambassador=ambassador)
    return ambassador


@pytest.mark.parametrize("width", [320, 1280])
def test_an_ambassador_reads_a_message_in_the_portal(
    browser, live_server, home_page, kieran, assert_accessible, width
):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 800}, is_mobile=width < 400
    )
    page = context.new_page()
    page.set_default_timeout(10_000)

    def fits_and_passes_axe() -> None:
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert_accessible(page)

    page.goto("/accounts/login/?next=/ambassadors/portal/")
    page.get_by_label("Email address", exact=True).fill("kieran@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Kieran O")
    expect(page.locator("#unread-messages")).to_contain_text("You have 2 unread messages")
    fits_and_passes_axe()

    page.get_by_role("navigation", name="Ambassador portal").get_by_role(
        "link", name="Messages"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Messages")
    expect(page.get_by_text("Unread")).to_have_count(2)
    fits_and_passes_axe()

    page.get_by_role("link", name="Half-term activities in Mansfield").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Half-term activities in Mansfield")
    expect(page.get_by_text("Tell the young people.")).to_be_visible()
    fits_and_passes_axe()

    page.get_by_role("link", name="All messages").click()
    expect(page.get_by_text("Unread")).to_have_count(1)
    page.goto("/ambassadors/portal/")
    expect(page.locator("#unread-messages")).to_contain_text("You have 1 unread message ")
    assert MessageReceipt.objects.filter(read_at__isnull=False).count() == 1
    context.close()
