"""Resources: documents in the private collection, for ambassadors only, with required reading."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection

from ambassadors.models import ReadingDone
from ambassadors.resources import REQUIRED_READING_TAG, resources_collection
from cms.core.roles import PANEL_MEMBER


def make_document(title: str, collection, required: bool = False):
    document = get_document_model()(title=title, collection=collection)
    document.file.save(f"{title.lower().replace(' ', '-')}.txt", ContentFile(b"Training text"))
    if required:
        document.tags.add(REQUIRED_READING_TAG)
    return document


@pytest.fixture
def documents(db):
    private = resources_collection()
    return {
        "required": make_document("Safeguarding basics", private, required=True),
        "optional": make_document("Signposting guide", private),
        "public": make_document("Annual report", Collection.get_first_root_node()),
    }


@pytest.mark.django_db
def test_the_collection_is_restricted_to_ambassadors_and_coordinators():
    restriction = resources_collection().view_restrictions.get()
    assert restriction.restriction_type == "groups"
    assert set(restriction.groups.values_list("name", flat=True)) == {
        "Ambassador coordinator",
        "Community ambassador",
        "Youth ambassador",
    }


@pytest.mark.django_db
def test_ambassadors_see_private_resources_required_reading_first(ambassador_client, documents):
    response = ambassador_client.get(reverse("ambassadors:resources"))
    titles = [item["document"].title for item in response.context["items"]]
    assert titles == ["Safeguarding basics", "Signposting guide"]
    assert b"Required reading" in response.content
    download = ambassador_client.get(documents["required"].url)
    assert download.status_code == 200


@pytest.mark.django_db
def test_marking_required_reading_as_done(ambassador_client, ambassador, documents):
    home = ambassador_client.get(reverse("ambassadors:portal"))
    assert home.context["unread_required"] == 1
    response = ambassador_client.post(
        reverse("ambassadors:mark_read", args=[documents["required"].pk]), follow=True
    )
    assert b"Marked as read: Safeguarding basics" in response.content
    assert ReadingDone.objects.filter(ambassador=ambassador).count() == 1
    assert ambassador_client.get(reverse("ambassadors:portal")).context["unread_required"] == 0
    items = ambassador_client.get(reverse("ambassadors:resources")).context["items"]
    assert items[0]["done"] is True


@pytest.mark.django_db
def test_only_required_private_documents_can_be_marked_read(ambassador_client, documents):
    for key in ("optional", "public"):
        url = reverse("ambassadors:mark_read", args=[documents[key].pk])
        assert ambassador_client.post(url).status_code == 404
    url = reverse("ambassadors:mark_read", args=[documents["required"].pk])
    assert ambassador_client.get(url).status_code == 405
    assert not ReadingDone.objects.exists()


@pytest.mark.django_db
def test_the_public_cannot_open_private_resources(client, documents):
    response = client.get(documents["required"].url)
    assert response.status_code == 302
    assert b"Training text" not in response.content
    assert client.get(documents["public"].url).status_code == 200


@pytest.mark.django_db
def test_other_signed_in_people_cannot_open_private_resources(client, make_user, documents):
    client.force_login(make_user(roles=[PANEL_MEMBER]))
    response = client.get(documents["optional"].url)
    assert response.status_code == 302
    assert b"Training text" not in response.content
