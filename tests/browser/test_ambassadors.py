"""An ambassador on a 375px phone signs in and logs outreach; axe finds nothing on the portal."""

import re

import pytest
from playwright.sync_api import expect

from ambassadors.models import OutreachLog
from tests.ambassadors.factories import AmbassadorFactory
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTH = 375


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": WIDTH, "height": 812}, is_mobile=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def arrived_at(assert_accessible):
    """Check the page has the heading, fits the phone without sideways scrolling, and passes axe."""

    def check(page, heading: str) -> None:
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
        assert_accessible(page)

    return check


def test_an_ambassador_logs_outreach_on_a_phone(phone, home_page, arrived_at, assert_accessible):
    user = UserFactory(username="amira", email="amira@example.org")
    ambassador = AmbassadorFactory(user=user, display_name="Amira K")

    phone.goto("/ambassadors/")
    phone.get_by_role("link", name="sign in", exact=True).click()
    phone.get_by_label("Email address", exact=True).fill("amira@example.org")
    phone.get_by_label("Password", exact=True).fill(PASSWORD)
    phone.get_by_role("button", name="Sign in").click()

    arrived_at(phone, "Hello, Amira K")

    phone.get_by_role("button", name="Log an outreach activity").click()
    arrived_at(phone, "Log an outreach activity")

    phone.get_by_label("How long, in minutes", exact=True).fill("45")
    phone.get_by_label("Area", exact=True).select_option(label="Mansfield")
    phone.get_by_label("Ward or neighbourhood (optional)", exact=True).fill("Oak Tree")
    phone.get_by_label("Youth club", exact=True).check()
    phone.get_by_label("Activity type", exact=True).select_option(label="Talk or workshop")
    phone.get_by_label("People reached aged 11 to 15", exact=True).fill("12")
    phone.get_by_label("People reached aged 16 to 17", exact=True).fill("4")
    phone.get_by_label("Knife crime", exact=True).check()
    notes = phone.get_by_label("What you heard (community intelligence) (optional)", exact=True)
    notes.fill("Jordan Smith said the bus station feels unsafe, ring him on 07700 900123")
    phone.get_by_role("button", name="Save activity").click()

    expect(phone.get_by_text("There is a problem")).to_be_visible()
    expect(phone.locator(".govuk-error-message").first).to_contain_text(
        "a phone number and a full name"
    )
    assert_accessible(phone)
    assert not OutreachLog.objects.exists()

    notes.fill("Young people said the bus station feels unsafe after dark.")
    phone.get_by_role("button", name="Save activity").click()

    expect(phone.get_by_text("Logged: Talk or workshop in Mansfield")).to_be_visible()
    expect(phone.locator("#total-people")).to_have_text("16")
    log = OutreachLog.objects.get()
    assert log.ambassador == ambassador and log.ward == "Oak Tree"

    for link, heading in [
        ("My outreach", "My outreach"),
        ("Resources", "Training and resources"),
        ("Claims", "Claims"),
    ]:
        phone.get_by_role("navigation", name="Ambassador portal").get_by_role(
            "link", name=link
        ).click()
        arrived_at(phone, heading)

    phone.get_by_role("button", name="Make a claim").click()
    arrived_at(phone, "Make a claim")


def test_an_ambassador_claims_with_a_receipt_and_reads_required_reading(
    phone, home_page, arrived_at, tmp_path, settings, client
):
    from django.core.files.base import ContentFile
    from PIL import Image
    from wagtail.documents import get_document_model

    from ambassadors.models import Claim, ReadingDone
    from ambassadors.resources import REQUIRED_READING_TAG, resources_collection

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    receipt = tmp_path / "bus-ticket.png"
    Image.new("RGB", (60, 90), "white").save(receipt)
    document = get_document_model()(title="Safeguarding basics", collection=resources_collection())
    document.file.save("safeguarding-basics.txt", ContentFile(b"Training text"))
    document.tags.add(REQUIRED_READING_TAG)
    ambassador = AmbassadorFactory(
        user=UserFactory(username="gary", email="gary@example.org"), display_name="Gary T"
    )

    phone.goto("/ambassadors/portal/claims/new/")
    phone.get_by_label("Email address", exact=True).fill("gary@example.org")
    phone.get_by_label("Password", exact=True).fill(PASSWORD)
    phone.get_by_role("button", name="Sign in").click()
    arrived_at(phone, "Make a claim")

    phone.get_by_label("Hours worked", exact=True).fill("12.5")
    phone.get_by_label("Expenses, in pounds", exact=True).fill("6.80")
    phone.get_by_label("What the expenses were for (optional)", exact=True).fill("Bus fares")
    phone.get_by_label("Receipt (photo or PDF) (optional)", exact=True).set_input_files(receipt)
    phone.get_by_role("button", name="Send claim").click()

    expect(phone.get_by_text("is sent for approval")).to_be_visible()
    arrived_at(phone, "Claims")
    claim = Claim.objects.get()
    assert claim.ambassador == ambassador and claim.receipt

    phone.get_by_role("navigation", name="Ambassador portal").get_by_role(
        "link", name="Resources"
    ).click()
    arrived_at(phone, "Training and resources")
    phone.get_by_role("button", name=re.compile(r"I have read this.*Safeguarding basics")).click()
    expect(phone.get_by_text("Marked as read: Safeguarding basics")).to_be_visible()
    assert ReadingDone.objects.filter(ambassador=ambassador, document=document).exists()


def test_every_portal_page_fits_a_320px_phone(phone_page, home_page, assert_accessible):
    from tests.ambassadors.factories import ClaimFactory, OutreachLogFactory

    ambassador = AmbassadorFactory(
        user=UserFactory(username="leah", email="leah@example.org"), display_name="Leah P"
    )
    OutreachLogFactory(ambassador=ambassador, area="newark-and-sherwood", ward="Ollerton")
    ClaimFactory(ambassador=ambassador, receipt=None, expenses=0, expenses_description="")

    phone_page.goto("/accounts/login/?next=/ambassadors/portal/")
    phone_page.get_by_label("Email address", exact=True).fill("leah@example.org")
    phone_page.get_by_label("Password", exact=True).fill(PASSWORD)
    phone_page.get_by_role("button", name="Sign in").click()
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Hello, Leah P")
    for path in ["", "outreach/", "outreach/new/", "resources/", "claims/", "claims/new/"]:
        phone_page.goto(f"/ambassadors/portal/{path}")
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= 320, path
        assert_accessible(phone_page)
