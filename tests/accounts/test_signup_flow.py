"""Sign-up, email verification, login and logout over a real socket (live server + requests)."""

import re

import pytest
import requests
from django.contrib.auth import get_user_model
from django.core import mail

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class Browserless:
    """A tiny HTTP client that keeps cookies and sends Django's CSRF token like a form would."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.session = requests.Session()

    def get(self, path: str) -> requests.Response:
        return self.session.get(self.base_url + path, timeout=10)

    def post(self, path: str, data: dict) -> requests.Response:
        self.get(path)
        data = {**data, "csrfmiddlewaretoken": self.session.cookies["csrftoken"]}
        return self.session.post(
            self.base_url + path, data=data, timeout=10, headers={"Referer": self.base_url + path}
        )


def test_sign_up_verify_log_in_and_out(live_server, home_page):
    client = Browserless(live_server.url)

    response = client.post(
        "/accounts/signup/",
        {
            "email": "resident@example.org",
            "password1": "a-long-passphrase-42",
            "password2": "a-long-passphrase-42",
        },
    )
    assert response.status_code == 200
    assert "Check your email" in response.text
    user = get_user_model().objects.get(email="resident@example.org")

    # Verification is mandatory: logging in before confirming sends you back to verify.
    response = client.post(
        "/accounts/login/", {"login": "resident@example.org", "password": "a-long-passphrase-42"}
    )
    assert "Check your email" in response.text
    assert "Sign out" not in response.text

    confirmation = mail.outbox[0]
    assert confirmation.to == ["resident@example.org"]
    key_path = re.search(r"(/accounts/confirm-email/[^/\s]+/)", confirmation.body).group(1)
    response = client.post(key_path, {})
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.emailaddress_set.get().verified

    client.get("/accounts/logout/")
    client.post("/accounts/logout/", {})
    assert "Sign in" in client.get("/").text

    response = client.post(
        "/accounts/login/", {"login": "resident@example.org", "password": "a-long-passphrase-42"}
    )
    assert response.url.endswith("/account/")
    assert "resident@example.org" in response.text

    client.post("/accounts/logout/", {})
    assert client.get("/account/").url.startswith(live_server.url + "/accounts/login/")


def test_wrong_password_is_refused_with_a_clear_message(client, make_user):
    make_user(username="sam", email="sam@example.org")
    response = client.post("/accounts/login/", {"login": "sam@example.org", "password": "nope"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "The email address or password is not correct. Check them and try again." in html
    assert re.search(r"<title>Error:\s+Sign in", html)
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link_that_sets_a_new_password(client, make_user):
    make_user(username="pat", email="pat@example.org")
    client.post("/accounts/password/reset/", {"email": "pat@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/key/\S+)", mail.outbox[0].body)
    response = client.get(link.group(1), follow=True)
    form_path = response.redirect_chain[-1][0] if response.redirect_chain else link.group(1)
    response = client.post(
        form_path, {"password1": "brand-new-passphrase-7", "password2": "brand-new-passphrase-7"}
    )
    assert response.status_code == 302
    assert client.login(username="pat", password="brand-new-passphrase-7")
