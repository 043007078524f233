"""An attacker's tries at the offline outreach endpoint: garbage, deeply nested or huge
bodies, no CSRF token, another ambassador's reference, and someone who is no ambassador."""

import json
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from ambassadors.models import OutreachLog
from tests.ambassadors.factories import OutreachLogFactory
from tests.ambassadors.test_offline_logging import SEND_URL, send
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def phone(ambassador):
    client = Client(enforce_csrf_checks=True)
    client.force_login(ambassador.user)
    client.get(reverse("ambassadors:log_create"))
    return client


def _post_raw(client, body: str | bytes):
    headers = {"X-CSRFToken": client.cookies["csrftoken"].value}
    return client.post(SEND_URL, body, content_type="application/json", headers=headers)


@pytest.mark.parametrize(
    "body",
    [
        "[" * 100_000,  # nested deeper than the parser can go
        '{"fields": ' * 50_000 + "{}" + "}" * 50_000,
        b"\xff\xfe not utf-8",
        "null",
        '"text"',
        '{"fields": [], "client_reference": "x"}',
        '{"fields": {}, "client_reference": 7}',
    ],
    ids=["deep-list", "deep-object", "not-utf8", "null", "string", "list-fields", "int-ref"],
)
def test_a_body_that_is_not_a_log_is_a_clear_400_and_stores_nothing(phone, body):
    answer = _post_raw(phone, body)
    assert answer.status_code == 400
    assert answer.json()["status"] == "invalid"
    assert not OutreachLog.objects.exists()


def test_an_oversized_body_is_refused_and_stores_nothing(phone, ambassador, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    answer = send(phone, ambassador, uuid.uuid4(), what_we_heard="x" * 20_000)
    assert answer.status_code == 400
    assert not OutreachLog.objects.exists()


def test_no_csrf_token_no_log(phone, ambassador):
    assert send(phone, ambassador, uuid.uuid4(), csrf=False).status_code == 403
    assert not OutreachLog.objects.exists()


def test_another_ambassadors_reference_is_refused_and_not_shown(
    phone, ambassador, other_ambassador
):
    theirs = OutreachLogFactory(ambassador=other_ambassador, client_reference=uuid.uuid4())
    answer = send(phone, ambassador, theirs.client_reference)
    assert answer.status_code == 403
    assert str(theirs) not in answer.content.decode()
    assert OutreachLog.objects.count() == 1


def test_someone_who_is_no_ambassador_cannot_send(ambassador):
    client = Client()  # CSRF not checked, so the refusal is the portal's own
    client.force_login(UserFactory())
    body = {"client_reference": str(uuid.uuid4()), "owner": str(ambassador.pk), "fields": {}}
    answer = client.post(SEND_URL, json.dumps(body), content_type="application/json")
    assert answer.status_code == 403
    assert not OutreachLog.objects.exists()
