"""Panel-only consultations are hidden from, and cannot be answered by, the public."""

import pytest

from consultations.models import Audience, ConsultationResponse
from consultations.respondents import account_token
from tests.consultations.factories import VALID_POST

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel_consultation(make_consultation):
    return make_consultation(title="Night-time economy (panel)", audience=Audience.PANEL)


def test_public_visitors_are_sent_to_sign_in(client, panel_consultation):
    for url in (panel_consultation.url, panel_consultation.respond_url):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.post(panel_consultation.respond_url, VALID_POST)
    assert not ConsultationResponse.objects.exists()


def test_signed_in_public_users_cannot_see_or_answer(client, panel_consultation, make_user):
    client.force_login(make_user())
    page = client.get(panel_consultation.url)
    assert page.status_code == 403
    assert "for panel members only" in page.content.decode()
    assert "Night-time economy" not in page.content.decode()
    answer = client.post(panel_consultation.respond_url, VALID_POST)
    assert answer.status_code == 403
    review = client.post(panel_consultation.subpage_url("review"))
    assert review.status_code == 403
    assert not ConsultationResponse.objects.exists()


def test_the_list_hides_panel_consultations_from_the_public(
    client, panel_consultation, make_consultation, make_user
):
    make_consultation(title="Youth provision survey")
    public_list = client.get("/have-your-say/").content.decode()
    assert "Youth provision survey" in public_list
    assert "Night-time economy" not in public_list

    client.force_login(make_user(roles=["Panel member"]))
    member_list = client.get("/have-your-say/").content.decode()
    assert "Night-time economy" in member_list and "Panel members only" in member_list


def test_panel_members_can_answer(client, panel_consultation, make_user):
    member = make_user(roles=["Panel member"])
    client.force_login(member)
    assert client.get(panel_consultation.url).status_code == 200
    client.post(panel_consultation.respond_url, VALID_POST)
    client.post(panel_consultation.subpage_url("review"))
    token = ConsultationResponse.objects.get().respondent_token
    assert token == account_token(member.pk, panel_consultation.pk)


def test_closed_consultations_move_to_the_closed_list_with_their_outcome(client, make_consultation):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    closed = make_consultation(
        title="Knife crime in schools",
        opens_at=now - timedelta(days=60),
        closes_at=now - timedelta(days=30),
        we_asked="<p>How to talk about knives.</p>",
        you_said="<p>Start earlier, in year 6.</p>",
        we_did="<p>Funded workshops in primary schools.</p>",
        outcome_published=True,
    )
    listing = client.get("/have-your-say/").content.decode()
    closed_section = listing[listing.index("Closed consultations") :]
    assert "Knife crime in schools" in closed_section and "Outcome published" in closed_section
    page = client.get(closed.url).content.decode()
    assert "We asked, you said, we did" in page and "Funded workshops" in page
    assert "Start now" not in page


def test_site_search_never_shows_panel_only_consultations(client, make_consultation):
    make_consultation(title="Zebra crossings survey")
    panel = make_consultation(title="Zebra nightlife review", audience=Audience.PANEL)
    turned = make_consultation(title="Zebra lighting review")
    turned.audience = Audience.PANEL
    turned.save()

    results = client.get("/search/", {"q": "Zebra"}).content.decode()
    assert "Zebra crossings survey" in results
    assert panel.title not in results and turned.title not in results


@pytest.mark.parametrize("who", ["VRU staff", "superuser"])
def test_the_staff_who_run_the_panel_see_its_consultations(
    client, panel_consultation, mfa_user, who
):
    user, _ = mfa_user(is_superuser=True) if who == "superuser" else mfa_user(roles=[who])
    client.force_login(user)
    assert client.get(panel_consultation.url).status_code == 200
    assert "Night-time economy" in client.get("/have-your-say/").content.decode()


def test_ambassador_coordinators_do_not_see_panel_business(client, panel_consultation, mfa_user):
    coordinator, _ = mfa_user(roles=["Ambassador coordinator"])
    client.force_login(coordinator)
    assert client.get(panel_consultation.url).status_code == 403
