import pytest

from tests.consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory


@pytest.fixture
def consultation_index(home_page):
    return ConsultationIndexPageFactory(parent=home_page)


@pytest.fixture
def make_consultation(consultation_index):
    """Make a consultation page under /have-your-say/ with one question of every type."""

    def make(**kwargs):
        return ConsultationPageFactory(parent=consultation_index, **kwargs)

    return make


@pytest.fixture
def staff_client(client, mfa_user):
    """A client signed in as VRU staff, who run consultations and read their responses."""
    user, _ = mfa_user(roles=["VRU staff"])
    client.force_login(user)
    return client
