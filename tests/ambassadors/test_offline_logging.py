"""Outreach logged with no signal: the phone sends its kept logs to the portal when back online.

Through HTTP with CSRF checks on, as the phone's script sends them: the token from the CSRF
cookie in the X-CSRFToken header, because the page may have been opened from the phone's cache.
"""

import json
import uuid
from io import BytesIO

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from PIL import Image

from ambassadors.models import OutreachLog
from tests.ambassadors.factories import OutreachLogFactory
from tests.ambassadors.test_outreach import log_data
from tests.factories import UserFactory

SEND_URL = reverse("ambassadors:log_send")


@pytest.fixture
def phone(ambassador):
    """The ambassador's phone: signed in, CSRF checked, with the cookie the form page set."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(ambassador.user)
    assert client.get(reverse("ambassadors:log_create")).status_code == 200
    return client


def send(client, ambassador, reference, *, csrf=True, **fields):
    body = {
        "client_reference": str(reference),
        "owner": str(ambassador.pk),
        "fields": log_data(**fields),
    }
    headers = {"X-CSRFToken": client.cookies["csrftoken"].value} if csrf else {}
    return client.post(SEND_URL, json.dumps(body), content_type="application/json", headers=headers)


@pytest.mark.django_db
def test_a_log_sent_twice_from_the_phone_is_logged_once(phone, ambassador):
    reference = uuid.uuid4()

    first = send(phone, ambassador, reference)
    again = send(phone, ambassador, reference)  # the reply to the first was lost

    assert first.status_code == 201 and first.json()["status"] == "logged"
    assert again.status_code == 200 and again.json()["status"] == "already-logged"
    log = OutreachLog.objects.get()
    assert log.ambassador == ambassador and log.client_reference == reference
    assert log.people_reached == 18 and [t.name for t in log.topics.all()] == ["Knife crime"]

    # The same activity posted by the form page itself is not logged again either.
    page = phone.post(
        reverse("ambassadors:log_create"),
        {**log_data(), "client_reference": str(reference)},
        headers={"X-CSRFToken": phone.cookies["csrftoken"].value},
    )
    assert page.status_code == 302 and page["Location"] == reverse("ambassadors:portal")
    assert OutreachLog.objects.count() == 1


@pytest.mark.django_db
def test_another_ambassadors_reference_is_refused(phone, ambassador, other_ambassador):
    theirs = OutreachLogFactory(ambassador=other_ambassador, client_reference=uuid.uuid4())

    response = send(phone, ambassador, theirs.client_reference, ward="Changed")

    assert response.status_code == 403
    assert OutreachLog.objects.get() == theirs
    theirs.refresh_from_db()
    assert theirs.ward == "Bulwell"


@pytest.mark.django_db
def test_a_log_kept_on_the_phone_for_someone_else_is_refused(phone, ambassador, other_ambassador):
    response = send(phone, other_ambassador, uuid.uuid4())

    assert response.status_code == 403
    assert "someone else" in response.json()["errors"]["__all__"][0]
    assert not OutreachLog.objects.exists()


@pytest.mark.django_db
def test_without_the_csrf_token_nothing_is_logged(phone, ambassador):
    response = send(phone, ambassador, uuid.uuid4(), csrf=False)

    assert response.status_code == 403
    assert not OutreachLog.objects.exists()


@pytest.mark.django_db
def test_only_ambassadors_may_send_logs(client, ambassador):
    anonymous = client.post(SEND_URL, "{}", content_type="application/json")
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")

    client.force_login(UserFactory())
    client.get(reverse("ambassadors:index"))
    refused = client.post(
        SEND_URL,
        json.dumps({"client_reference": str(uuid.uuid4()), "owner": str(ambassador.pk)}),
        content_type="application/json",
    )
    assert refused.status_code == 403
    assert not OutreachLog.objects.exists()


@pytest.mark.django_db
def test_a_log_with_problems_comes_back_with_them_and_nothing_is_saved(phone, ambassador):
    response = send(
        phone, ambassador, uuid.uuid4(), area="", date="2099-01-01", reached_11_to_15="0"
    )

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["area"] == ["Area: This field is required."]
    assert errors["date"] == ["Date: The date cannot be in the future."]
    assert not OutreachLog.objects.exists()

    unreadable = phone.post(
        SEND_URL,
        "not json",
        content_type="application/json",
        headers={"X-CSRFToken": phone.cookies["csrftoken"].value},
    )
    assert unreadable.status_code == 400 and "__all__" in unreadable.json()["errors"]
    assert send(phone, ambassador, "not-a-uuid").status_code == 400
    assert not OutreachLog.objects.exists()


@pytest.mark.django_db
def test_a_safeguarding_concern_sent_from_the_queue_alerts_the_lead_once(
    phone, ambassador, settings, django_capture_on_commit_callbacks
):
    settings.AMBASSADORS_SAFEGUARDING_LEAD_EMAIL = "dsl@example.org"
    reference = uuid.uuid4()

    with django_capture_on_commit_callbacks(execute=True):
        assert send(phone, ambassador, reference, safeguarding_concern="on").status_code == 201
        assert send(phone, ambassador, reference, safeguarding_concern="on").status_code == 200

    log = OutreachLog.objects.get()
    assert log.safeguarding_concern and log.safeguarding_alert is not None
    assert [message.to for message in mail.outbox] == [["dsl@example.org"]]


@pytest.mark.django_db
def test_the_portal_can_be_added_to_the_home_screen(ambassador_client, client):
    portal = ambassador_client.get(reverse("ambassadors:portal"))
    manifest_url = reverse("ambassadors:manifest")
    assert f'<link rel="manifest" href="{manifest_url}">' in portal.content.decode()
    public = client.get(reverse("ambassadors:index"))
    assert b'rel="manifest"' not in public.content

    response = client.get(manifest_url)
    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert manifest["start_url"] == manifest["scope"] == reverse("ambassadors:portal")
    assert manifest["display"] == "standalone"
    assert manifest["short_name"] and manifest["name"] and manifest["theme_color"]
    for icon in manifest["icons"]:
        image = Image.open(BytesIO(b"".join(client.get(icon["src"]).streaming_content)))
        assert image.format == "PNG" and f"{image.width}x{image.height}" == icon["sizes"]
    assert {icon["purpose"] for icon in manifest["icons"]} == {"any", "maskable"}


@pytest.mark.django_db
def test_the_service_worker_covers_the_portal_and_keeps_only_the_form(ambassador_client, client):
    response = client.get(reverse("ambassadors:service_worker"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert "no-cache" in response["Cache-Control"]
    assert reverse("ambassadors:service_worker").startswith(reverse("ambassadors:portal"))
    source = response.content.decode()
    config = json.loads(source.split("const CONFIG = ", 1)[1].split(";\n", 1)[0])
    assert config["formUrl"] == reverse("ambassadors:log_create")
    assert SEND_URL not in source  # the server's answers are never cached
    for url in config["shell"]:  # the worker installs only when every file is there
        assert client.get(url).status_code == 200, url

    policy = ambassador_client.get(reverse("ambassadors:log_create"))["Content-Security-Policy"]
    assert "worker-src 'self'" in policy and "manifest-src 'self'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]


@pytest.mark.django_db
def test_a_deploy_that_changes_the_shell_gives_a_new_cache(client, monkeypatch):
    from ambassadors import offline

    def version() -> str:
        source = client.get(reverse("ambassadors:service_worker")).content.decode()
        return json.loads(source.split("const CONFIG = ", 1)[1].split(";\n", 1)[0])["version"]

    before = version()
    assert version() == before
    reads = offline._static_bytes
    monkeypatch.setattr(
        offline,
        "_static_bytes",
        lambda path: reads(path) + (b"/* new */" if path == "css/main.css" else b""),
    )
    assert version() != before


@pytest.mark.django_db
def test_the_demos_street_logs_sent_from_a_phone_are_not_logged_again():
    from ambassadors import demo

    demo.load()
    from_phones = OutreachLog.objects.filter(client_reference__isnull=False)
    assert from_phones.exists()
    assert set(from_phones.values_list("setting", flat=True)) == {OutreachLog.Setting.STREET}

    sent = from_phones.select_related("ambassador__user").first()
    client = Client(enforce_csrf_checks=True)
    client.force_login(sent.ambassador.user)
    client.get(reverse("ambassadors:log_create"))
    count = OutreachLog.objects.count()
    again = send(client, sent.ambassador, sent.client_reference)
    assert again.status_code == 200 and again.json()["message"] == f"Logged: {sent}."
    assert OutreachLog.objects.count() == count
