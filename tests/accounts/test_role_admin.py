"""Staff give and take away roles in the admin, each change recorded (who, when): a
coordinator can finish onboarding an ambassador, and nobody changes their own roles."""

import pytest
from django.urls import reverse

from cms.core.models import RoleChange
from cms.core.roles import (
    AMBASSADOR_COORDINATOR,
    COMMUNITY_AMBASSADOR,
    PANEL_MEMBER,
    VRU_STAFF,
    YOUTH_AMBASSADOR,
    has_role,
)
from tests.ambassadors.factories import AmbassadorFactory

pytestmark = pytest.mark.django_db
ROLES = "/admin/roles/"


@pytest.fixture
def coordinator(client, mfa_user):
    user, _ = mfa_user(username="coord", email="coord@example.org", roles=[AMBASSADOR_COORDINATOR])
    client.force_login(user)
    return user


def test_a_coordinator_links_an_account_and_gives_the_ambassador_role(
    client, coordinator, make_user
):
    amira = make_user(username="amira", email="amira@example.org")
    record = AmbassadorFactory(display_name="Amira K", user=None)
    edit = reverse("wagtailsnippets_ambassadors_ambassador:edit", args=[record.pk])
    assert client.get(edit).status_code == 200

    response = client.post(
        ROLES, {"email": "Amira@Example.org", "role": COMMUNITY_AMBASSADOR, "action": "grant"}
    )

    assert response.status_code == 302
    assert has_role(amira, COMMUNITY_AMBASSADOR)
    change = RoleChange.objects.get()
    assert (change.user, change.role, change.granted, change.changed_by) == (
        amira,
        COMMUNITY_AMBASSADOR,
        True,
        coordinator,
    )
    assert change.changed_at is not None
    assert "amira@example.org" in client.get(ROLES).content.decode()


def test_staff_take_a_role_away_and_it_is_recorded(client, mfa_user, make_user):
    staff, _ = mfa_user(roles=[VRU_STAFF])
    member = make_user(email="sam@example.org", roles=[PANEL_MEMBER])
    client.force_login(staff)

    client.post(ROLES, {"email": "sam@example.org", "role": PANEL_MEMBER, "action": "revoke"})

    assert not has_role(member, PANEL_MEMBER)
    assert RoleChange.objects.get().granted is False


def test_a_coordinator_may_not_give_staff_roles(client, coordinator, make_user):
    make_user(email="friend@example.org")
    response = client.post(
        ROLES, {"email": "friend@example.org", "role": VRU_STAFF, "action": "grant"}
    )
    assert response.status_code == 400
    assert not RoleChange.objects.exists()


def test_nobody_changes_their_own_roles(client, coordinator):
    client.post(ROLES, {"email": "coord@example.org", "role": YOUTH_AMBASSADOR, "action": "grant"})
    assert not has_role(coordinator, YOUTH_AMBASSADOR)
    assert not RoleChange.objects.exists()


def test_an_unknown_address_is_a_clear_message(client, coordinator):
    response = client.post(
        ROLES, {"email": "nobody@example.org", "role": YOUTH_AMBASSADOR, "action": "grant"}
    )
    assert "No account uses that email address." in response.content.decode()


def test_people_without_a_role_to_give_cannot_open_it(client, make_user):
    client.force_login(make_user(roles=[COMMUNITY_AMBASSADOR]))
    assert client.get(ROLES).status_code in (302, 403)
