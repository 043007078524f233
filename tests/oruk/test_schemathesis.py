"""schemathesis against /api/openapi.json: generated requests never cause a server error and
every response matches the OpenAPI document (status code, content type, body schema).

Bounded (a few dozen examples per operation) so it runs in well under two minutes. The
"schema-valid request rejected" check is left out on purpose: some combinations the schema
cannot express (proximity without a postcode, a well-formed but unknown postcode or
taxonomy id) get a documented 400 with a JSON error, which is what a client needs.
"""

from datetime import time

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.directory.factories import publish_service

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture
def test_transaction_survives_requests():
    """The WSGI app closes database connections after each request, which would end the
    test's transaction on PostgreSQL; Django's own test client switches that off the same way.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def directory(postcodes, test_transaction_survives_requests):
    """Listings with every kind of nested record, so responses have something to check."""
    publish_service(
        name="Youth club",
        categories=["youth-clubs"],
        areas=["nottingham-city"],
        languages=["en"],
        minimum_age=11,
        maximum_age=17,
        wheelchair=True,
        schedules=[(1, time(18), time(21))],
    )
    publish_service(
        name="Mentors",
        categories=["mentoring"],
        areas=["ashfield"],
        is_free=False,
        fees_description="£2 a session",
    )


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_openapi_document(case, directory):
    case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ]
    )
