"""Providers register organisations or claim listed ones; staff decide claims in the admin."""

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse

from assets_directory.models import Organisation, OrganisationClaim
from cms.accounts import data_rights
from cms.core.models import RoleChange
from cms.core.roles import PROVIDER_EDITOR
from tests.directory.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_register_an_organisation_makes_you_its_editor(client, make_user, home_page):
    user = make_user(username="founder", email="founder@example.org")
    client.force_login(user)
    find = client.get(reverse("assets_directory:find_organisation"), {"name": "Sherwood Sisters"})
    assert "No organisation matched" in find.content.decode()
    response = client.post(
        reverse("assets_directory:register_organisation"),
        {"name": "Sherwood Sisters", "description": "Peer support for young women."},
    )
    organisation = Organisation.objects.get(name="Sherwood Sisters")
    assert response.url == reverse("assets_directory:service_add", args=[organisation.slug])
    assert user in organisation.editors.all()
    assert user.groups.filter(name=PROVIDER_EDITOR).exists()
    assert RoleChange.objects.filter(user=user, role=PROVIDER_EDITOR, changed_by=user).exists()


def test_register_needs_a_name(client, make_user, home_page):
    client.force_login(make_user())
    response = client.post(reverse("assets_directory:register_organisation"), {"name": ""})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert not Organisation.objects.exists()


def claim(client, user, organisation):
    client.force_login(user)
    return client.post(
        reverse("assets_directory:claim_organisation", args=[organisation.slug]),
        {"role_at_organisation": "Youth worker", "evidence": "Call our chair on 0115 496 0999."},
    )


def decide_in_admin(staff_client, claim_obj, status, reason):
    url = reverse("wagtailsnippets_assets_directory_organisationclaim:edit", args=[claim_obj.pk])
    # The claimant is told once the decision commits, which a test's transaction never does.
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = staff_client.post(url, {"status": status, "decision_reason": reason})
    assert response.status_code == 302, response.content[:300]


def test_staff_approve_a_claim(client, staff_client, make_user, home_page):
    organisation = OrganisationFactory(name="Meadows Boxing Club")
    claimant = make_user(username="coach", email="coach@example.org")
    assert claim(client, claimant, organisation).status_code == 302
    pending = OrganisationClaim.objects.get()
    assert pending.status == OrganisationClaim.Status.PENDING
    assert claimant not in organisation.editors.all()
    # Asking twice does not make a second claim.
    claim(client, claimant, organisation)
    assert OrganisationClaim.objects.count() == 1

    decide_in_admin(staff_client, pending, "approved", "Chair confirmed by phone.")

    assert claimant in organisation.editors.all()
    pending.refresh_from_db()
    assert RoleChange.objects.get(user=claimant).changed_by == pending.decided_by
    assert mail.outbox[-1].to == ["coach@example.org"]
    assert "You can now add and edit listings" in mail.outbox[-1].body
    add = reverse("assets_directory:service_add", args=[organisation.slug])
    assert client.get(add).status_code == 200


def test_staff_reject_a_claim_with_a_reason(client, staff_client, make_user, home_page):
    organisation = OrganisationFactory(name="Meadows Boxing Club")
    claimant = make_user(username="pretender", email="pretender@example.org")
    claim(client, claimant, organisation)
    decide_in_admin(staff_client, OrganisationClaim.objects.get(), "rejected", "Nobody knew you.")

    assert claimant not in organisation.editors.all()
    assert "Reason: Nobody knew you." in mail.outbox[-1].body
    add = reverse("assets_directory:service_add", args=[organisation.slug])
    assert client.get(add).status_code == 403
    dashboard = client.get(reverse("assets_directory:provider")).content.decode()
    assert "Rejected" in dashboard


def test_claims_are_in_the_persons_data_export_and_go_with_them(make_user, db):
    organisation = OrganisationFactory(name="Meadows Boxing Club")
    user = make_user(username="coach")
    OrganisationClaim.objects.create(
        organisation=organisation, user=user, role_at_organisation="Coach", evidence="Ask Sam."
    )
    organisation.editors.add(user)
    exported = data_rights.export_for(user)["directory"]
    assert exported["claims"][0]["evidence"] == "Ask Sam."
    assert exported["organisations_you_edit"] == ["Meadows Boxing Club"]
    data_rights.erase_for(user)
    user.delete()
    assert not OrganisationClaim.objects.exists()
    assert not organisation.editors.exists()
