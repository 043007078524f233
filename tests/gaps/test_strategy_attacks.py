"""An attacker's reading of the public strategy tracker and the gaps' evidence: nothing from
a consultation page that staff have made private (a Wagtail view restriction), no draft
update, and outreach only as suppressed totals."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from assets_directory.gaps.models import ActionConsultation, ProgressUpdate, StrategyAction
from tests.consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory
from tests.gaps.factories import GapFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_consultation(home_page):
    """A closed consultation with a published outcome, restricted to a password."""
    now = timezone.now()
    page = ConsultationPageFactory(
        parent=ConsultationIndexPageFactory(parent=home_page),
        title="Private review of one family's case",
        opens_at=now - timedelta(days=90),
        closes_at=now - timedelta(days=30),
        we_asked="<p>Asked.</p>",
        you_said="<p>Said.</p>",
        we_did="<p>Restricted outcome text.</p>",
        outcome_published=True,
    )
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    return page


def test_a_private_consultation_is_not_shown_on_the_tracker_or_the_gaps_page(
    client, private_consultation
):
    action = StrategyAction.objects.get(reference="T3-6")
    ActionConsultation.objects.create(action=action, consultation=private_consultation)
    gap = GapFactory(title="Support gap", areas=["bassetlaw"], action=action)
    gap.consultations.set([private_consultation])
    assert client.get(private_consultation.url).status_code == 200  # the password form only
    assert "Restricted outcome text" not in client.get(private_consultation.url).content.decode()

    for url in ("/strategy/T3-6/", "/services/gaps/"):
        html = client.get(url).content.decode()
        assert "Private review of one family" not in html, url
        assert "Restricted outcome text" not in html, url


def test_draft_updates_stay_off_the_tracker(client):
    action = StrategyAction.objects.get(reference="T3-6")
    ProgressUpdate.objects.create(
        action=action, date=timezone.localdate(), text="Named worker off sick.", published=False
    )
    assert "Named worker off sick" not in client.get("/strategy/T3-6/").content.decode()
