"""A staff member signs in with a password and an authenticator code and reaches the admin."""

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import expect

from cms.core.roles import VRU_STAFF
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_staff_need_their_authenticator_code_to_reach_the_admin(page, home_page, mfa_user):
    _user, secret = mfa_user(username="officer", email="officer@example.org", roles=[VRU_STAFF])

    page.goto("/admin/")
    page.get_by_label("Email").fill("officer@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(f"{page.url.split('/accounts/')[0]}/accounts/2fa/authenticate/")
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name="Incorrect code.")).to_be_visible()  # error summary

    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Sign in").click()
    page.goto("/admin/")
    expect(page).to_have_title("Dashboard - Wagtail")
