"""Providers list and edit services; VRU staff moderate in the Wagtail admin."""

import re

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from wagtail.models import TaskState

from assets_directory.models import Service
from tests.directory.conftest import service_form_data
from tests.directory.factories import publish_service
from tests.directory.test_search import result_names

pytestmark = pytest.mark.django_db


def moderate(staff_client, service: Service, action: str, comment: str = ""):
    """Approve or reject the listing's current task, as a moderator does in the admin."""
    task_state = TaskState.objects.get(
        workflow_state__object_id=str(service.pk), status=TaskState.STATUS_IN_PROGRESS
    )
    url = reverse(
        "wagtailsnippets_assets_directory_service:workflow_action",
        args=[service.pk, action, task_state.pk],
    )
    # The index update waits for the commit, which the test's transaction never reaches.
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = staff_client.post(url, {"comment": comment})
    assert response.status_code == 302, response.content[:500]


def test_new_listing_waits_for_approval_then_appears(
    client, staff_client, provider, organisation, postcodes, home_page
):
    client.force_login(provider)
    url = reverse("assets_directory:service_add", args=[organisation.slug])
    response = client.post(url, service_form_data())
    assert response.status_code == 302
    service = Service.objects.get(name="Bulwell after-school club")
    assert service.workflow_in_progress and service.status_label == "In review"
    assert not service.live
    assert result_names(client.get("/services/", {"q": "after-school"})) == []
    assert client.get(service.get_absolute_url()).status_code == 404

    moderate(staff_client, service, "approve")

    service.refresh_from_db()
    assert service.live and not service.workflow_in_progress and not service.archived
    assert service.status_label == "Published"
    found = client.get("/services/", {"q": "after-school", "location": "NG6 8QA"})
    assert result_names(found) == ["Bulwell after-school club"]
    assert "0.0 miles away" in found.content.decode()  # geocoded from its postcode
    page = client.get(service.get_absolute_url()).content.decode()
    assert "0115 496 0123" in page and "Tuesday: 15:30 to 18:00" in page
    assert mail.outbox[-1].to == ["provider@example.org"]
    assert "is published" in mail.outbox[-1].subject


def test_a_provider_says_which_access_needs_the_place_meets(
    client, staff_client, provider, organisation, postcodes, home_page
):
    client.force_login(provider)
    add = reverse("assets_directory:service_add", args=[organisation.slug])
    form = client.get(add).content.decode()
    assert 'name="access_needs" value="hearing_loop"' in form
    answers = service_form_data(access_needs=["hearing_loop", "quiet_space"])
    assert client.post(add, answers).status_code == 302
    service = Service.objects.get(name="Bulwell after-school club")
    moderate(staff_client, service, "approve")

    found = client.get("/services/", {"access": ["quiet_space", "wheelchair_accessible"]})
    assert result_names(found) == ["Bulwell after-school club"]
    location = Service.objects.get(pk=service.pk).primary_location()
    assert location.access_needs_met() == ["wheelchair_accessible", "hearing_loop", "quiet_space"]
    edit = reverse("assets_directory:service_edit", args=[service.pk])
    ticked = re.findall(
        r'<input [^>]*name="access_needs" value="(\w+)"[^>]* checked',
        (client.get(edit).content.decode()),
    )
    assert ticked == ["hearing_loop", "quiet_space"]


def test_staff_record_a_places_access_needs_in_the_admin_and_search_follows(
    client, staff_client, home_page
):
    service = publish_service(name="Bulwell Boxing")
    location = service.primary_location()
    edit = reverse("wagtailsnippets_assets_directory_location:edit", args=[location.pk])
    assert "Access needs met" in staff_client.get(edit).content.decode()
    answers = {
        "name": "",
        "address_1": location.address_1,
        "city": location.city,
        "postal_code": location.postal_code,
        "hearing_loop": "on",
        "accessibility": "",
    }
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = staff_client.post(edit, answers)
    assert response.status_code == 302, response.content[:500]
    assert result_names(client.get("/services/", {"access": "hearing_loop"})) == ["Bulwell Boxing"]


def test_an_edit_is_invisible_until_approved(
    client, staff_client, provider, organisation, home_page
):
    service = publish_service(
        name="Bulwell Boxing", organisation=organisation, categories=["sport-and-fitness"]
    )
    client.force_login(provider)
    edit = reverse("assets_directory:service_edit", args=[service.pk])
    response = client.post(edit, service_form_data(name="Bulwell Boxing and Fitness"))
    assert response.status_code == 302

    assert result_names(client.get("/services/", {"q": "boxing"})) == ["Bulwell Boxing"]
    assert (
        "Bulwell Boxing and Fitness" not in client.get(service.get_absolute_url()).content.decode()
    )
    # The provider sees their pending version when they come back to edit.
    assert "Bulwell Boxing and Fitness" in client.get(edit).content.decode()

    moderate(staff_client, service, "approve")
    assert result_names(client.get("/services/", {"q": "boxing"})) == ["Bulwell Boxing and Fitness"]


def test_a_rejected_edit_leaves_the_published_version(
    client, staff_client, provider, organisation, home_page
):
    service = publish_service(name="Bulwell Boxing", organisation=organisation)
    client.force_login(provider)
    edit = reverse("assets_directory:service_edit", args=[service.pk])
    client.post(edit, service_form_data(name="Cheap Boxing", description="Buy our gloves."))

    moderate(staff_client, service, "reject", comment="Listings cannot advertise products.")

    service.refresh_from_db()
    assert service.name == "Bulwell Boxing"
    assert service.live and not service.workflow_in_progress and not service.archived
    assert service.status_label == "Published"
    assert result_names(client.get("/services/", {"q": "boxing"})) == ["Bulwell Boxing"]
    message = mail.outbox[-1]
    assert message.to == ["provider@example.org"]
    assert "needs changes" in message.subject
    assert "Listings cannot advertise products." in message.body
    assert "has not changed" in message.body
    assert service.revisions.count() == 2  # every change is in the history


def test_a_draft_is_saved_without_review(client, provider, organisation, home_page):
    client.force_login(provider)
    url = reverse("assets_directory:service_add", args=[organisation.slug])
    data = service_form_data()
    del data["submit"]
    data["draft"] = "1"
    assert client.post(url, data).status_code == 302
    service = Service.objects.get()
    assert not service.live and service.status_label == "Draft"
    assert service.current_workflow_state is None
    dashboard = client.get(reverse("assets_directory:provider")).content.decode()
    assert "Bulwell after-school club" in dashboard and "Draft" in dashboard


def test_only_editors_may_edit(client, make_user, organisation, home_page):
    service = publish_service(name="Bulwell Boxing", organisation=organisation)
    stranger = make_user(username="stranger")
    client.force_login(stranger)
    assert (
        client.get(reverse("assets_directory:service_edit", args=[service.pk])).status_code == 403
    )
    add = reverse("assets_directory:service_add", args=[organisation.slug])
    assert client.post(add, service_form_data()).status_code == 403
    client.logout()
    assert client.get(add).status_code == 302  # to sign in


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "Enter the service&#x27;s name"),
        ({"description": ""}, "Describe what the service does"),
        ({"categories": None}, "Choose at least one type of help"),
        ({"postal_code": "NOT A CODE"}, "Enter a real postcode"),
        ({"address_1": ""}, "Give the address, town and postcode"),
        ({"opens_2": "18:00", "closes_2": "09:00"}, "closing must be after opening"),
        ({"closes_2": ""}, "Give both times for Tuesday"),
        ({"opens_2": "25:99"}, "Enter a time like 09:30"),
        ({"minimum_age": "20", "maximum_age": "10"}, "oldest age must not be below"),
    ],
)
def test_bad_answers_get_clear_messages_and_change_nothing(
    client, provider, organisation, home_page, overrides, message
):
    client.force_login(provider)
    url = reverse("assets_directory:service_add", args=[organisation.slug])
    response = client.post(url, service_form_data(**overrides))
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert message in response.content.decode()
    assert not Service.objects.exists()


def test_a_listing_locked_by_a_moderator_cannot_be_edited(
    client, provider, organisation, home_page
):
    service = publish_service(name="Bulwell Boxing", organisation=organisation)
    Service.objects.filter(pk=service.pk).update(locked=True)
    client.force_login(provider)
    edit = reverse("assets_directory:service_edit", args=[service.pk])
    response = client.post(edit, service_form_data(name="Changed"), follow=True)
    assert "A moderator is working on" in response.content.decode()
    assert service.revisions.count() == 1


def test_staff_see_listings_flagged_and_history_in_the_admin(staff_client, organisation, home_page):
    service = publish_service(name="Bulwell Boxing", organisation=organisation)
    Service.objects.filter(pk=service.pk).update(hidden_for_review=True)
    listing = reverse("wagtailsnippets_assets_directory_service:list")
    response = staff_client.get(listing, {"hidden_for_review": "true"})
    assert response.status_code == 200
    assert "Bulwell Boxing" in response.content.decode()
    assert "Published" in response.content.decode()  # its status, from Wagtail's state
    archived = staff_client.get(listing, {"archived": "true"}).content.decode()
    assert "Bulwell Boxing" not in archived
    edit = reverse("wagtailsnippets_assets_directory_service:edit", args=[service.pk])
    assert staff_client.get(edit).status_code == 200
    history = reverse("wagtailsnippets_assets_directory_service:history", args=[service.pk])
    assert staff_client.get(history).status_code == 200
    for model in ("organisationclaim", "listingreport", "taxonomy", "ward"):
        url = reverse(f"wagtailsnippets_assets_directory_{model}:list")
        assert staff_client.get(url).status_code == 200, model


def test_the_admin_listing_and_provider_dashboard_read_review_states_in_one_query(
    client, staff_client, provider, organisation, home_page
):
    """`status_label` needs each listing's workflow; it is prefetched, not asked row by row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    organisation.editors.add(provider)
    listing = reverse("wagtailsnippets_assets_directory_service:list")
    client.force_login(provider)

    def query_counts() -> tuple[int, int]:
        counts = []
        for who, url in ((staff_client, listing), (client, reverse("assets_directory:provider"))):
            with CaptureQueriesContext(connection) as captured:
                assert who.get(url).status_code == 200
            counts.append(len(captured))
        return counts[0], counts[1]

    publish_service(name="Club 1", organisation=organisation)
    few = query_counts()
    for n in range(2, 8):
        publish_service(name=f"Club {n}", organisation=organisation)
    many = query_counts()
    assert many == few
