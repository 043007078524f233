"""Wagtail's choosers and admin API show a coordinator only what their role may see: no
draft listings, organisation claims, proposed gaps or draft pages."""

import pytest
from wagtail.snippets.models import get_snippet_models

from assets_directory.gaps.models import Gap
from assets_directory.models import OrganisationClaim, Service
from cms.core.roles import AMBASSADOR_COORDINATOR, VRU_STAFF
from tests.ambassadors.factories import AmbassadorFactory
from tests.directory.factories import OrganisationFactory
from tests.factories import StandardPageFactory
from tests.gaps.factories import GapFactory

pytestmark = pytest.mark.django_db


def refused(response) -> bool:
    """Wagtail's admin turns a refusal into a redirect to the dashboard with a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == "/admin/"
    )


def chooser_paths(model) -> list[str]:
    base = f"/admin/snippets/choose/{model._meta.app_label}/{model._meta.model_name}/"
    return [base, f"{base}results/?q=a"]


@pytest.fixture
def coordinator_client(client, mfa_user):
    user, _ = mfa_user(roles=[AMBASSADOR_COORDINATOR])
    client.force_login(user)
    return client


@pytest.fixture
def secrets(make_user):
    organisation = OrganisationFactory(name="Meadows Boxing Club")
    draft = Service(organisation=organisation, name="Draft listing", description="d", live=False)
    draft.save()
    claim = OrganisationClaim.objects.create(
        organisation=organisation, user=make_user(), role_at_organisation="Chair", evidence="x"
    )
    gap = GapFactory(title="Proposed gap", status=Gap.Status.PROPOSED)
    return {Service: draft, OrganisationClaim: claim, Gap: gap}


@pytest.mark.parametrize("model", [Service, OrganisationClaim, Gap])
def test_a_coordinator_cannot_list_or_pick_listings_claims_or_gaps(
    coordinator_client, secrets, model
):
    for path in chooser_paths(model):
        assert refused(coordinator_client.get(path))
    chosen = f"{chooser_paths(model)[0]}chosen/{secrets[model].pk}/"
    assert refused(coordinator_client.get(chosen))


def test_every_snippet_chooser_asks_for_a_right_on_its_model(client, mfa_user):
    from django.contrib.auth.models import Permission

    outsider, _ = mfa_user()
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    for model in get_snippet_models():
        for path in chooser_paths(model):
            assert refused(client.get(path)), path


def test_a_coordinator_still_chooses_the_ambassadors_they_manage(coordinator_client):
    AmbassadorFactory(display_name="Amira K")
    response = coordinator_client.get(chooser_paths(AmbassadorFactory._meta.model)[0])
    assert response.status_code == 200
    assert "Amira K" in response.content.decode()


def test_the_page_chooser_shows_drafts_only_to_page_editors(client, mfa_user, home_page):
    StandardPageFactory(parent=home_page, title="Secret draft page", live=False)
    StandardPageFactory(parent=home_page, title="Published page")
    coordinator, _ = mfa_user(roles=[AMBASSADOR_COORDINATOR])
    editor, _ = mfa_user(roles=[VRU_STAFF])
    for path in (f"/admin/choose-page/{home_page.pk}/", "/admin/choose-page/search/?q=page"):
        client.force_login(coordinator)
        seen = client.get(path).content.decode()
        assert "Published page" in seen and "Secret draft page" not in seen
        client.force_login(editor)
        assert "Secret draft page" in client.get(path).content.decode()


def test_the_admin_api_gives_a_coordinator_no_pages(coordinator_client, home_page):
    """Guard (already true: Wagtail limits the API to pages the user may explore)."""
    StandardPageFactory(parent=home_page, title="Secret draft page", live=False)
    response = coordinator_client.get("/admin/api/main/pages/?child_of=" + str(home_page.pk))
    assert "Secret draft page" not in response.content.decode()


def test_a_coordinator_correcting_an_outreach_log_is_offered_no_draft_listing(
    coordinator_client, secrets
):
    from tests.ambassadors.factories import OutreachLogFactory
    from tests.directory.factories import publish_service

    log = OutreachLogFactory()
    published = publish_service(name="Bulwell Boxing Club")
    edit = coordinator_client.get(f"/admin/snippets/ambassadors/outreachlog/edit/{log.pk}/")
    assert edit.status_code == 200
    offered = edit.context["form"].fields["services_signposted"].queryset
    assert published in offered
    assert secrets[Service] not in offered
    assert "Draft listing" not in edit.content.decode()
