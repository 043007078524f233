"""Fixtures shared by the whole suite."""

import time

import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from django.test import Client
from wagtail.models import Page, Site

from tests.factories import HomePageFactory, UserFactory


@pytest.fixture
def home_page(db):
    """A home page serving as the default site's root, as `load_demo` sets it up."""
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    home = HomePageFactory(parent=root, slug="home")
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    return home


@pytest.fixture
def make_user(db):
    """Make a signed-up user with the given roles: `make_user(roles=["VRU staff"])`."""
    return UserFactory


@pytest.fixture
def mfa_user(make_user):
    """Make a user with an authenticator app set up, returning (user, totp_secret)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    def make(**kwargs):
        user = make_user(**kwargs)
        secret = generate_totp_secret()
        TOTP.activate(user, secret)
        return user, secret

    return make


@pytest.fixture
def real_worker(settings):
    """A Celery worker thread consuming from the real Redis broker: no eager shortcuts."""
    from celery.contrib.testing.worker import start_worker

    from cms import celery_app

    celery_app.conf.task_always_eager = False
    try:
        with start_worker(celery_app, perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        celery_app.conf.task_always_eager = True


_django_force_login = Client.force_login


def _force_login_with_both_factors(self, user, backend=None):
    """`client.force_login(user)` stands for a completed sign-in: for someone with an
    authenticator app, allauth's record that the code was entered in this session too.

    WHY: the admin now requires that record (cms.accounts.middleware), and most tests are
    about what a signed-in person may do, not about signing in. The sign-in itself is proved
    through the real forms in tests/accounts/test_ways_in.py, and `client.login()` still
    signs in with a password alone, for the tests that the admin refuses such a session.
    """
    _django_force_login(self, user, backend)
    if not user.authenticator_set.filter(type="totp").exists():
        return
    session = self.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time(), "email": user.email},
        {"method": "mfa", "at": time.time(), "type": "totp"},
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()


Client.force_login = _force_login_with_both_factors
