"""Ambassadors propose gaps; staff review them before the public sees them."""

import pytest
from django.core import mail
from django.db import transaction
from django.template import engines
from django.test import RequestFactory

from assets_directory.gaps.models import Gap
from assets_directory.gaps.portal import proposal_link
from assets_directory.models import Area
from cms.core.roles import COMMUNITY_AMBASSADOR, PANEL_MEMBER, VRU_STAFF, YOUTH_AMBASSADOR

pytestmark = pytest.mark.django_db
URL = "/services/gaps/propose/"


def _proposal(**overrides) -> dict:
    ashfield = Area.objects.get(slug="ashfield")
    return {
        "title": "Nothing open after school in Kirkby",
        "areas": [ashfield.pk],
        "age_group": "11_17",
        "evidence": "Parents at the community centre told me this twice.",
        **overrides,
    }


def test_only_community_and_youth_ambassadors_may_propose(client, make_user):
    assert client.get(URL).status_code == 302  # to sign in
    client.force_login(make_user(roles=[PANEL_MEMBER]))
    assert client.get(URL).status_code == 403
    assert client.post(URL, _proposal()).status_code == 403
    client.force_login(make_user(roles=[YOUTH_AMBASSADOR]))
    assert client.get(URL).status_code == 200
    assert not Gap.objects.exists()


def test_a_proposal_waits_for_staff_and_then_goes_public(
    client, make_user, mfa_user, django_capture_on_commit_callbacks
):
    staff, _ = mfa_user(roles=[VRU_STAFF])
    ambassador = make_user(roles=[COMMUNITY_AMBASSADOR])
    client.force_login(ambassador)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, _proposal())
    assert response.status_code == 200 and "Gap sent for review" in response.content.decode()
    gap = Gap.objects.get()
    assert (gap.status, gap.source, gap.proposed_by) == (
        Gap.Status.PROPOSED,
        Gap.Source.AMBASSADOR,
        ambassador,
    )
    assert [m.to for m in mail.outbox] == [[staff.email]]
    assert f"/admin/snippets/gaps/gap/edit/{gap.pk}/" in mail.outbox[0].body

    client.logout()
    assert gap.title not in client.get("/services/gaps/").content.decode()
    client.force_login(staff)
    assert gap.title in client.get("/services/gaps/").content.decode()
    edit = client.get(f"/admin/snippets/gaps/gap/edit/{gap.pk}/")
    assert edit.status_code == 200

    gap.status = Gap.Status.IDENTIFIED
    gap.save()
    client.logout()
    assert gap.title in client.get("/services/gaps/").content.decode()


def test_invalid_proposal_shows_errors_and_saves_nothing(client, make_user):
    client.force_login(make_user(roles=[COMMUNITY_AMBASSADOR]))
    response = client.post(URL, _proposal(title="", areas=[]))
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html and "Choose at least one area." in html
    assert not Gap.objects.exists()


def test_portal_link_only_for_ambassadors(make_user):
    template = engines["django"].from_string('{% include "gaps/includes/propose_link.html" %}')
    request = RequestFactory().get("/ambassadors/")
    request.user = make_user(roles=[COMMUNITY_AMBASSADOR])
    assert proposal_link(request.user) == URL
    assert URL in template.render({"request": request})
    request.user = make_user(roles=[PANEL_MEMBER])
    assert proposal_link(request.user) is None
    assert URL not in template.render({"request": request})


def test_personal_data_export_and_erase(client, make_user):
    from cms.accounts.data_rights import erase_for, export_for

    ambassador = make_user(roles=[COMMUNITY_AMBASSADOR])
    client.force_login(ambassador)
    client.post(URL, _proposal())
    assert export_for(ambassador)["gap proposals"][0]["title"] == _proposal()["title"]
    erase_for(ambassador)
    assert Gap.objects.get().proposed_by is None


def test_staff_record_a_gap_in_the_admin_linked_to_an_action(client, mfa_user):
    from assets_directory.gaps.models import StrategyAction

    staff, _ = mfa_user(roles=[VRU_STAFF])
    client.force_login(staff)
    action = StrategyAction.objects.get(reference="T3-6")
    assert StrategyAction.objects.count() == 30  # seeded from the Response Strategy
    response = client.post(
        "/admin/snippets/gaps/gap/add/",
        {
            "title": "Bereavement support for 18 to 24s in Mansfield",
            "areas": [Area.objects.get(slug="mansfield").pk],
            "age_group": "18_24",
            "evidence": "Needs assessment finding.",
            "source": Gap.Source.SNA,
            "status": Gap.Status.BEING_ADDRESSED,
            "action": action.pk,
        },
    )
    assert response.status_code == 302
    gap = Gap.objects.get()
    assert gap.action == action and gap.status == Gap.Status.BEING_ADDRESSED
    html = client.get("/services/gaps/").content.decode()
    assert "Bereavement support for 18 to 24s in Mansfield" in html
    assert "T3-6: Improved access to mental health support" in html


def test_ambassadors_cannot_use_the_gaps_admin(client, mfa_user):
    ambassador, _ = mfa_user(roles=[COMMUNITY_AMBASSADOR])
    client.force_login(ambassador)
    assert client.get("/admin/snippets/gaps/gap/").status_code in (302, 403)


def _edit_form(gap: Gap, **changes) -> dict:
    """The admin edit form for `gap` as staff would post it, with some fields changed."""
    return {
        "title": gap.title,
        "areas": [area.pk for area in gap.areas.all()],
        "age_group": gap.age_group,
        "evidence": gap.evidence,
        "source": gap.source,
        "status": gap.status,
        "decision_reason": "",
        **changes,
    }


@pytest.fixture
def proposal(make_user):
    ambassador = make_user(email="amb@example.org", roles=[YOUTH_AMBASSADOR])
    gap = Gap.objects.create(
        title="Nothing open after school in Kirkby",
        evidence="Parents told me.",
        source=Gap.Source.AMBASSADOR,
        status=Gap.Status.PROPOSED,
        proposed_by=ambassador,
    )
    gap.areas.set([Area.objects.get(slug="ashfield")])
    return gap


@pytest.mark.parametrize(
    ("status", "told"),
    [(Gap.Status.IDENTIFIED, "added it to the Gaps page"), (Gap.Status.DECLINED, "not to add")],
)
def test_staff_decide_a_proposal_in_the_admin_and_the_proposer_is_told(
    client, mfa_user, proposal, status, told, django_capture_on_commit_callbacks
):
    staff, _ = mfa_user(roles=[VRU_STAFF])
    client.force_login(staff)
    edit = f"/admin/snippets/gaps/gap/edit/{proposal.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit, _edit_form(proposal, status=status, decision_reason="Seen in our data too.")
        )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == (status, staff)
    assert proposal.decided_at is not None
    assert proposal.decision_reason == "Seen in our data too."
    assert [m.to for m in mail.outbox] == [["amb@example.org"]]
    message = mail.outbox[0]
    assert proposal.title in message.subject
    assert told in message.body and "Why: Seen in our data too." in message.body

    # Editing the gap again (no longer a proposal) is not another decision.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit, _edit_form(proposal, status=Gap.Status.CLOSED))
    assert len(mail.outbox) == 1


def test_editing_a_gap_staff_recorded_tells_nobody(client, mfa_user, make_user):
    staff, _ = mfa_user(roles=[VRU_STAFF])
    client.force_login(staff)
    gap = Gap.objects.create(title="Recorded by staff", evidence="SNA", source=Gap.Source.SNA)
    gap.areas.set([Area.objects.get(slug="ashfield")])
    client.post(
        f"/admin/snippets/gaps/gap/edit/{gap.pk}/", _edit_form(gap, status=Gap.Status.CLOSED)
    )
    gap.refresh_from_db()
    assert gap.status == Gap.Status.CLOSED and gap.decided_at is None
    assert mail.outbox == []


class RolledBack(Exception):
    pass


def test_staff_are_told_only_once_the_proposal_is_committed(
    client, make_user, mfa_user, django_capture_on_commit_callbacks
):
    mfa_user(roles=[VRU_STAFF])
    client.force_login(make_user(roles=[COMMUNITY_AMBASSADOR]))
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RolledBack),
        transaction.atomic(),
    ):
        assert client.post(URL, _proposal()).status_code == 200
        raise RolledBack
    assert mail.outbox == [] and not Gap.objects.exists()
