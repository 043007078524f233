"""The editor's side: the easy-read findings in the editor's Checks panel (through the page
preview and Wagtail's axe configuration), and publishing refused while a row lacks a picture
or alt text, or the page does not say who it is from or how to get in touch (and only warned
otherwise)."""

import json
import re

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.core.roles import VRU_STAFF
from cms.publications.content_checks import WCAG_22_AA_TAGS
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


def form_data(page, rows, *, publish: bool, hard_words=(), **fields) -> dict:
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "source_text": "This is from the Violence Reduction Unit.",
            "contact_email": "hub@example.org",
            "introduction": "This is our plan.",
            **fields,
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


def test_publishing_is_refused_until_the_page_says_who_it_is_from_and_how_to_get_in_touch(
    staff_client, draft, picture
):
    rows = [("We help you.", picture, "A house.")]
    data = form_data(draft, rows, publish=True, source_text="", contact_email="")

    html = staff_client.post(edit_url(draft), data, follow=True).content.decode()

    assert "Say who this is from" in html and "Say how to get in touch" in html
    draft.refresh_from_db()
    assert not draft.live


def test_the_preview_marks_each_text_with_the_rules_it_breaks_for_the_checks_panel(
    staff_client, client, publications_index, picture
):
    page = EasyReadPageFactory(
        parent=publications_index,
        source_text="This is from the VRU.",
        contact_email="hub@example.org",
        rows=[
            row("The community was helped by the council.", picture, "A house."),
            row("We help you."),
        ],
    )
    page.save_revision().publish()

    html = staff_client.get(f"/admin/pages/{page.pk}/view_draft/").content.decode()

    assert 'data-easy-read-check="acronym"' in html  # "VRU" in who this is from
    assert 'data-easy-read-check="hard_word passive_voice"' in html
    assert 'data-easy-read-check="missing_picture"' in html
    assert 'data-easy-read-check="missing_date"' in html  # page-wide, on the title
    staff_client.logout()
    assert "data-easy-read-check" not in client.get(page.url).content.decode()


def test_the_checks_panel_runs_wcag_22_aa_and_the_easy_read_rules(staff_client, draft):
    html = staff_client.get(edit_url(draft)).content.decode()

    config = json.loads(
        re.search(r'id="checker-axe-configuration"[^>]*>(.*?)</script>', html, re.S).group(1)
    )
    assert config["options"]["runOnly"] == [*WCAG_22_AA_TAGS, "easy-read"]
    rules = {rule["id"]: rule for rule in config["spec"]["rules"]}
    hard_word = rules["easy-read-hard-word"]
    assert hard_word["selector"] == '[data-easy-read-check~="hard_word"]'
    assert hard_word["none"] == ["easy-read-finding"]
    assert config["options"]["rules"]["heading-order"] == {"enabled": True}
    assert config["messages"]["easy-read-passive-voice"]["error_name"] == "Passive sentence"


def test_the_admin_is_for_staff_only(client, draft, make_user):
    client.force_login(make_user())
    response = client.get(edit_url(draft))
    assert response.status_code in (302, 403)


def test_creating_and_publishing_an_incomplete_page_keeps_it_as_a_draft(
    staff_client, publications_index
):
    add_url = f"/admin/pages/add/publications/easyreadpage/{publications_index.pk}/"
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
