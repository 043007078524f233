"""A person can download everything held about them and delete their own account."""

import json
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model

from cms.accounts import data_rights
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_data_export_is_json_of_own_data_without_secrets(client, make_user):
    user = make_user(username="alex", email="alex@example.org", roles=["Panel member"])
    make_user(username="other", email="other@example.org")
    client.force_login(user)

    response = client.get("/account/download-my-data/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email_addresses"] == [
        {"email": "alex@example.org", "verified": True, "primary": True}
    ]
    assert data["account"]["roles"] == ["Panel member"]
    body = response.content.decode()
    assert "other@example.org" not in body
    assert user.password not in body


def test_export_has_a_section_from_every_app_that_holds_personal_data(client, make_user):
    user = make_user(username="jo")
    client.force_login(user)
    data = client.get("/account/download-my-data/").json()
    assert set(data) == {
        "exported_at",
        "account",
        "ambassador",
        "consultations",
        "directory",
        "gap proposals",
    }


def test_every_personal_data_module_names_its_hooks_the_same_way():
    modules = data_rights.personal_data_modules()
    assert {module.__name__ for module in modules} >= {
        "cms.accounts.personal_data",
        "assets_directory.personal_data",
        "assets_directory.gaps.personal_data",
        "ambassadors.personal_data",
        "consultations.personal_data",
    }
    for module in modules:
        assert isinstance(module.SECTION, str) and callable(module.export)
        assert callable(getattr(module, "erase", print)), module.__name__


def test_anonymous_visitors_cannot_export_or_delete(client):
    for path in ("/account/download-my-data/", "/account/delete/", "/account/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")


def test_delete_needs_the_right_password_and_changes_nothing_otherwise(client, make_user):
    user = make_user(username="kim")
    client.force_login(user)
    response = client.post("/account/delete/", {"password": "wrong"})
    assert response.status_code == 200
    assert "The password is not correct." in response.content.decode()
    assert get_user_model().objects.filter(pk=user.pk).exists()


def test_delete_removes_account_runs_erasers_and_signs_out(
    client, make_user, monkeypatch, home_page
):
    erased = []
    app = SimpleNamespace(SECTION="test", export=dict, erase=lambda u: erased.append(u.pk))
    monkeypatch.setattr(data_rights, "personal_data_modules", lambda: [app])
    user = make_user(username="lee")
    client.force_login(user)

    response = client.post("/account/delete/", {"password": PASSWORD}, follow=True)

    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert erased == [user.pk]
    assert "Your account and your personal details have been deleted." in (
        response.content.decode()
    )
    assert "_auth_user_id" not in client.session
