"""Who sees what: an ambassador only ever their own, the public nothing, coordinators all."""

import pytest
from django.urls import reverse

from ambassadors.models import OutreachLog
from cms.core.roles import PANEL_MEMBER
from tests.ambassadors.factories import ClaimFactory, OutreachLogFactory

SECRET_NOTE = "Note about the rec ground by the other ambassador"

PORTAL_PAGES = [
    "ambassadors:portal",
    "ambassadors:log_list",
    "ambassadors:log_create",
    "ambassadors:resources",
    "ambassadors:claim_list",
    "ambassadors:claim_create",
    "ambassadors:message_list",
]
COORDINATOR_PAGES = [
    "ambassadors_dashboard",
    "ambassadors_dashboard_csv",
    "ambassadors_claims",
    "ambassadors_finance_csv",
    "ambassadors_hours",
    "ambassadors_reading",
    "ambassadors_reading_csv",
    "ambassadors_messages",
    "ambassadors_message_new",
    "wagtailsnippets_ambassadors_ambassador:list",
    "wagtailsnippets_ambassadors_outreachlog:list",
]


@pytest.fixture
def others_records(other_ambassador):
    log = OutreachLogFactory(ambassador=other_ambassador, what_we_heard=SECRET_NOTE, ward="Clifton")
    claim = ClaimFactory(ambassador=other_ambassador, expenses_description="Taxi for Dwayne")
    return log, claim


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", PORTAL_PAGES)
def test_portal_pages_never_show_another_ambassadors_records(
    ambassador_client, ambassador, others_records, url_name
):
    OutreachLogFactory(ambassador=ambassador, what_we_heard="Mine")
    response = ambassador_client.get(reverse(url_name))
    assert response.status_code == 200
    body = response.content.decode()
    assert SECRET_NOTE not in body
    assert "Clifton" not in body
    assert "Taxi for Dwayne" not in body
    assert "Dwayne R" not in body


@pytest.mark.django_db
def test_an_ambassador_cannot_open_or_change_another_ambassadors_log(
    ambassador_client, others_records
):
    log, _ = others_records
    url = reverse("ambassadors:log_edit", args=[log.pk])
    assert ambassador_client.get(url).status_code == 404
    response = ambassador_client.post(url, {"what_we_heard": "Overwritten", "date": "2026-01-01"})
    assert response.status_code == 404
    log.refresh_from_db()
    assert log.what_we_heard == SECRET_NOTE


@pytest.mark.django_db
def test_an_ambassador_cannot_download_another_ambassadors_receipt(
    ambassador_client, others_records
):
    _, claim = others_records
    response = ambassador_client.get(reverse("ambassadors:claim_receipt", args=[claim.pk]))
    assert response.status_code == 404


@pytest.mark.django_db
def test_an_ambassador_can_download_their_own_receipt(ambassador_client, ambassador):
    claim = ClaimFactory(ambassador=ambassador)
    response = ambassador_client.get(reverse("ambassadors:claim_receipt", args=[claim.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", COORDINATOR_PAGES)
def test_ambassadors_cannot_reach_coordinator_pages_or_exports(
    ambassador_client, others_records, url_name
):
    response = ambassador_client.get(reverse(url_name))
    assert response.status_code in (302, 403)
    assert SECRET_NOTE.encode() not in response.content
    assert b"Dwayne R" not in response.content


@pytest.mark.django_db
def test_ambassadors_cannot_open_or_change_records_in_the_admin(
    ambassador_client, other_ambassador, others_records
):
    log, claim = others_records
    urls = [
        reverse("wagtailsnippets_ambassadors_outreachlog:inspect", args=[log.pk]),
        reverse("wagtailsnippets_ambassadors_outreachlog:edit", args=[log.pk]),
        reverse("wagtailsnippets_ambassadors_ambassador:edit", args=[other_ambassador.pk]),
    ]
    for url in urls:
        response = ambassador_client.get(url)
        assert response.status_code in (302, 403), url
        assert SECRET_NOTE.encode() not in response.content
        ambassador_client.post(url, {"what_we_heard": "Overwritten"})
    log.refresh_from_db()
    assert log.what_we_heard == SECRET_NOTE
    decide = reverse("ambassadors_claim_decide", args=[claim.pk])
    ambassador_client.post(decide, {"decision": "approve"})
    claim.refresh_from_db()
    assert claim.status == claim.Status.SUBMITTED


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", PORTAL_PAGES)
def test_the_public_is_sent_to_sign_in_from_every_portal_page(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_the_public_sees_no_logs_receipts_or_exports(client, others_records):
    log, claim = others_records
    urls = [
        reverse("ambassadors:log_edit", args=[log.pk]),
        reverse("ambassadors:claim_receipt", args=[claim.pk]),
        *[reverse(name) for name in COORDINATOR_PAGES],
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert SECRET_NOTE.encode() not in response.content


@pytest.mark.django_db
def test_the_public_landing_page_shows_no_records(client, others_records):
    response = client.get(reverse("ambassadors:index"))
    assert response.status_code == 200
    assert SECRET_NOTE.encode() not in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", PORTAL_PAGES)
def test_signed_in_people_without_an_ambassador_record_are_refused(client, make_user, url_name):
    client.force_login(make_user(roles=[PANEL_MEMBER]))
    assert client.get(reverse(url_name)).status_code == 403


@pytest.mark.django_db
def test_an_ambassador_role_without_a_record_is_refused(client, make_user):
    from cms.core.roles import COMMUNITY_AMBASSADOR

    client.force_login(make_user(roles=[COMMUNITY_AMBASSADOR]))
    assert client.get(reverse("ambassadors:portal")).status_code == 403


@pytest.mark.django_db
def test_coordinators_see_everyones_logs_claims_and_receipts(
    coordinator_client, ambassador, others_records
):
    log, claim = others_records
    mine = OutreachLogFactory(ambassador=ambassador, ward="Sneinton")
    listing = coordinator_client.get(reverse("wagtailsnippets_ambassadors_outreachlog:list"))
    assert listing.status_code == 200
    assert str(log).encode() in listing.content and str(mine).encode() in listing.content

    inspect = coordinator_client.get(
        reverse("wagtailsnippets_ambassadors_outreachlog:inspect", args=[log.pk])
    )
    assert SECRET_NOTE.encode() in inspect.content

    claims = coordinator_client.get(reverse("ambassadors_claims"))
    assert b"Dwayne R" in claims.content

    receipt = coordinator_client.get(reverse("ambassadors:claim_receipt", args=[claim.pk]))
    assert receipt.status_code == 200

    for name in COORDINATOR_PAGES:
        assert coordinator_client.get(reverse(name)).status_code == 200, name
    assert OutreachLog.objects.count() == 2


@pytest.mark.django_db
def test_an_ambassador_who_has_left_loses_portal_access(ambassador_client, ambassador):
    ambassador.status = ambassador.Status.LEFT
    ambassador.save()
    assert ambassador_client.get(reverse("ambassadors:portal")).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", COORDINATOR_PAGES)
def test_other_admin_users_without_the_coordinator_role_are_refused(
    client, mfa_user, others_records, url_name
):
    from cms.core.roles import VRU_STAFF

    staff, _ = mfa_user(roles=[VRU_STAFF])
    client.force_login(staff)
    response = client.get(reverse(url_name))
    assert response.status_code in (302, 403)
    assert SECRET_NOTE.encode() not in response.content
    assert b"Dwayne R" not in response.content


@pytest.mark.django_db
def test_the_admin_menu_lists_only_the_screens_a_person_may_open(rf, coordinator, mfa_user):
    from ambassadors.wagtail_hooks import register_ambassadors_menu
    from cms.core.roles import VRU_STAFF
    from tests.factories import UserFactory

    submenu = register_ambassadors_menu()

    def labels(user) -> list[str]:
        request = rf.get("/admin/")
        request.user = user
        return [item.label for item in submenu.menu.menu_items_for_request(request)]

    everything = [
        "Dashboard",
        "Ambassadors",
        "Outreach logs",
        "Hours approval",
        "Claims",
        "Required reading",
        "Messages",
        "Topics",
    ]
    assert labels(coordinator) == everything
    assert labels(UserFactory(is_superuser=True)) == everything
    staff, _ = mfa_user(roles=[VRU_STAFF])
    assert labels(staff) == []
