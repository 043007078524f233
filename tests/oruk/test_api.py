"""The read-only Open Referral UK API: each endpoint, each filter, errors, and drafts."""

from datetime import time

import pytest

from assets_directory import lifecycle
from assets_directory.models import Service, Taxonomy
from tests.directory.factories import OrganisationFactory, publish_service

pytestmark = pytest.mark.django_db

ENVELOPE = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "content",
}


@pytest.fixture
def listings(postcodes, django_capture_on_commit_callbacks):
    city = publish_service(
        name="City youth club",
        description="Football and music for teenagers.",
        categories=["youth-clubs"],
        areas=["nottingham-city"],
        languages=["en", "pl"],
        minimum_age=11,
        maximum_age=17,
        point=(52.954, -1.148),
        schedules=[(1, time(18), time(21))],
        eligibility_description="Young people",
    )
    mansfield = publish_service(
        name="Mansfield mentors",
        description="Mentoring for adults.",
        categories=["mentoring"],
        areas=["mansfield"],
        minimum_age=18,
        point=(53.144, -1.197),
    )
    archived = publish_service(name="Old archived club", categories=["youth-clubs"])
    with django_capture_on_commit_callbacks(execute=True):  # the index updates after commit
        lifecycle.archive(archived)
    draft = Service(
        organisation=OrganisationFactory(name="Draft Org"),
        name="Secret draft",
        description="Not approved yet.",
        live=False,
    )
    draft.save()
    draft.save_revision()
    return {"city": city, "mansfield": mansfield, "archived": archived, "draft": draft}


def _names(response) -> list[str]:
    return [record["name"] for record in response.json()["content"]]


def test_services_envelope_and_paging(client, listings):
    body = client.get("/api/services").json()
    assert set(body) == ENVELOPE
    assert body["total_items"] == 2 and body["total_pages"] == 1
    assert (body["first_page"], body["last_page"], body["empty"]) == (True, True, False)
    assert [s["name"] for s in body["content"]] == ["City youth club", "Mansfield mentors"]

    second = client.get("/api/services", {"page": 2, "per_page": 1}).json()
    assert (second["page_number"], second["size"], second["total_pages"]) == (2, 1, 2)
    assert (second["first_page"], second["last_page"]) == (False, True)
    assert [s["name"] for s in second["content"]] == ["Mansfield mentors"]
    beyond = client.get("/api/services", {"page": 5, "per_page": 1}).json()
    assert beyond["empty"] is True and beyond["content"] == []


def test_drafts_archived_and_pending_edits_never_appear(client, listings):
    city = listings["city"]
    city.name = "Unapproved new name"
    city.save_revision()  # a provider's edit waiting for moderation
    everything = client.get("/api/services", {"per_page": 200})
    assert _names(everything) == ["City youth club", "Mansfield mentors"]
    for term in ("Secret", "archived", "Unapproved"):
        assert client.get("/api/services", {"text": term}).json()["total_items"] == 0
    assert client.get(f"/api/services/{listings['draft'].pk}").status_code == 404
    assert client.get(f"/api/services/{listings['archived'].pk}").status_code == 404
    organisations = client.get("/api/organizations").json()
    assert "Draft Org" not in [o["name"] for o in organisations["content"]]
    links = client.get("/api/service_at_locations").json()
    assert {link["service"]["name"] for link in links["content"]} == {
        "City youth club",
        "Mansfield mentors",
    }


def test_text_filter(client, listings):
    assert _names(client.get("/api/services", {"text": "football"})) == ["City youth club"]


def test_postcode_and_proximity(client, listings):
    near = client.get("/api/services", {"postcode": "ng12pw", "proximity": 2000})
    assert _names(near) == ["City youth club"]
    wide = client.get("/api/services", {"postcode": "NG1 5FS", "proximity": 40000})
    assert _names(wide) == ["City youth club", "Mansfield mentors"]  # nearest first


def test_places_are_found_the_way_the_search_page_finds_them(client, listings, home_page):
    """One query builder: a town or an outward code works here as it does on /services/."""
    by_town = client.get("/api/services", {"postcode": "Mansfield", "proximity": 8000})
    assert _names(by_town) == ["Mansfield mentors"]
    by_outcode = client.get("/api/services", {"postcode": "NG1", "proximity": 3000})
    assert _names(by_outcode) == ["City youth club"]
    page = client.get("/services/", {"location": "Mansfield", "distance": "5"})
    assert "Mansfield mentors" in page.content.decode()
    assert "City youth club" not in page.content.decode()


def test_taxonomy_filter_includes_child_categories(client, listings):
    parent = Taxonomy.objects.get(slug="youth-clubs-and-diversionary-activity")
    assert _names(client.get("/api/services", {"taxonomy_id": parent.pk})) == ["City youth club"]
    mentoring = Taxonomy.objects.get(slug="mentoring")
    assert _names(client.get("/api/services", {"taxonomy_id": mentoring.pk})) == [
        "Mansfield mentors"
    ]


def test_age_filter(client, listings):
    assert _names(client.get("/api/services", {"age": 14})) == ["City youth club"]
    assert _names(client.get("/api/services", {"age": 40})) == ["Mansfield mentors"]


@pytest.mark.parametrize(
    "params",
    [
        {"per_page": 0},
        {"per_page": 1000},
        {"page": 0},
        {"page": "first"},
        {"age": -1},
        {"age": "teen"},
        {"proximity": "far"},
        {"proximity": 500},  # without a postcode
        {"postcode": "ZZ9 9ZZ", "proximity": 500},  # no such postcode or district
        {"postcode": "not a postcode"},
        {"taxonomy_id": "999999"},
    ],
)
def test_bad_parameters_get_400_with_a_json_error(client, listings, params):
    response = client.get("/api/services", params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["error"]


def test_bad_paging_on_other_lists_gets_400(client, listings):
    for url in ("/api/taxonomies", "/api/organizations", "/api/service_at_locations"):
        response = client.get(url, {"per_page": "lots"})
        assert response.status_code == 400 and response.json()["error"] == "Invalid parameters"
    assert client.get("/api/services/abc").status_code == 400


def test_full_nested_service_record(client, listings):
    city = listings["city"]
    record = client.get(f"/api/services/{city.pk}").json()
    assert record["id"] == str(city.pk) and record["name"] == "City youth club"
    assert record["organization"]["name"] == city.organisation.name
    assert record["eligibilitys"][0]["minimum_age"] == 11
    assert record["eligibilitys"][0]["maximum_age"] == 17
    assert record["contacts"][0]["phones"][0]["number"] == "0115 496 0000"
    assert {lang["language"] for lang in record["languages"]} == {"en", "pl"}
    assert record["service_areas"][0]["service_area"] == "Nottingham City"
    location = record["service_at_locations"][0]["location"]
    assert location["physical_addresses"][0]["postal_code"] == "NG1 5FS"
    assert location["latitude"] == 52.954
    assert record["regular_schedules"] == [
        {
            "id": record["regular_schedules"][0]["id"],
            "weekday": 1,
            "byday": "MO",
            "freq": "WEEKLY",
            "opens_at": "18:00",
            "closes_at": "21:00",
        }
    ]
    assert record["service_taxonomys"][0]["taxonomy"]["name"] == "Youth clubs"
    assert record["cost_options"][0]["option"] == "Free"


def test_taxonomies(client, listings):
    body = client.get("/api/taxonomies", {"per_page": 200}).json()
    assert body["total_items"] == Taxonomy.objects.count()
    by_name = {term["name"]: term for term in body["content"]}
    parent = Taxonomy.objects.get(slug="youth-clubs-and-diversionary-activity")
    assert by_name["Youth clubs"]["parent"] == str(parent.pk)
    assert by_name["Mentoring"]["parent"] is None


def test_organizations_and_service_at_locations(client, listings):
    organisations = client.get("/api/organizations").json()
    assert set(organisations) == ENVELOPE and organisations["total_items"] == 2
    links = client.get("/api/service_at_locations", {"per_page": 1}).json()
    assert links["total_items"] == 2 and links["total_pages"] == 2
    assert links["content"][0]["location"]["physical_addresses"][0]["country"] == "GB"


def test_openapi_document(client):
    document = client.get("/api/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert {
        "/api/services",
        "/api/services/{service_id}",
        "/api/taxonomies",
        "/api/organizations",
        "/api/service_at_locations",
    } <= set(document["paths"])
    parameters = {p["name"] for p in document["paths"]["/api/services"]["get"]["parameters"]}
    assert {"text", "postcode", "proximity", "taxonomy_id", "age", "page", "per_page"} <= parameters
