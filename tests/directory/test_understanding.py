"""The search page understands residents' own words (through HTTP, on the real database)."""

import pytest

from tests.directory.factories import publish_service
from tests.directory.test_search import result_names

pytestmark = pytest.mark.django_db


@pytest.fixture
def listings(home_page):
    publish_service(
        name="Young people's counselling",
        description="Free, confidential counselling for anxiety, low mood and stress.",
        categories=["counselling"],
    )
    publish_service(
        name="Domestic abuse outreach",
        description="Safety planning and support for anyone living with domestic abuse.",
        categories=["domestic-abuse"],
    )
    publish_service(
        name="Rape and sexual abuse support",
        description="Confidential support after rape or sexual abuse, at any time in life.",
        categories=["sexual-violence"],
    )
    publish_service(
        name="Community pantry",
        description="Groceries for a small weekly membership, and a chat.",
        categories=["food-banks"],
    )
    publish_service(
        name="Arnold mentoring",
        description="A trained volunteer meets a young person every week.",
        categories=["mentoring"],
        point=(53.005, -1.127),
    )


def find(client, **params) -> list[str]:
    response = client.get("/services/", params)
    assert response.status_code == 200, response.content.decode()
    return result_names(response)


def test_residents_words_find_listings_words(client, listings):
    assert find(client, q="talking therapy") == ["Young people's counselling"]
    assert find(client, q="DV") == ["Domestic abuse outreach"]
    assert find(client, q="feeling anxious") == ["Young people's counselling"]


def test_stop_phrases_say_who_asks_not_what_for(client, listings):
    assert find(client, q="help with counselling for my daughter") == ["Young people's counselling"]
    assert find(client, q="somewhere for my son near me to get a mentor") == ["Arnold mentoring"]


def test_a_query_naming_a_category_finds_its_listings(client, listings):
    # Neither the name nor the description says "food bank": its category does.
    assert find(client, q="food bank") == ["Community pantry"]


def test_when_no_listing_has_every_word_the_best_partial_matches_show(client, listings):
    assert find(client, q="mentoring in bulwell") == ["Arnold mentoring"]


def test_a_query_naming_one_kind_of_abuse_ranks_its_services_first(client, listings):
    assert find(client, q="sexual abuse")[0] == "Rape and sexual abuse support"
    assert find(client, q="domestic abuse")[0] == "Domestic abuse outreach"


def test_relevance_and_distance_are_blended(client, listings, postcodes):
    publish_service(
        name="Arnold youth mentoring scheme",
        description="Mentoring for young people.",
        categories=["mentoring"],
        point=(53.13, -1.2),  # Mansfield: a better match (in its name) but 20 km off
    )
    found = find(client, q="mentoring", location="NG5 6LU", distance="25")  # Arnold
    assert found == ["Arnold mentoring", "Arnold youth mentoring scheme"]


def test_did_you_mean_respells_from_the_listings_own_words(client, listings):
    response = client.get("/services/", {"q": "councelling", "free": "on"})
    html = response.content.decode()
    assert 'id="did-you-mean"' in html
    assert "Did you mean" in html and ">counselling</a>?" in html
    assert "q=counselling" in html and "free=on" in html
    correct = client.get("/services/", {"q": "counselling"}).content.decode()
    assert 'id="did-you-mean"' not in correct
