"""The searchable list of "We asked, you said, we did" outcomes at /have-your-say/outcomes/."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consultations.models import Audience

pytestmark = pytest.mark.django_db

OUTCOMES = "/have-your-say/outcomes/"


@pytest.fixture
def make_outcome(make_consultation):
    """A closed consultation with its outcome published, closed `days_ago` days ago."""

    def make(title, days_ago=10, **kwargs):
        now = timezone.now()
        fields = {
            "opens_at": now - timedelta(days=days_ago + 30),
            "closes_at": now - timedelta(days=days_ago),
            "we_asked": "<p>We asked about youth clubs.</p>",
            "you_said": "<p>You said open later.</p>",
            "we_did": "<p>We funded evening sessions.</p>",
            "outcome_published": True,
            **kwargs,
        }
        return make_consultation(title=title, **fields)

    return make


def _titles(response):
    return [page.title for page in response.context["page_obj"]]


def test_lists_published_outcomes_newest_first_and_is_linked_from_have_your_say(
    client, make_outcome, make_consultation
):
    make_outcome("Older outcome", days_ago=60)
    make_outcome("Newer outcome", days_ago=5)
    make_outcome("Not published yet", outcome_published=False)
    make_consultation(title="Still open", outcome_published=False)

    assert 'href="/have-your-say/outcomes/"' in client.get("/have-your-say/").content.decode()
    response = client.get(OUTCOMES)
    assert response.status_code == 200
    assert _titles(response) == ["Newer outcome", "Older outcome"]
    assert "We funded evening sessions." in response.content.decode()


def test_search_finds_outcomes_by_words_in_any_part(client, make_outcome):
    make_outcome("Street lighting", we_did="<p>We mended lamps in Bulwell.</p>")
    make_outcome("Knife crime in schools", introduction="Workshops for pupils.")
    make_outcome("Youth clubs", easy_read_outcome="We keep clubs open on Fridays.")

    assert _titles(client.get(OUTCOMES, {"q": "bulwell"})) == ["Street lighting"]
    assert _titles(client.get(OUTCOMES, {"q": "pupils knife"})) == ["Knife crime in schools"]
    assert _titles(client.get(OUTCOMES, {"q": "Fridays"})) == ["Youth clubs"]
    none = client.get(OUTCOMES, {"q": "bulwell pupils"})
    assert _titles(none) == [] and "No outcomes matched" in none.content.decode()


def test_filter_by_area_includes_outcomes_about_every_area(client, make_outcome):
    make_outcome("Ashfield only", areas=["ashfield"], days_ago=1)
    make_outcome("Gedling and Mansfield", areas=["gedling", "mansfield"], days_ago=2)
    make_outcome("Everywhere", areas=[], days_ago=3)

    assert _titles(client.get(OUTCOMES, {"area": "gedling"})) == [
        "Gedling and Mansfield",
        "Everywhere",
    ]
    bad = client.get(OUTCOMES, {"area": "leicester"})
    assert "Choose one of the areas given." in bad.content.decode()
    assert len(_titles(bad)) == 3  # bad input filters nothing


def test_panel_only_outcomes_are_hidden_from_the_public(client, make_outcome, make_user):
    make_outcome("For everyone", days_ago=1)
    make_outcome("Panel business", audience=Audience.PANEL, allow_anonymous=False, days_ago=2)

    assert _titles(client.get(OUTCOMES)) == ["For everyone"]
    assert _titles(client.get(OUTCOMES, {"q": "panel"})) == []
    client.force_login(make_user())
    assert _titles(client.get(OUTCOMES)) == ["For everyone"]

    client.force_login(make_user(roles=["Panel member"]))
    assert _titles(client.get(OUTCOMES)) == ["For everyone", "Panel business"]


def test_outcomes_are_paged(client, make_outcome):
    for number in range(12):
        make_outcome(f"Outcome {number:02}", days_ago=number + 1)

    first = client.get(OUTCOMES)
    assert len(_titles(first)) == 10 and "Page 1 of 2" in first.content.decode()
    assert "(page 1 of 2)" in first.content.decode()  # in the title, for screen readers
    second = client.get(OUTCOMES, {"page": 2, "q": "outcome"})
    assert _titles(second) == ["Outcome 10", "Outcome 11"]
    assert 'href="?q=outcome&amp;page=1"' in second.content.decode()
