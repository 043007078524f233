"""Bad input gets a clear message and saves nothing, never a server error: NUL bytes in any
query string or form, an over-long e-mail address, over-long free text in any form."""

import importlib
import inspect

import pytest
from django import forms

from assets_directory.models import ListingReport
from tests.directory.factories import publish_service

pytestmark = pytest.mark.django_db

PROJECT_FORM_MODULES = [
    "cms.accounts.forms",
    "assets_directory.forms",
    # Not assets_directory.search_form: the directory search cuts a long query to its first
    # 200 characters and says so (tests/directory/test_search.py), rather than refusing it.
    "assets_directory.gaps.forms",
    "ambassadors.forms",
    "consultations.forms",
]


@pytest.mark.parametrize(
    "path",
    [
        "/services/?q=youth%00club",
        "/services/?location=NG1%002PW",
        "/search/?q=%00",
        "/have-your-say/?page=%00",
    ],
)
def test_a_nul_byte_in_a_query_string_is_a_clear_400(client, home_page, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "a character we cannot accept" in response.content.decode()


def test_the_open_data_api_refuses_a_nul_byte_in_json(client, db):
    response = client.get("/api/services?text=knife%00crime")
    assert response.status_code == 400
    assert response.json()["error"] == "Invalid parameters"


def test_a_nul_byte_in_a_form_saves_nothing(client, home_page):
    service = publish_service(name="Bulwell Youth Club")
    response = client.post(
        f"/services/listing/{service.slug}/report/", {"problem": "Closed\x00 down"}
    )
    assert response.status_code == 400
    assert ListingReport.objects.count() == 0


def test_an_over_long_email_in_report_a_problem_is_a_clear_message(client, home_page):
    service = publish_service(name="Bulwell Youth Club")
    email = "a" * 250 + "@example.org"  # valid by the e-mail rules, 262 characters

    response = client.post(
        f"/services/listing/{service.slug}/report/",
        {"problem": "The phone number is wrong.", "reporter_email": email},
    )

    assert response.status_code == 400
    assert "254 characters or fewer" in response.content.decode()
    assert ListingReport.objects.count() == 0


def test_every_free_text_field_of_every_form_has_a_length_limit():
    unlimited = []
    for module_name in PROJECT_FORM_MODULES:
        module = importlib.import_module(module_name)
        for name, form in inspect.getmembers(module, inspect.isclass):
            if not (issubclass(form, forms.BaseForm) and form.__module__ == module_name):
                continue
            for field_name, field in form.base_fields.items():
                # A UUID is not free text: anything but its one fixed form is refused.
                is_free_text = isinstance(field, forms.CharField) and not isinstance(
                    field, forms.UUIDField
                )
                if is_free_text and field.max_length is None:
                    unlimited.append(f"{module_name}.{name}.{field_name}")
    assert unlimited == []
