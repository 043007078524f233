"""Every role's access to the Wagtail admin and to pages it must not see."""

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.auth.models import Group

from cms.core import roles

pytestmark = pytest.mark.django_db

ADMIN_ROLES = [roles.VRU_STAFF, roles.AMBASSADOR_COORDINATOR]
NON_ADMIN_ROLES = [
    roles.COMMUNITY_AMBASSADOR,
    roles.YOUTH_AMBASSADOR,
    roles.PANEL_MEMBER,
    roles.PROVIDER_EDITOR,
]


def test_the_data_migration_creates_every_role():
    assert set(Group.objects.values_list("name", flat=True)) == set(roles.ALL_ROLES)


def test_anonymous_visitor_is_sent_to_sign_in_for_the_admin(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_roles_without_admin_rights_are_kept_out_of_the_admin(client, make_user, role):
    client.force_login(make_user(roles=[role]))
    response = client.get("/admin/")
    # Wagtail sends signed-in users without access_admin back to the login page.
    assert response.status_code == 302
    assert "/accounts/login/" in response.url or response.url == "/"
    assert client.get("/admin/pages/").status_code == 302


@pytest.mark.parametrize("role", ADMIN_ROLES)
def test_admin_roles_reach_the_admin_once_their_authenticator_is_set_up(client, mfa_user, role):
    user, _secret = mfa_user(roles=[role])
    client.force_login(user)
    assert client.get("/admin/").status_code == 200


def test_only_vru_staff_may_edit_pages(client, mfa_user, home_page):
    coordinator, _ = mfa_user(roles=[roles.AMBASSADOR_COORDINATOR])
    staff, _ = mfa_user(roles=[roles.VRU_STAFF])
    edit_url = f"/admin/pages/{home_page.pk}/edit/"

    client.force_login(coordinator)
    assert client.get(edit_url).status_code in (302, 403)

    client.force_login(staff)
    assert client.get(edit_url).status_code == 200


def test_staff_without_an_authenticator_must_set_one_up_first(client, make_user):
    make_user(username="new-staff", email="new-staff@example.org", roles=[roles.VRU_STAFF])
    client.post(
        "/accounts/login/", {"login": "new-staff@example.org", "password": "correct-horse-battery"}
    )
    for path in ("/admin/", "/", "/account/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.url == "/accounts/2fa/totp/activate/"
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200


def test_residents_are_never_asked_for_an_authenticator(client, make_user):
    client.force_login(make_user())
    assert client.get("/account/").status_code == 200


def test_staff_login_asks_for_the_authenticator_code(client, mfa_user):
    _user, secret = mfa_user(
        username="officer", email="officer@example.org", roles=[roles.VRU_STAFF]
    )
    response = client.post(
        "/accounts/login/", {"login": "officer@example.org", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert response.url == "/accounts/2fa/authenticate/"
    assert client.get("/admin/").status_code == 302  # not signed in yet

    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert "Incorrect code." in response.content.decode()

    import time

    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_staff_may_not_remove_their_authenticator(client, mfa_user):
    user, _ = mfa_user(roles=[roles.VRU_STAFF])
    client.force_login(user)
    response = client.post("/accounts/2fa/totp/deactivate/", {})
    assert user.authenticator_set.filter(type="totp").exists()
    assert response.status_code in (200, 302, 403)
