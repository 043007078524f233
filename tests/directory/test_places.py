"""Residents find help from their own postcode or place name, through the search page."""

import pytest

from tests.conftest import TEST_SECTORS
from tests.directory.factories import publish_service
from tests.directory.test_search import result_names

pytestmark = pytest.mark.django_db

# A real postcode (OS Code-Point Open) in each of the eight areas: each council's offices.
COUNCIL_OFFICES = {
    "nottingham-city": "NG2 3NG",
    "ashfield": "NG17 1AA",
    "bassetlaw": "S80 2AH",
    "broxtowe": "NG9 1AB",
    "gedling": "NG5 6LU",
    "mansfield": "NG19 7BH",
    "newark-and-sherwood": "NG24 1BY",
    "rushcliffe": "NG2 7YG",
}


def search(client, **params):
    return client.get("/services/", params)


@pytest.mark.parametrize(("area", "postcode"), COUNCIL_OFFICES.items())
def test_a_real_postcode_in_each_area_finds_the_listing_there(
    client, home_page, postcodes, area, postcode
):
    assert postcode.startswith(tuple(TEST_SECTORS[area]))
    publish_service(name="Across the county", point=(53.1, -1.1))
    response = search(client, location=postcode.lower().replace(" ", ""), distance="25")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"of {postcode}" in html and "place-notice" not in html
    assert "Contains OS data" in html  # the Code-Point Open attribution


def test_a_postcode_we_do_not_hold_falls_back_to_its_district_with_a_notice(
    client, home_page, postcodes
):
    publish_service(name="Bulwell youth club", point=(53.0012, -1.1970))
    response = search(client, q="youth club", location="NG6 8XX", distance="1")
    assert result_names(response) == ["Bulwell youth club"]
    html = response.content.decode()
    assert "We do not have the postcode NG6 8XX, so we searched from the middle of NG6 8" in html


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("NG1 5FSX", "Enter a real postcode, like NG1 5FS, or just its first part, like NG7"),
        ("123", "Enter a real postcode, like NG1 5FS, or just its first part, like NG7"),
        ("N1G 5FS", "We could not find the postcode N1G 5FS or its area N1G"),
    ],
)
def test_a_malformed_postcode_gets_a_clear_message(client, home_page, postcodes, typed, message):
    response = search(client, location=typed)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_postcode_sector_is_searched_from_its_middle(client, home_page, postcodes):
    publish_service(name="Bulwell youth club", point=(53.0012, -1.1970))
    response = search(client, location="ng6 8", distance="1")
    assert result_names(response) == ["Bulwell youth club"]
    assert "of NG6 8" in response.content.decode()


@pytest.mark.parametrize(
    ("typed", "near"),
    [
        ("Nottingham", (52.954, -1.150)),
        ("Newark", (53.076, -0.809)),
        ("Newark upon Trent", (53.076, -0.809)),
        ("Sutton in Ashfield", (53.125, -1.261)),
        ("sutton-in-ashfield", (53.125, -1.261)),
        ("Wollaton", (52.950, -1.214)),
        ("Mapperley", (52.980, -1.128)),
        ("Sneinton", (52.951, -1.127)),
        ("Hyson Green", (52.968, -1.169)),
        ("St Anns", (52.964, -1.133)),
        ("the meadows", (52.940, -1.148)),
        ("Radcliffe-upon-Trent", (52.948, -1.039)),
        ("Hucknal", (53.038, -1.205)),  # misspelt
        ("Mansfeild", (53.144, -1.197)),  # misspelt
    ],
)
def test_places_by_name_tolerate_spelling_hyphens_and_on_upon(
    client, home_page, places, typed, near
):
    publish_service(name="Right here", point=near)
    publish_service(name="Far away", point=(53.40, -0.70))
    response = search(client, location=typed, distance="1")
    assert response.status_code == 200, response.content.decode()
    assert result_names(response) == ["Right here"]


def test_an_ambiguous_place_name_offers_a_choice(client, home_page, places):
    response = search(client, location="Gamston")
    assert response.status_code == 400
    html = response.content.decode()
    assert "More than one place matches" in html
    assert "Gamston (near Retford) (Bassetlaw)" in html
    assert "Gamston (West Bridgford) (Rushcliffe)" in html
    chosen = search(client, location="Gamston (West Bridgford)")
    assert chosen.status_code == 200


def test_sources_and_licences_are_stated(client, home_page):
    html = search(client).content.decode()
    assert "Open Government Licence" in html and "GeoNames" in html
