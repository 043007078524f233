"""The editor's side: the easy-read check in the page editor and its live preview, and
publishing refused while a row lacks a picture or alt text (and only warned otherwise)."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.core.roles import VRU_STAFF
from cms.publications.models import EasyReadPage, PagePdf
from tests.publications.factories import EasyReadPageFactory, row

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, mfa_user):
    user, _secret = mfa_user(roles=[VRU_STAFF])
    client.force_login(user)
    return client


@pytest.fixture
def draft(publications_index):
    page = EasyReadPageFactory(parent=publications_index, title="Easy read plan", live=False)
    page.save_revision()
    return page


def form_data(page, rows, *, publish: bool, hard_words=()) -> dict:
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "introduction": "This is our plan.",
            "rows": streamfield(
                [
                    ("row", {"picture": pic.pk if pic else "", "alt_text": alt, "text": text})
                    for text, pic, alt in rows
                ]
            ),
            "hard_words": inline_formset(
                [{"term": term, "meaning": meaning} for term, meaning in hard_words]
            ),
            "comments": inline_formset([]),
        }
    )
    if publish:
        data["action-publish"] = "action-publish"
    return data


def edit_url(page) -> str:
    return f"/admin/pages/{page.pk}/edit/"


def test_publishing_is_refused_while_a_row_lacks_a_picture_and_the_draft_is_kept(
    staff_client, draft, picture
):
    rows = [("We help you.", picture, "A house."), ("We keep you safe.", None, "")]

    response = staff_client.post(edit_url(draft), form_data(draft, rows, publish=True), follow=True)

    assert response.status_code == 200
    html = response.content.decode()
    assert "was saved as a draft but not published" in html
    assert "Row 2: Add a picture for this idea." in html
    draft.refresh_from_db()
    assert not draft.live
    saved = draft.get_latest_revision_as_object()
    assert [block.value["text"] for block in saved.rows] == ["We help you.", "We keep you safe."]


def test_publishing_is_refused_while_a_picture_lacks_alt_text(staff_client, draft, picture):
    rows = [("We help you.", picture, "")]

    response = staff_client.post(edit_url(draft), form_data(draft, rows, publish=True), follow=True)

    assert "Row 1: Describe the picture in the alt text." in response.content.decode()
    draft.refresh_from_db()
    assert not draft.live


def test_warnings_do_not_stop_publishing_but_are_shown(
    staff_client, draft, picture, django_capture_on_commit_callbacks
):
    rows = [("The community was helped by the council.", picture, "A house.")]

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            edit_url(draft), form_data(draft, rows, publish=True), follow=True
        )

    draft.refresh_from_db()
    assert draft.live
    assert "The easy-read check found" in response.content.decode()
    assert PagePdf.objects.filter(page=draft).exists(), "publishing in the admin makes the PDF"


def test_saving_a_draft_with_missing_pictures_is_allowed(staff_client, draft):
    rows = [("We keep you safe.", None, "")]
    response = staff_client.post(edit_url(draft), form_data(draft, rows, publish=False))
    assert response.status_code == 302
    saved = EasyReadPage.objects.get(pk=draft.pk).get_latest_revision_as_object()
    assert saved.rows[0].value["text"] == "We keep you safe."


def test_editor_shows_the_check_for_the_saved_draft(staff_client, publications_index, picture):
    page = EasyReadPageFactory(
        parent=publications_index,
        live=False,
        rows=[row("The community was helped by the council.", picture, "A house."), row("Hi.")],
    )
    page.save_revision()

    html = staff_client.get(edit_url(page)).content.decode()

    assert "Easy-read check" in html
    assert "Reading ease score" in html
    assert "You cannot publish yet (1)" in html and "Row 2: Add a picture for this idea." in html
    assert "“community” is a hard word" in html
    assert "“was helped” may be passive" in html


def test_live_preview_has_a_check_mode_that_follows_unsaved_edits(staff_client, draft, picture):
    rows = [("We were told by the council.", picture, "")]
    preview_url = f"/admin/pages/{draft.pk}/edit/preview/"

    posted = staff_client.post(preview_url, form_data(draft, rows, publish=False))
    assert posted.json()["is_valid"] is True

    html = staff_client.get(preview_url, {"mode": "check"}).content.decode()
    assert "“were told” may be passive" in html
    assert "Row 1: Describe the picture in the alt text." in html


def test_the_admin_is_for_staff_only(client, draft, make_user):
    client.force_login(make_user())
    response = client.get(edit_url(draft))
    assert response.status_code in (302, 403)


def test_creating_and_publishing_an_incomplete_page_keeps_it_as_a_draft(
    staff_client, publications_index
):
    add_url = f"/admin/pages/add/publications/easyreadpage/{publications_index.pk}/"
    assert "Easy-read check" in staff_client.get(add_url).content.decode()
    new_page = EasyReadPage(title="New easy read", slug="new-easy-read")

    response = staff_client.post(
        add_url, form_data(new_page, [("We help you.", None, "")], publish=True), follow=True
    )

    created = EasyReadPage.objects.get(slug="new-easy-read")
    assert not created.live
    assert "Row 1: Add a picture for this idea." in response.content.decode()
    staff_client.logout()
    assert staff_client.get("/publications/new-easy-read/").status_code == 404


def test_a_refused_edit_leaves_the_live_page_as_it_was(
    staff_client, client, publications_index, picture
):
    page = EasyReadPageFactory(
        parent=publications_index, rows=[row("We help you.", picture, "A house.")]
    )
    page.save_revision().publish()

    staff_client.post(
        edit_url(page), form_data(page, [("We changed this.", None, "")], publish=True)
    )

    html = client.get(page.url).content.decode()
    assert "We help you." in html and "We changed this." not in html
