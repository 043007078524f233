"""Private files stay private, public pictures load: through HTTP on the real database.

Panel papers and ambassadors' resources open only through Wagtail's permission-checked
document view, for the roles their collection names; nothing under MEDIA_ROOT/documents/ is
ever served at /media/, neither under development settings (DEBUG on) nor production ones;
and the easy-read pictures load under production settings.
"""

import importlib
import json
import re

import pytest
import wagtail_factories
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import clear_url_caches, reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import cms.urls
from ambassadors.resources import resources_collection
from cms.core.roles import COMMUNITY_AMBASSADOR, PANEL_MEMBER, VRU_STAFF
from consultations.models import PanelMeeting
from consultations.papers import papers_collection
from tests.migrations import migrate, migrate_to_latest
from tests.publications.factories import (
    EasyReadPageFactory,
    PublicationIndexPageFactory,
    row,
)

pytestmark = pytest.mark.django_db

PAPER_TEXT = b"Draft budget for the panel, not for publication"
RESOURCE_TEXT = b"Safeguarding training notes"
MEETING_ADD_URL = "/admin/snippets/consultations/panelmeeting/add/"


def make_document(title: str, collection: Collection, text: bytes):
    document = get_document_model()(title=title, collection=collection)
    document.file.save(f"{title.lower().replace(' ', '-')}.txt", ContentFile(text))
    return document


def media_url(document) -> str:
    """Where the file would be straight from MEDIA_ROOT (the address that must not answer)."""
    return document.file.url


def refused(response) -> bool:
    """Sent to sign in (302 to the site's sign-in) or forbidden, and never the file."""
    sent_to_sign_in = response.status_code == 302 and "/accounts/login/" in response["Location"]
    return (sent_to_sign_in or response.status_code in (403, 404)) and not getattr(
        response, "streaming", False
    )


def build_urls(settings, debug: bool) -> None:
    """Build the URLconf again the way `cms/urls.py` does with DEBUG on or off."""
    settings.DEBUG = debug
    importlib.reload(cms.urls)
    clear_url_caches()


@pytest.fixture(params=[True, False], ids=["development", "production"])
def either_setting(request, settings):
    """The URLconf as development (DEBUG on) and as production (DEBUG off) build it."""
    build_urls(settings, request.param)
    yield
    build_urls(settings, False)


@pytest.fixture
def production(settings):
    """Production's DEBUG and HTTPS redirect, with the URLconf built as it builds it."""
    settings.SECURE_SSL_REDIRECT = True
    build_urls(settings, False)


@pytest.fixture
def paper(db):
    return make_document("Budget paper", papers_collection(), PAPER_TEXT)


@pytest.fixture
def resource(db):
    return make_document("Safeguarding notes", resources_collection(), RESOURCE_TEXT)


def test_panel_papers_are_a_collection_only_panel_members_and_vru_staff_may_open():
    restriction = papers_collection().view_restrictions.get()
    assert restriction.restriction_type == "groups"
    assert set(restriction.groups.values_list("name", flat=True)) == {PANEL_MEMBER, VRU_STAFF}


def test_no_panel_paper_for_the_public_or_residents_at_documents_or_media(
    client, make_user, paper, either_setting
):
    for who in ("anonymous", "resident"):
        if who == "resident":
            client.force_login(make_user())
        for url in (paper.url, media_url(paper)):
            response = client.get(url)
            assert refused(response), (who, url, response.status_code)
    assert paper.url.startswith("/documents/")


def test_a_panel_member_and_vru_staff_get_the_paper_only_through_the_document_view(
    client, make_user, mfa_user, paper, either_setting
):
    staff, _ = mfa_user(roles=[VRU_STAFF])
    for person in (make_user(roles=[PANEL_MEMBER]), staff):
        client.force_login(person)
        response = client.get(paper.url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PAPER_TEXT
        assert client.get(media_url(paper)).status_code == 404


def test_an_ambassador_gets_a_resource_and_a_resident_does_not(
    client, make_user, resource, either_setting
):
    client.force_login(make_user(roles=[COMMUNITY_AMBASSADOR]))
    response = client.get(resource.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == RESOURCE_TEXT
    assert client.get(media_url(resource)).status_code == 404

    client.force_login(make_user())
    for url in (resource.url, media_url(resource)):
        assert refused(client.get(url)), url


def test_papers_uploaded_in_the_papers_chooser_are_filed_in_the_private_collection(
    client, mfa_user
):
    staff, _ = mfa_user(roles=[VRU_STAFF])
    client.force_login(staff)
    public = make_document("Annual report", Collection.get_first_root_node(), b"Public")

    upload = client.post(
        reverse("panel_paper_chooser:create"),
        {
            "document-chooser-upload-title": "Minutes draft",
            "document-chooser-upload-file": SimpleUploadedFile("minutes.txt", PAPER_TEXT),
        },
    )

    assert upload.status_code == 200
    uploaded = get_document_model().objects.get(title="Minutes draft")
    assert uploaded.collection == papers_collection()
    listing = client.get(reverse("panel_paper_chooser:choose")).content.decode()
    assert "Minutes draft" in listing
    assert public.title not in listing


def meeting_form(document) -> dict:
    return nested_form_data(
        {
            "title": "Budget meeting",
            "starts_at": "2030-01-10 18:00",
            "agenda": rich_text("<p>The budget</p>"),
            "papers": streamfield([("paper", document.pk)]),
        }
    )


def test_a_meeting_refuses_a_paper_anybody_could_open(client, mfa_user, paper):
    staff, _ = mfa_user(roles=[VRU_STAFF])
    client.force_login(staff)
    public = make_document("Annual report", Collection.get_first_root_node(), b"Public")

    refused_form = client.post(MEETING_ADD_URL, meeting_form(public))

    assert refused_form.status_code == 200
    assert "so anybody could open it" in refused_form.content.decode()
    assert not PanelMeeting.objects.exists()
    assert client.post(MEETING_ADD_URL, meeting_form(paper)).status_code == 302
    assert [block.value for block in PanelMeeting.objects.get().papers] == [paper]


def test_under_production_settings_easy_read_pictures_load_and_documents_do_not(
    client, home_page, production
):
    index = PublicationIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    picture = wagtail_factories.ImageFactory(title="A house", description="A house.")
    page = EasyReadPageFactory(parent=index, rows=[row("We help you.", picture, "A house.")])
    page.save_revision().publish()
    document = make_document("Annual report", Collection.get_first_root_node(), b"Public")

    html = client.get(page.url, secure=True).content.decode()
    rendition = re.search(r'src="(/media/images/[^"]+)"', html)

    assert rendition, html
    for url in (rendition.group(1), picture.file.url):
        response = client.get(url, secure=True)
        assert response.status_code == 200, url
        assert "public" in response["Cache-Control"]
        assert "max-age=86400" in response["Cache-Control"]
    assert client.get(media_url(document), secure=True).status_code == 404
    assert client.get(document.url, secure=True).status_code == 200


def test_operators_who_serve_pictures_themselves_can_turn_the_sites_serving_off(client, settings):
    settings.SERVE_PUBLIC_IMAGES = False
    picture = wagtail_factories.ImageFactory(title="A house")
    assert client.get(picture.file.url).status_code == 404


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_files_existing_papers_in_the_private_collection():
    old = migrate([("consultations", "0005_respondent_token_not_account")])
    document_model = old.get_model("wagtaildocs", "Document")
    root = old.get_model("wagtailcore", "Collection").objects.get(depth=1)
    paper = document_model.objects.create(
        title="Old paper", file="documents/old.txt", collection=root
    )
    other = document_model.objects.create(title="Report", file="documents/r.txt", collection=root)
    old.get_model("consultations", "PanelMeeting").objects.create(
        title="Old meeting",
        starts_at="2025-01-10T18:00:00Z",
        agenda="<p>Old</p>",
        papers=json.dumps([{"type": "paper", "value": paper.pk, "id": "p1"}]),
    )

    migrate_to_latest()

    documents = get_document_model().objects
    assert documents.get(pk=paper.pk).collection == papers_collection()
    assert documents.get(pk=other.pk).collection.depth == 1
