"""Sign-in and account rules: capitals in a stored e-mail, a sane password length, the purge
of unverified sign-ups, and account pages no cache keeps."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.accounts.tasks import purge_unverified_accounts
from cms.core.roles import COMMUNITY_AMBASSADOR
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.mark.parametrize("typed", ["Amira.Khan@Example.ORG", "amira.khan@example.org"])
def test_sign_in_works_when_the_email_was_stored_in_capitals(client, make_user, typed):
    make_user(username="amira", email="Amira.Khan@Example.ORG")

    response = client.post("/accounts/login/", {"login": typed, "password": PASSWORD})

    assert response.status_code == 302
    assert client.session.get("_auth_user_id")


def test_a_password_of_a_megabyte_is_refused_with_a_clear_message(client, db):
    response = client.post(
        "/accounts/signup/",
        {"email": "new@example.org", "password1": "x" * 1_000_000, "password2": "x" * 1_000_000},
    )

    assert response.status_code == 200
    assert "at most 128 characters" in response.content.decode()
    assert not User.objects.filter(email="new@example.org").exists()


def _joined_long_ago(user):
    User.objects.filter(pk=user.pk).update(date_joined=timezone.now() - timedelta(days=30))


def test_the_purge_removes_only_self_service_sign_ups_that_never_verified(client, make_user):
    client.post(
        "/accounts/signup/",
        {"email": "never@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    self_signed_up = User.objects.get(email="never@example.org")
    made_by_staff = make_user(username="made-by-staff", verified=False)
    ambassador = make_user(username="ambassador", verified=False, roles=[COMMUNITY_AMBASSADOR])
    no_address_row = make_user(username="imported")
    EmailAddress.objects.filter(user=no_address_row).delete()
    for user in (self_signed_up, made_by_staff, ambassador, no_address_row):
        _joined_long_ago(user)

    purge_unverified_accounts()

    remaining = set(User.objects.values_list("username", flat=True))
    assert self_signed_up.username not in remaining
    assert {"made-by-staff", "ambassador", "imported"} <= remaining


@pytest.mark.parametrize("path", ["/account/", "/account/delete/", "/accounts/login/"])
def test_account_pages_are_never_stored_by_a_cache(client, make_user, path):
    client.force_login(make_user())
    response = client.get(path)
    assert "no-store" in response["Cache-Control"]
