"""Fixtures shared by the whole suite."""

import pytest
from django.core.cache import caches
from wagtail.models import Page, Site

from tests.factories import HomePageFactory, UserFactory


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches, so no page or search result carries over."""
    for cache in caches.all():
        cache.clear()


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
