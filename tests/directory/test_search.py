"""The resident's search, through real HTTP and whichever engine the database runs.

On PostgreSQL these exercise the full-text engine; on SQLite, the fallback. Both keep the
contract in search/engine.py.
"""

import html as html_lib
import re
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.directory.factories import publish_service

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def result_names(response) -> list[str]:
    html = response.content.decode()
    block = html.split('class="govuk-list directory-results"', 1)
    if len(block) < 2:
        return []
    names = re.findall(r'<h3[^>]*><a class="govuk-link" href="[^"]+">([^<]+)</a>', block[1])
    return [html_lib.unescape(name) for name in names]


def option_label(response, name: str, value: str) -> str:
    """The label of the filter's checkbox for this value (GOV.UK checkboxes markup)."""
    html = response.content.decode()
    found = re.search(
        rf'<input class="govuk-checkboxes__input" id="(id_{name}_\d+)" name="{name}" '
        rf'type="checkbox" value="{re.escape(value)}"[^>]*>'
        r'<label class="govuk-label govuk-checkboxes__label" for="([^"]+)">([^<]+)</label>',
        html,
    )
    assert found, f"no checkbox {name}={value}"
    assert found[1] == found[2]  # the label names its own box
    return html_lib.unescape(found[3])


def is_ticked(response, name: str, value: str) -> bool:
    html = response.content.decode()
    box = re.search(rf'<input [^>]*name="{name}" type="checkbox" value="{value}"[^>]*>', html)
    return box is not None and " checked" in box[0]


def test_exact_name_match_outranks_a_mention_in_the_description(client, home_page):
    publish_service(
        name="Community Support Hub",
        description="Help with bereavement, money and more for families.",
    )
    publish_service(name="Bereavement Support", description="Someone to talk to after a loss.")
    response = client.get("/services/", {"q": "bereavement support"})
    assert response.status_code == 200
    assert result_names(response) == ["Bereavement Support", "Community Support Hub"]


def test_keywords_are_stemmed_or_matched_in_part(client, home_page):
    publish_service(name="Young people's mentoring scheme", categories=["mentoring"])
    response = client.get("/services/", {"q": "mentor"})
    assert result_names(response) == ["Young people's mentoring scheme"]


def test_postcode_search_sorts_by_distance_and_shows_it(client, home_page, postcodes):
    # From NG1 5FS (Code-Point Open: 52.954906, -1.155276), by hand with the haversine formula:
    # near 1.023 km (0.64 mi), Beeston 5.133 km (3.19 mi), Arnold 5.883 km (3.66 mi),
    # Bingham 13.555 km (8.42 mi), Mansfield 21.210 km (13.18 mi).
    publish_service(name="Arnold", point=(53.005, -1.127))
    publish_service(name="Mansfield", point=(53.144, -1.197))
    publish_service(name="Near", point=(52.963, -1.148))
    publish_service(name="Beeston", point=(52.926, -1.215))
    publish_service(name="Bingham", point=(52.952, -0.953))
    publish_service(name="Online only", point=None)

    response = client.get("/services/", {"location": "ng1 5fs", "distance": "10"})
    assert response.status_code == 200
    assert result_names(response) == ["Near", "Beeston", "Arnold", "Bingham"]
    html = response.content.decode()
    for miles in ("0.6 miles away", "3.2 miles away", "3.7 miles away", "8.4 miles away"):
        assert miles in html
    assert "within 10 miles of NG1 5FS" in html

    wider = client.get("/services/", {"location": "NG1 5FS", "distance": "25"})
    assert result_names(wider) == ["Near", "Beeston", "Arnold", "Bingham", "Mansfield"]


def test_a_town_name_works_instead_of_a_postcode(client, home_page, postcodes):
    publish_service(name="Mansfield youth club", point=(53.144, -1.197))
    publish_service(name="City youth club", point=(52.954, -1.148))
    response = client.get("/services/", {"location": "Mansfield", "distance": "3"})
    assert result_names(response) == ["Mansfield youth club"]


@pytest.fixture
def varied(home_page):
    """Four listings that differ in every filterable way."""
    publish_service(
        name="Teen boxing club",
        categories=["sport-and-fitness"],
        areas=["mansfield"],
        minimum_age=11,
        maximum_age=18,
        is_free=True,
        wheelchair=True,
        languages=["en"],
        schedules=[(2, time(18), time(20))],
    )
    publish_service(
        name="Parenting course",
        categories=["parenting-courses"],
        areas=["nottingham-city"],
        minimum_age=18,
        is_free=False,
        fees_description="£5 a session",
        languages=["en", "pl"],
        schedules=[(1, time(9, 30), time(12))],
    )
    publish_service(
        name="Polish family support",
        categories=["early-help"],
        areas=["nottingham-city", "gedling"],
        is_free=True,
        languages=["pl"],
        schedules=[(1, time(13), time(16)), (3, time(13), time(16))],
    )
    publish_service(
        name="Grief counselling",
        categories=["bereavement-support"],
        areas=["gedling"],
        minimum_age=16,
        is_free=True,
        wheelchair=True,
        languages=["en"],
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"category": "parenting-and-family-support"},
            ["Parenting course", "Polish family support"],
        ),
        ({"category": "bereavement-support"}, ["Grief counselling"]),
        ({"area": "gedling"}, ["Grief counselling", "Polish family support"]),
        ({"age": "12"}, ["Polish family support", "Teen boxing club"]),
        ({"age": "40"}, ["Grief counselling", "Parenting course", "Polish family support"]),
        ({"free": "on"}, ["Grief counselling", "Polish family support", "Teen boxing club"]),
        ({"wheelchair": "on"}, ["Grief counselling", "Teen boxing club"]),
        ({"language": "pl"}, ["Parenting course", "Polish family support"]),
        ({"open": "1"}, ["Parenting course", "Polish family support"]),
        ({"open": "3", "language": "pl"}, ["Polish family support"]),
        ({"area": "rushcliffe"}, []),
    ],
)
def test_each_filter(client, varied, params, expected):
    response = client.get("/services/", params)
    assert response.status_code == 200
    assert result_names(response) == expected
    if not expected:
        assert "No services match your search" in response.content.decode()
        assert "removing some filters" in response.content.decode()


def test_filter_counts_show_what_each_choice_would_give(client, varied):
    response = client.get("/services/", {"area": "nottingham-city"})
    assert result_names(response) == ["Parenting course", "Polish family support"]
    # A facet's own choice is not applied to its counts: switching area would give these.
    assert option_label(response, "area", "gedling") == "Gedling (2)"
    assert option_label(response, "area", "mansfield") == "Mansfield (1)"
    assert option_label(response, "area", "rushcliffe") == "Rushcliffe (0)"
    # Other facets count within the current results (Nottingham City).
    assert option_label(response, "category", "parenting-and-family-support").endswith("(2)")
    assert option_label(response, "category", "early-help").endswith("(1)")
    assert option_label(response, "category", "mentoring").endswith("(0)")
    assert option_label(response, "language", "pl") == "Polish (2)"
    assert option_label(response, "language", "en") == "English (1)"
    html = response.content.decode()
    assert "Free only (1)" in html
    assert "Wheelchair accessible (0)" in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"area": ["mansfield", "gedling"]},
            ["Grief counselling", "Polish family support", "Teen boxing club"],
        ),
        ({"area": ["mansfield", "gedling"], "language": ["pl"]}, ["Polish family support"]),
        (
            {"category": ["sport-and-fitness", "bereavement-support"], "free": "on"},
            ["Grief counselling", "Teen boxing club"],
        ),
        ({"day": ["2", "3"]}, ["Polish family support", "Teen boxing club"]),
        ({"age_band": ["0-4"]}, ["Polish family support"]),
        (
            {"age_band": ["0-4", "26-64"]},
            ["Grief counselling", "Parenting course", "Polish family support"],
        ),
    ],
)
def test_several_values_of_a_filter_keep_any_of_them_and_filters_all_apply(
    client, varied, params, expected
):
    response = client.get("/services/", params)
    assert response.status_code == 200
    assert result_names(response) == expected
    for name, values in params.items():
        for value in values if isinstance(values, list) else ():
            assert is_ticked(response, name, value)


def test_an_old_link_with_blank_filters_means_any(client, varied):
    """The one-value filters sent `category=` for "any"; bookmarks and shared links do still."""
    old_link = client.get("/services/?q=&location=&category=&area=&language=")
    assert old_link.status_code == 200
    assert "There is a problem" not in old_link.content.decode()
    assert result_names(old_link) == result_names(client.get("/services/?q=&location="))
    assert len(result_names(old_link)) == 4
    mixed = client.get("/services/", {"category": ["", "mentoring"]})
    assert "There is a problem" not in mixed.content.decode()
    assert is_ticked(mixed, "category", "mentoring")


def test_age_group_and_day_have_counts_like_every_filter(client, varied):
    response = client.get("/services/", {"area": ["nottingham-city", "gedling"]})
    assert result_names(response) == [
        "Grief counselling",
        "Parenting course",
        "Polish family support",
    ]
    assert option_label(response, "area", "mansfield") == "Mansfield (1)"
    assert option_label(response, "area", "gedling") == "Gedling (2)"
    assert option_label(response, "age_band", "0-4") == "Under 5 (1)"
    assert option_label(response, "age_band", "12-17") == "12 to 17 (2)"
    assert option_label(response, "age_band", "65-") == "65 and over (3)"
    assert option_label(response, "day", "1") == "Monday (2)"
    assert option_label(response, "day", "2") == "Tuesday (0)"
    assert option_label(response, "day", "3") == "Wednesday (1)"
    # A ticked day counts the other days as alternatives, not within itself.
    monday = client.get("/services/", {"day": "1", "age_band": "0-4"})
    assert result_names(monday) == ["Polish family support"]
    assert option_label(monday, "day", "3") == "Wednesday (1)"
    assert option_label(monday, "age_band", "18-25") == "18 to 25 (2)"


@pytest.fixture
def accessible(home_page):
    publish_service(name="Deaf club", wheelchair=True, access=("hearing_loop", "bsl"))
    publish_service(name="Library group", access=("step_free", "hearing_loop"))
    publish_service(name="Upstairs group")


def test_access_needs_must_all_be_met_and_each_shows_what_ticking_it_leaves(client, accessible):
    loop = client.get("/services/", {"access": "hearing_loop"})
    assert result_names(loop) == ["Deaf club", "Library group"]
    assert option_label(loop, "access", "hearing_loop") == "Hearing loop (2)"
    assert option_label(loop, "access", "bsl") == "British Sign Language (BSL) (1)"
    assert option_label(loop, "access", "step_free") == "Step-free access (1)"
    assert option_label(loop, "access", "quiet_space") == "Quiet space (0)"
    both = client.get("/services/", {"access": ["hearing_loop", "bsl"]})
    assert result_names(both) == ["Deaf club"]
    assert is_ticked(both, "access", "bsl") and is_ticked(both, "access", "hearing_loop")
    # An old link's wheelchair=on is the wheelchair access need.
    assert result_names(client.get("/services/", {"wheelchair": "on"})) == ["Deaf club"]


def test_the_service_page_lists_the_access_needs_its_place_meets(client, accessible):
    from assets_directory.models import Service

    page = client.get(Service.objects.get(name="Deaf club").get_absolute_url())
    needs = page.content.decode().split('id="access-needs"', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r"<li>([^<]+)</li>", needs) == [
        "Wheelchair accessible",
        "Hearing loop",
        "British Sign Language (BSL)",
    ]


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # Monday 2 March 2026, 10:00 in Nottingham: only the morning parenting course.
        (datetime(2026, 3, 2, 10, 0, tzinfo=LONDON), ["Parenting course"]),
        # Monday 12:00 is closing time for the course: it is closed; family support not open yet.
        (datetime(2026, 3, 2, 12, 0, tzinfo=LONDON), []),
        # Tuesday 7 July 2026, 19:15 British Summer Time: the boxing club.
        (datetime(2026, 7, 7, 19, 15, tzinfo=LONDON), ["Teen boxing club"]),
    ],
)
def test_open_now_at_a_frozen_time(client, varied, moment, expected):
    with time_machine.travel(moment, tick=False):
        response = client.get("/services/", {"open": "now"})
    assert result_names(response) == expected


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"location": "ZZ9 9ZZ"}, "We could not find the postcode ZZ9 9ZZ or its area ZZ9"),
        ({"location": "NG1 5F"}, "Enter a real postcode, like NG1 5FS"),
        ({"location": "12345"}, "Enter a real postcode, like NG1 5FS"),
        ({"location": "Atlantis"}, "We could not find a place called"),
        ({"location": "NG1 5FS", "distance": "-5"}, "Distance must be more than 0"),
        ({"location": "NG1 5FS", "distance": "far"}, "Distance must be a number of miles"),
        ({"category": "no-such-category"}, "Choose a type of help from the list"),
        ({"area": "london"}, "Choose a area from the list"),
        ({"age": "-1"}, "Age must be 0 or more"),
        ({"open": "9"}, "Select a valid choice"),
    ],
)
def test_bad_input_gets_a_clear_message_not_an_error(client, home_page, postcodes, params, message):
    response = client.get("/services/", params)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html


def test_a_10kb_query_is_cut_with_a_message(client, home_page):
    publish_service(name="Food bank", description="Free food parcels.")
    response = client.get("/services/", {"q": "food " * 2048, "page": "not-a-number"})
    assert response.status_code == 200
    assert "used only its first 200 characters" in response.content.decode()
    assert result_names(response) == ["Food bank"]


def test_paging(client, home_page):
    for n in range(25):
        publish_service(name=f"Youth club {n:02d}", categories=["youth-clubs"])
    first = client.get("/services/", {"q": "youth club"})
    second = client.get("/services/", {"q": "youth club", "page": "2"})
    assert len(result_names(first)) == 20
    assert len(result_names(second)) == 5
    assert "Page 2 of 2" in second.content.decode()
    assert set(result_names(first)).isdisjoint(result_names(second))
    # The title says which page, as the site search's does.
    assert (
        "<title>Search results for \u2018youth club\u2019 (page 1 of 2)" in first.content.decode()
    )
    assert (
        "<title>Search results for \u2018youth club\u2019 (page 2 of 2)" in second.content.decode()
    )


def test_a_service_pages_back_link_returns_to_the_same_search(client, home_page):
    for n in range(25):
        publish_service(name=f"Youth club {n:02d}", categories=["youth-clubs"], is_free=True)
    search = {"q": "youth club", "category": ["youth-clubs"], "free": "on", "page": "2"}
    results = client.get("/services/", search).content.decode()
    link = re.search(r'<h3[^>]*><a class="govuk-link" href="([^"]+)">', results)[1]
    service_page = client.get(html_lib.unescape(link)).content.decode()
    back = re.search(r'<a href="([^"]+)" class="govuk-back-link">([^<]+)</a>', service_page)
    assert back[2] == "Back to your search results"
    again = client.get(html_lib.unescape(back[1]))
    assert result_names(again) == result_names(client.get("/services/", search))
    assert is_ticked(again, "category", "youth-clubs")
    assert 'value="youth club"' in again.content.decode()


def test_a_back_link_only_ever_leads_to_the_directory_search(client, home_page):
    service = publish_service(name="Food bank")
    page = client.get(service.get_absolute_url(), {"search": "next=https://example.com&q=food"})
    back = re.search(r'<a href="([^"]+)" class="govuk-back-link">', page.content.decode())[1]
    assert back == "/services/?q=food"
    plain = client.get(service.get_absolute_url()).content.decode()
    assert '<a href="/services/" class="govuk-back-link">Find services</a>' in plain


def test_drafts_archived_and_hidden_listings_are_not_found(client, home_page):
    from assets_directory.indexing import reindex
    from assets_directory.models import Service

    archived = publish_service(name="Archived club")
    hidden = publish_service(name="Hidden club")
    Service.objects.filter(pk=archived.pk).update(archived=True)
    Service.objects.filter(pk=hidden.pk).update(hidden_for_review=True)
    reindex([archived.pk, hidden.pk])
    publish_service(name="Open club")
    assert result_names(client.get("/services/", {"q": "club"})) == ["Open club"]
    assert client.get(archived.get_absolute_url()).status_code == 404


def _queries_for_search(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(
            "/services/", {"q": "club", "location": "NG1 5FS", "distance": "25", "free": "on"}
        )
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_number_of_results(client, home_page, postcodes):
    for n in range(2):
        publish_service(name=f"Club {n}", categories=["youth-clubs"], is_free=True)
    few = _queries_for_search(client)
    for n in range(2, 20):
        publish_service(
            name=f"Club {n}",
            categories=["youth-clubs", "mentoring"],
            languages=["en"],
            is_free=True,
            schedules=[(1, time(9), time(17))],
        )
    many = _queries_for_search(client)
    assert few == many


@pytest.fixture
def mentoring(home_page):
    publish_service(name="Meadows mentoring", categories=["mentoring"], point=(52.939, -1.149))
    publish_service(name="Sherwood mentors", categories=["mentoring"], point=(52.985, -1.150))
    publish_service(name="Mansfield mentoring", categories=["mentoring"], point=(53.144, -1.197))
    publish_service(name="Money matters", categories=["benefits-and-debt-advice"], point=None)


def test_no_results_offers_the_nearest_of_the_likely_category_and_a_bigger_distance(
    client, mentoring, postcodes
):
    search = {"q": "mentor", "location": "NG1 5FS", "distance": "1", "access": "bsl"}
    response = client.get("/services/", search)
    html = response.content.decode()
    assert result_names(response) == []
    assert "No services match your search." in html
    nearest = html.split('id="nearest-heading"', 1)[1]
    assert nearest.startswith(">Nearest mentoring services</h2>")
    names = re.findall(r'<h3[^>]*><a class="govuk-link" href="[^"]+">([^<]+)</a>', nearest)
    assert names == ["Meadows mentoring", "Sherwood mentors", "Mansfield mentoring"]
    wider = re.search(r'id="search-wider" href="\?([^"]+)">search within (\d+) miles', html)
    # The search already widened itself to 10 and 25 miles: the offer goes beyond.
    assert wider[2] == "50"
    assert "distance=50" in html_lib.unescape(wider[1])


def test_a_residents_word_finds_its_category_for_the_no_results_offer(client, mentoring):
    response = client.get("/services/", {"q": "skint", "access": "bsl"})
    html = response.content.decode()
    assert ">Some benefits and debt advice services</h2>" in html
    assert "Money matters" in html.split('id="nearest-heading"', 1)[1]
    assert 'id="search-wider"' not in html  # no place, so no distance to widen


@pytest.mark.parametrize(
    "typed",
    [
        "drugs & alcohol",
        "drugs&alcohol!!!",
        "DRUG / ALCOHOL support?",
        "drug-and-alcohol",
        "(drugs) | alcohol",
        "alcohol:*",
        "'drugs' OR 1=1 --",
        "<script>alert(1)</script> alcohol",
        "alcohol \\ ! ~ ^ 🍺",
    ],
)
def test_punctuation_a_resident_types_finds_the_words_and_breaks_nothing(client, home_page, typed):
    """Ampersands, slashes, brackets and search-syntax characters are words' edges, not
    operators a resident has to know: the page answers, with the listing the words name."""
    publish_service(name="Drug and alcohol support", description="Talk to someone in confidence.")
    publish_service(name="Youth boxing club", description="Training on Tuesdays.")
    response = client.get("/services/", {"q": typed})
    assert response.status_code == 200
    assert result_names(response)[:1] == ["Drug and alcohol support"]
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.parametrize("typed", ["&", "!!!", "'", "\\", "the and of", "🍺"])
def test_a_query_with_no_words_to_search_for_lists_everything(client, home_page, typed):
    """Nothing a search can use (symbols, or only words like "the"): the same answer as an
    empty search box, not an error and not "no results"."""
    publish_service(name="Drug and alcohol support")
    response = client.get("/services/", {"q": typed})
    assert response.status_code == 200
    assert result_names(response) == ["Drug and alcohol support"]
