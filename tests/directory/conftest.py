import pytest
from django.test import Client

from cms.core.roles import VRU_STAFF
from tests.directory.factories import OrganisationFactory


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Bulwell Youth Trust")


@pytest.fixture
def provider(make_user, organisation):
    """A signed-up person who edits the organisation's listings."""
    user = make_user(username="provider", email="provider@example.org")
    organisation.add_editor(user, by=None)
    return user


@pytest.fixture
def staff_client(mfa_user):
    """A second browser, signed in to the Wagtail admin as VRU staff (with an authenticator)."""
    user, _secret = mfa_user(username="moderator", email="moderator@example.org", roles=[VRU_STAFF])
    client = Client()
    client.force_login(user)
    client.user = user
    return client


def service_form_data(**overrides) -> dict:
    """A complete, valid answer to the public service form."""
    from assets_directory.models import Area, Taxonomy

    data = {
        "name": "Bulwell after-school club",
        "description": "Games, homework help and a hot meal after school.",
        "categories": [Taxonomy.objects.get(slug="youth-clubs").pk],
        "areas": [Area.objects.get(slug="nottingham-city").pk],
        "minimum_age": "8",
        "maximum_age": "16",
        "eligibility_description": "Children living in Bulwell.",
        "is_free": "on",
        "fees_description": "",
        "email": "club@example.org",
        "url": "https://example.org/club",
        "phone": "0115 496 0123",
        "address_1": "2 Main Street",
        "city": "Nottingham",
        "postal_code": "ng6 8qa",
        "wheelchair_accessible": "on",
        "accessibility": "Step-free entrance.",
        "opens_2": "15:30",
        "closes_2": "18:00",
        "submit": "1",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
