"""Nobody decides their own request: a member of staff who also asked (an expense claim, a
panel application, an organisation claim, a proposed gap) is refused with a message, and
nothing changes. The rule lives once, in cms.core.decisions.StaffDecision."""

import pytest
from django.urls import reverse

from ambassadors.models import Claim
from assets_directory.gaps.models import Gap
from assets_directory.models import Area, OrganisationClaim
from cms.core.roles import AMBASSADOR_COORDINATOR, PANEL_MEMBER, VRU_STAFF, has_role
from consultations.models import PanelApplication
from tests.ambassadors.factories import AmbassadorFactory, ClaimFactory
from tests.directory.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
OWN = "You cannot decide on your own request"


def test_a_coordinator_cannot_approve_their_own_expense_claim(client, mfa_user):
    coordinator, _ = mfa_user(roles=[AMBASSADOR_COORDINATOR])
    own_claim = ClaimFactory(ambassador=AmbassadorFactory(user=coordinator))
    client.force_login(coordinator)

    response = client.post(
        reverse("ambassadors_claim_decide", args=[own_claim.pk]),
        {"decision": "approve"},
        follow=True,
    )

    assert OWN in response.content.decode()
    own_claim.refresh_from_db()
    assert (own_claim.status, own_claim.decided_by) == (Claim.Status.SUBMITTED, None)


def test_staff_cannot_approve_their_own_panel_application(client, mfa_user):
    staff, _ = mfa_user(roles=[VRU_STAFF])
    application = PanelApplication.objects.create(user=staff, reason="Why", area="Gedling")
    client.force_login(staff)

    response = client.post(
        f"/admin/consultation-results/panel-applications/{application.pk}/decide/",
        {"decision": "approve"},
        follow=True,
    )

    assert OWN in response.content.decode()
    application.refresh_from_db()
    assert application.status == PanelApplication.Status.PENDING
    assert not has_role(staff, PANEL_MEMBER)


def test_staff_cannot_approve_their_own_organisation_claim(client, mfa_user):
    staff, _ = mfa_user(roles=[VRU_STAFF])
    organisation = OrganisationFactory(name="Meadows Boxing Club")
    own_claim = OrganisationClaim.objects.create(
        organisation=organisation, user=staff, role_at_organisation="Chair", evidence="Me."
    )
    client.force_login(staff)
    url = reverse("wagtailsnippets_assets_directory_organisationclaim:edit", args=[own_claim.pk])

    response = client.post(url, {"status": "approved", "decision_reason": "It is me."})

    assert OWN in response.content.decode()
    own_claim.refresh_from_db()
    assert own_claim.status == OrganisationClaim.Status.PENDING
    assert staff not in organisation.editors.all()


def test_staff_cannot_accept_a_gap_they_proposed(client, mfa_user):
    staff, _ = mfa_user(roles=[VRU_STAFF])
    gap = Gap.objects.create(
        title="Nothing open after school in Kirkby",
        evidence="Parents told me.",
        source=Gap.Source.AMBASSADOR,
        status=Gap.Status.PROPOSED,
        proposed_by=staff,
    )
    gap.areas.set([Area.objects.get(slug="ashfield")])
    client.force_login(staff)

    response = client.post(
        f"/admin/snippets/gaps/gap/edit/{gap.pk}/",
        {
            "title": gap.title,
            "areas": [area.pk for area in gap.areas.all()],
            "age_group": gap.age_group,
            "evidence": gap.evidence,
            "source": gap.source,
            "status": Gap.Status.IDENTIFIED,
            "decision_reason": "",
        },
    )

    assert OWN in response.content.decode()
    gap.refresh_from_db()
    assert (gap.status, gap.decided_at) == (Gap.Status.PROPOSED, None)


def test_another_member_of_staff_may_decide_it(client, mfa_user):
    asker, _ = mfa_user(roles=[AMBASSADOR_COORDINATOR])
    other, _ = mfa_user(roles=[AMBASSADOR_COORDINATOR])
    claim = ClaimFactory(ambassador=AmbassadorFactory(user=asker))
    client.force_login(other)

    client.post(reverse("ambassadors_claim_decide", args=[claim.pk]), {"decision": "approve"})

    claim.refresh_from_db()
    assert (claim.status, claim.decided_by) == (Claim.Status.APPROVED, other)
