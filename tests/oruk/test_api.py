"""Open Referral UK 3.0 conformance, through HTTP, written from the standard's own files.

What the validator (OpenReferralUK/oruk-validator) does, read from its source:
- `OpenReferralApi.Core/Services/OpenApiDiscoveryService.cs`: GET the base URL; a `version`
  like "HSDS-UK-3.0" picks the 3.0 OpenAPI document, else `openapi_url`, else the 1.0 rules.
- `OpenReferralApi.Core/Services/OpenApiValidationService.cs` (`TestEndpointsAsync`,
  `TestPaginatedEndpointAsync`, `ExtractPaginationInfo`, `ExtractIdsFromResponse`): every
  path of that document is called; a list with a `page` parameter is called at page 1, a
  middle page and the last page (`total_pages`), each response validated against the
  document's schema; an empty list is a warning; ids found in a list are substituted into
  the `{id}` form, whose response is validated too; a non-2xx on a required endpoint fails.
- `OpenReferralApi.Core/Services/OpenReferralUKValidationResponseMapper.cs`: level 1 =
  required endpoints (a failure fails the feed), level 2 = the others (warnings).
The document and schemas (tests/oruk/standard/, see its README): the UK profile's
`docs/extras/openapi30.json` (paths, parameters, `Page`), HSDS 3.0 `schema/compiled/
service.json`, `service_list.json`, `service_at_location_list.json`, `schema/taxonomy.json`,
`schema/taxonomy_term.json` (formats: uuid, uri, email, date-time; enums), and the UK
profile's `profile/*.json` (its `required` lists). Query parameters combine with AND
(openreferral/specification `docs/hsds/api_reference.md`, "Query Parameters and Filters").
"""

from __future__ import annotations

import json
from datetime import time, timedelta
from pathlib import Path

import jsonschema_rs
import pytest
from django.utils import timezone

from assets_directory import lifecycle
from assets_directory.models import Service, Taxonomy
from assets_directory.oruk import records
from tests.directory.factories import publish_service

pytestmark = pytest.mark.django_db

STANDARD = Path(__file__).parent / "standard"
OPENAPI = json.loads((STANDARD / "uk-profile" / "openapi30.json").read_text())
SCHEMA_FILES = {
    "compiled/service.json": "hsds/schema/compiled/service.json",
    "compiled/service_list.json": "hsds/schema/compiled/service_list.json",
    "compiled/service_at_location_list.json": "hsds/schema/compiled/service_at_location_list.json",
    "taxonomy.json": "hsds/schema/taxonomy.json",
    "taxonomy_term.json": "hsds/schema/taxonomy_term.json",
}


def _inline(schema, folder: Path):
    """The schema with its references to sibling files (metadata.json, taxonomy.json) inlined."""
    if isinstance(schema, dict):
        if str(schema.get("$ref", "")).endswith(".json"):
            return _inline(json.loads((folder / schema["$ref"]).read_text()), folder)
        return {key: _inline(value, folder) for key, value in schema.items() if key != "$schema"}
    if isinstance(schema, list):
        return [_inline(value, folder) for value in schema]
    return schema


def _validator(name: str):
    path = STANDARD / SCHEMA_FILES[name]
    schema = _inline(json.loads(path.read_text()), STANDARD / "hsds" / "schema")
    return jsonschema_rs.Draft202012Validator(schema, validate_formats=True)


VALIDATORS = {name: _validator(name) for name in SCHEMA_FILES}


def _schema_of(path: str) -> tuple[str, bool]:
    """The schema file the UK document names for a path's 200 response, and if it is a page."""
    schema = OPENAPI["paths"][path]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"
    ]
    ref = schema["properties"]["contents"]["items"]["$ref"] if "allOf" in schema else schema["$ref"]
    return ref.split("/schema/", 1)[1], "allOf" in schema


def _errors(name: str, record: dict) -> list[str]:
    return [f"{e.instance_path}: {e.message}" for e in VALIDATORS[name].iter_errors(record)]


def _uk_required(entity: str) -> list[str]:
    return json.loads((STANDARD / "uk-profile" / "profile" / f"{entity}.json").read_text()).get(
        "required", []
    )


@pytest.fixture
def directory(postcodes, django_capture_on_commit_callbacks):
    """Three published listings with every kind of nested record, and a draft."""
    club = publish_service(
        name="City youth club",
        description="Football and music for teenagers.",
        categories=["youth-clubs"],
        areas=["nottingham-city"],
        languages=["en", "pl"],
        minimum_age=11,
        maximum_age=17,
        wheelchair=True,
        point=(52.954, -1.148),
        schedules=[(1, time(18), time(21)), (3, time(17), time(19))],
        eligibility_description="Young people",
        url="https://example.org/club",
    )
    mentors = publish_service(
        name="Mansfield mentors",
        categories=["mentoring"],
        areas=["mansfield"],
        minimum_age=16,
        maximum_age=25,
        is_free=False,
        fees_description="£2 a session",
        point=(53.143, -1.197),
        schedules=[(6, time(10), time(12))],
    )
    food = publish_service(name="Food bank", categories=["food-banks"], point=None)
    draft = Service(organisation=club.organisation, name="Unpublished idea", description="x")
    draft.live = False
    draft.save()
    return {"club": club, "mentors": mentors, "food": food, "draft": draft}


def _get(client, url: str, **params) -> dict:
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def _names(page: dict) -> list[str]:
    return [item.get("name") or item["service"]["name"] for item in page["contents"]]


# --- `/`: how the validator picks the 3.0 rules -------------------------------------------


def test_root_says_the_version_and_where_the_openapi_document_is(client):
    """OpenApiDiscoveryService.cs reads `version` ("HSDS-UK-3.0" -> 3.0) and `openapi_url`;
    the UK document's `/` schema: version string, profile uri, openapi_url uri."""
    info = _get(client, "/api/")
    assert info["version"] == "HSDS-UK-3.0"
    assert info["openapi_url"] == "http://testserver/api/openapi.json"
    assert info["profile"].startswith("https://")
    document = _get(client, "/api/openapi.json")
    assert document["openapi"].startswith("3.")


def test_every_path_of_the_uk_document_is_served_with_its_id_form(client, directory):
    """Each path in openapi30.json answers 2xx: lists first, then {id} with an id taken from
    the list (OpenApiValidationService.cs, TestSingleEndpointWithIdSubstitutionAsync)."""
    ours = _get(client, "/api/openapi.json")["paths"]
    for path in OPENAPI["paths"]:
        assert f"/api{path}" in ours or path == "/", path
        if "{id}" in path:
            continue
        body = _get(client, f"/api{path}")
        if "{id}" not in f"{path}/{{id}}" or f"{path}/{{id}}" not in OPENAPI["paths"]:
            continue
        item_id = body["contents"][0]["id"]
        _get(client, f"/api{path}/{item_id}")


# --- Records against the standard's schemas (formats, enums, required) ------------------------


@pytest.mark.parametrize(
    "path", ["/services", "/service_at_locations", "/taxonomies", "/taxonomy_terms"]
)
def test_list_items_match_the_standards_schema(client, directory, path):
    """Each item of a list validates against the schema the UK document names for it."""
    schema, paged = _schema_of(path)
    assert paged
    page = _get(client, f"/api{path}")
    assert page["contents"]
    for item in page["contents"]:
        assert _errors(schema, item) == [], item


@pytest.mark.parametrize(
    ("list_path", "path"),
    [
        ("/services", "/services/{id}"),
        ("/taxonomies", "/taxonomies/{id}"),
        ("/taxonomy_terms", "/taxonomy_terms/{id}"),
    ],
)
def test_single_records_match_the_standards_schema(client, directory, list_path, path):
    schema, _ = _schema_of(path)
    for item in _get(client, f"/api{list_path}")["contents"]:
        record = _get(client, f"/api{path.replace('{id}', item['id'])}")
        assert _errors(schema, record) == [], record


def test_each_access_need_is_its_own_accessibility_entry(client, directory):
    club = directory["club"]
    location = club.primary_location()
    location.hearing_loop = location.bsl = True
    location.save()
    record = _get(client, f"/api/services/{club.uuid}")
    entries = record["service_at_locations"][0]["location"]["accessibility"]
    assert [entry["description"] for entry in entries][:3] == [
        "Wheelchair accessible",
        "Hearing loop",
        "British Sign Language (BSL)",
    ]


def test_a_full_service_has_the_uk_profiles_fields(client, directory):
    """UK profile: service requires id, name, status; location requires location_type;
    schedule, cost_option, contact require id, phone id and number; ages on the service;
    `addresses` with `address_type`; `organization.website`; `attributes[].taxonomy_term`."""
    club = directory["club"]
    record = _get(client, f"/api/services/{club.uuid}")
    assert all(record.get(key) for key in _uk_required("service"))
    assert record["status"] == "active"
    assert (record["minimum_age"], record["maximum_age"]) == (11, 17)
    location = record["service_at_locations"][0]["location"]
    assert all(location.get(key) for key in _uk_required("location"))
    assert location["location_type"] == "physical"
    assert location["addresses"][0]["address_type"] == "physical"
    assert location["accessibility"][0]["description"] == "Wheelchair accessible"
    for schedule in record["schedules"]:
        assert all(schedule.get(key) for key in _uk_required("schedule"))
    assert [s["byday"] for s in record["schedules"]] == ["MO", "WE"]
    assert record["schedules"][0]["opens_at"] == "18:00:00"
    for contact in record["contacts"]:
        assert all(contact.get(key) for key in _uk_required("contact"))
        for phone in contact["phones"]:
            assert all(phone.get(key) for key in _uk_required("phone"))
    assert record["cost_options"] == [
        {"id": record["cost_options"][0]["id"], "option": "Free", "amount": 0, "currency": "GBP"}
    ]
    terms = [a["taxonomy_term"] for a in record["attributes"]]
    assert {t["name"] for t in terms if t["taxonomy"] == "nottshub-needs"} == {"Youth clubs"}
    assert {"esdNeeds"} <= {t["taxonomy"] for t in terms}  # the shared UK term beside ours
    assert {a["code"] for a in record["languages"]} == {"en", "pl"}
    assert record["service_areas"][0]["uri"].startswith("http://statistics.data.gov.uk/")


def test_empty_values_are_left_out_and_a_charge_has_no_null_amount(client, directory):
    """uri/email formats refuse "" (HSDS service.json), so empty fields are omitted."""
    record = _get(client, f"/api/services/{directory['mentors'].uuid}")
    assert "url" not in record and "email" not in record

    def walk(value):
        if isinstance(value, dict):
            for inner in value.values():
                assert inner not in ("", None), record
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(record)
    assert record["cost_options"][0]["amount_description"] == "£2 a session"
    assert "amount" not in record["cost_options"][0]
    food = _get(client, f"/api/services/{directory['food'].uuid}")
    assert "service_at_locations" not in food


def test_ids_are_uuids_kept_across_calls_and_rebuilds(client, directory):
    first = _get(client, f"/api/services/{directory['club'].uuid}")
    Service.objects.filter(pk=directory["club"].pk).update(name="City youth club")
    again = _get(client, f"/api/services/{directory['club'].uuid}")
    assert first == again


# --- Paging (3.0 Page: contents, size = items on this page) ----------------------------------


def test_paging_follows_the_3_0_page_rules(client, directory):
    """The validator reads `total_pages` and calls the middle and last pages
    (ExtractPaginationInfo); the Page schema of openapi30.json names the header fields."""
    header = set(OPENAPI["components"]["schemas"]["Page"]["properties"])
    first = _get(client, "/api/services", per_page=2)
    assert header | {"contents"} == set(first)
    assert (first["total_items"], first["total_pages"], first["size"]) == (3, 2, 2)
    assert first["first_page"] and not first["last_page"] and not first["empty"]
    last = _get(client, "/api/services", per_page=2, page=2)
    assert (last["page_number"], last["size"], last["last_page"]) == (2, 1, True)
    assert not last["first_page"]
    beyond = _get(client, "/api/services", per_page=2, page=9)
    assert beyond["empty"] and beyond["contents"] == [] and beyond["size"] == 0
    assert set(_names(first) + _names(last)) == {
        "City youth club",
        "Mansfield mentors",
        "Food bank",
    }


@pytest.mark.parametrize(
    "query", ["page=0", "page=abc", "per_page=0", "per_page=201", "minimum_age=old"]
)
def test_bad_parameters_get_a_400_with_json(client, query):
    response = client.get(f"/api/services?{query}")
    assert response.status_code == 400
    assert response.json()["error"] == "Invalid parameters"


def test_unknown_ids_get_a_404_with_json(client, directory):
    for path in ["services", "service_at_locations", "organizations", "taxonomies"]:
        for bad in ["00000000-0000-0000-0000-000000000000", "not-a-uuid"]:
            response = client.get(f"/api/{path}/{bad}")
            assert response.status_code == 404, path
            assert response["Access-Control-Allow-Origin"] == "*"


# --- Filters (parameters of openapi30.json, combined with AND) ------------------------------


def test_search_taxonomy_and_ages_combine_with_and(client, directory):
    assert _names(_get(client, "/api/services", search="football")) == ["City youth club"]
    youth = Taxonomy.objects.get(slug="youth-clubs")
    parent = Taxonomy.objects.get(slug="youth-clubs-and-diversionary-activity")
    assert _names(_get(client, "/api/services", taxonomy_term_id=str(youth.uuid))) == [
        "City youth club"
    ]
    assert _names(_get(client, "/api/services", taxonomy_term_id=str(parent.uuid))) == [
        "City youth club"
    ]
    everything = _get(client, "/api/services", taxonomy_id=str(records.OUR_TAXONOMY_ID))
    assert everything["total_items"] == 3
    other = "11111111-1111-1111-1111-111111111111"
    assert _get(client, "/api/services", taxonomy_id=other)["total_items"] == 0
    assert _names(_get(client, "/api/services", minimum_age=12)) == ["Mansfield mentors"]
    assert _names(_get(client, "/api/services", maximum_age=17)) == ["City youth club"]
    both = _get(client, "/api/services", search="football", taxonomy_term_id=str(youth.uuid))
    assert _names(both) == ["City youth club"]
    clash = _get(client, "/api/services", search="football", minimum_age=12)
    assert clash["total_items"] == 0


def test_day_and_times_must_meet_on_one_opening(client, directory):
    assert _names(_get(client, "/api/services", day="MO")) == ["City youth club"]
    assert _names(_get(client, "/api/services", day="Saturday")) == ["Mansfield mentors"]
    assert _names(_get(client, "/api/services", start_time="17:30")) == ["City youth club"]
    assert _names(_get(client, "/api/services", end_time="12:00")) == ["Mansfield mentors"]
    assert _get(client, "/api/services", day="WE", start_time="18:00")["total_items"] == 0
    assert client.get("/api/services?day=someday").status_code == 400
    # A time with an offset is read as the wall-clock time (schemathesis found a 500 on SQLite).
    assert _names(_get(client, "/api/services", start_time="17:30:00Z")) == ["City youth club"]


def test_modified_after_lists_only_what_changed(client, directory):
    moment = timezone.now()
    assert _get(client, "/api/services", modified_after=moment.isoformat())["total_items"] == 0
    earlier = (moment - timedelta(days=1)).isoformat()
    assert _get(client, "/api/services", modified_after=earlier)["total_items"] == 3


def test_postcode_and_proximity_on_service_at_locations(client, directory):
    near = _get(client, "/api/service_at_locations", postcode="NG1 5FS")
    assert _names(near) == ["City youth club", "Mansfield mentors"]  # nearest first
    close = _get(client, "/api/service_at_locations", postcode="NG1 5FS", proximity=5000)
    assert _names(close) == ["City youth club"]
    mansfield = _get(client, "/api/service_at_locations", postcode="NG19 7AA", proximity=5000)
    assert _names(mansfield) == ["Mansfield mentors"]
    assert client.get("/api/service_at_locations?proximity=500").status_code == 400


# --- Only what residents may find -----------------------------------------------------------


def test_drafts_archived_and_hidden_listings_never_appear(client, directory):
    lifecycle.archive(Service.objects.get(pk=directory["mentors"].pk))
    listed = _names(_get(client, "/api/services"))
    assert listed == ["City youth club", "Food bank"]
    assert client.get(f"/api/services/{directory['draft'].uuid}").status_code == 404
    assert client.get(f"/api/services/{directory['mentors'].uuid}").status_code == 404


def test_the_list_costs_a_fixed_number_of_queries(client, directory, django_assert_max_num_queries):
    """Serialisation is cheap: no query per record (another issue measures it under load)."""
    for n in range(6):
        publish_service(name=f"Extra {n}", categories=["mentoring"])
    with django_assert_max_num_queries(8):
        assert _get(client, "/api/services")["total_items"] == 9
    with django_assert_max_num_queries(14):
        _get(client, "/api/service_at_locations")


@pytest.mark.parametrize(
    "moment", ["2020-01-01T00:00:00", "1182-10-29T16:20:26+18:49", "0001-01-01T00:00:00+01:00"]
)
def test_modified_after_takes_any_offset(client, directory, moment):
    """Found by schemathesis: a far offset on an old date is still a valid date-time."""
    assert _get(client, "/api/service_at_locations", modified_after=moment)["total_items"] == 2
