"""Fixtures for the ambassadors' tests: two ambassadors, a coordinator, private receipts."""

import pytest

from cms.core.roles import AMBASSADOR_COORDINATOR
from tests.ambassadors.factories import AmbassadorFactory


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Receipts go to a temporary private folder, never the worktree."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def ambassador(db):
    return AmbassadorFactory(display_name="Amira K")


@pytest.fixture
def other_ambassador(db):
    return AmbassadorFactory(display_name="Dwayne R")


@pytest.fixture
def ambassador_client(client, ambassador):
    client.force_login(ambassador.user)
    return client


@pytest.fixture
def coordinator(mfa_user):
    user, _ = mfa_user(roles=[AMBASSADOR_COORDINATOR])
    return user


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client
