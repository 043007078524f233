"""Every way into an account goes through allauth, and the admin needs the second factor
in the same session: an attacker with a staff password alone gets nowhere."""

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.cache import cache
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from cms.core.roles import VRU_STAFF
from cms.settings import base as base_settings
from tests.factories import PASSWORD, StandardPageFactory

pytestmark = pytest.mark.django_db

EMAIL = "officer@example.org"
# Each address and the form fields it takes: allauth's own, Wagtail's admin and page forms.
SIGN_IN_FORMS = [
    ("/accounts/login/", "login", EMAIL),
    ("/admin/login/", "username", "officer"),
    ("/_util/login/", "username", "officer"),
]


@pytest.fixture
def officer(mfa_user):
    return mfa_user(username="officer", email=EMAIL, roles=[VRU_STAFF])


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.mark.parametrize("address", ["/admin/login/", "/_util/login/"])
def test_wagtails_sign_in_forms_sign_nobody_in(client, officer, address):
    response = client.post(address, {"username": "officer", "password": PASSWORD})

    assert signed_in_user_id(client) is None
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert client.get("/admin/").url.startswith("/accounts/login/")


def test_wagtail_password_reset_is_switched_off(client, officer):
    assert client.get("/admin/password_reset/").status_code == 404
    client.post("/admin/password_reset/", {"email": EMAIL})
    from django.core import mail

    assert mail.outbox == []


def test_a_session_signed_in_with_a_password_alone_must_enter_the_code(client, officer):
    _user, secret = officer
    # `client.login` is Django's login() after a password check: no authenticator code.
    assert client.login(username="officer", password=PASSWORD)

    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response.url == "/accounts/2fa/reauthenticate/?next=%2Fadmin%2Fpages%2F"
    assert client.get("/account/").url.startswith("/accounts/2fa/reauthenticate/")

    response = client.post(
        "/accounts/2fa/reauthenticate/?next=/admin/pages/", {"code": current_code(secret)}
    )
    assert response.url == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_owning_an_authenticator_is_not_enough_after_a_password_only_sign_in(client, officer):
    """allauth's password form leaves a half-signed-in session until the code is given."""
    client.post("/accounts/login/", {"login": EMAIL, "password": PASSWORD})
    assert signed_in_user_id(client) is None
    assert client.get("/admin/").url.startswith("/accounts/login/")


@pytest.mark.parametrize(("address", "field", "login"), SIGN_IN_FORMS)
def test_failed_sign_ins_are_limited_at_every_address(
    client, settings, officer, address, field, login
):
    settings.ACCOUNT_RATE_LIMITS = base_settings.ACCOUNT_RATE_LIMITS
    cache.clear()
    for _attempt in range(6):
        client.post(address, {field: login, "password": "a wrong guess"})

    response = client.post(address, {field: login, "password": PASSWORD}, follow=True)

    assert signed_in_user_id(client) is None
    if address == "/accounts/login/":
        assert "You tried to sign in too many times" in response.content.decode()


def test_private_pages_send_people_to_the_sites_own_sign_in(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Members only")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(page.url)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={page.url}"


def test_private_documents_send_people_to_the_sites_own_sign_in(client, db):
    collection = Collection.get_first_root_node().add_child(name="Private papers")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = Document.objects.create(
        title="Paper", collection=collection, file=ContentFile(b"minutes", name="paper.txt")
    )

    response = client.get(document.url)

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")
