"""PDFs: made by the Celery task when a page is published, cached per live revision, linked
as "Download (PDF, size)" and served at <page>/pdf/."""

import io
import re

import pytest
import wagtail_factories
from django.core.files.storage import default_storage
from django.test import override_settings
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject
from wagtail.models import PageViewRestriction

from cms.publications import tasks
from cms.publications.models import HardWord, PagePdf
from tests.publications.factories import (
    EasyReadPageFactory,
    PublicationPageFactory,
    row,
    section,
)

pytestmark = pytest.mark.django_db

FIRST = "We help young people find a mentor."
SECOND = "We work with your community."
NEW = "We listen to what you tell us."


def pdf_text(content: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return re.sub(r"\s+", " ", text)


def publish(page, capture):
    """Publish as the admin does; run what was queued for after the commit (the PDF task)."""
    with capture(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def easy_read(publications_index, picture):
    page = EasyReadPageFactory(
        parent=publications_index,
        title="Easy read plan",
        rows=[row(FIRST, picture, "A book."), row(SECOND, picture, "Three people.")],
    )
    page.hard_words = [HardWord(term="mentor", meaning="A person who helps you.")]
    return page


def test_publishing_makes_a_real_pdf_with_the_pages_sentences(
    client, easy_read, django_capture_on_commit_callbacks
):
    page = publish(easy_read, django_capture_on_commit_callbacks)

    pdf = PagePdf.objects.get(page=page)
    assert pdf.revision_id == page.live_revision_id
    content = default_storage.open(pdf.file.name).read()
    assert content.startswith(b"%PDF-") and pdf.size == len(content)
    text = pdf_text(content)
    for sentence in ("Easy read plan", "find a mentor (A person who helps you.).", SECOND):
        assert sentence in text

    html = client.get(page.url).content.decode()
    size = re.search(r"\(PDF, ([\d.]+\xa0KB)\)", html)
    assert size, "the page links to its PDF with the file size"
    assert f'href="{page.url}pdf/"' in html

    response = client.get(f"{page.url}pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == content


def test_editing_and_republishing_regenerates_the_pdf(
    client, easy_read, picture, django_capture_on_commit_callbacks
):
    page = publish(easy_read, django_capture_on_commit_callbacks)
    old_name = PagePdf.objects.get(page=page).file.name

    page.rows = [row(NEW, picture, "A speech bubble.")]
    page = publish(page, django_capture_on_commit_callbacks)

    pdf = PagePdf.objects.get(page=page)
    assert pdf.revision_id == page.live_revision_id and pdf.file.name != old_name
    text = pdf_text(default_storage.open(pdf.file.name).read())
    assert NEW in text and "find a mentor" not in text
    assert not default_storage.exists(old_name)


def test_unchanged_page_is_not_rendered_again(
    easy_read, django_capture_on_commit_callbacks, monkeypatch
):
    page = publish(easy_read, django_capture_on_commit_callbacks)
    made = PagePdf.objects.get(page=page)
    calls = []
    monkeypatch.setattr(tasks, "render_pdf", lambda p: calls.append(p) or b"%PDF-")

    assert tasks.make_page_pdf.delay(page.pk).get() == made.pk

    assert calls == []
    assert PagePdf.objects.get(page=page).file.name == made.file.name


def test_a_stale_pdf_is_neither_linked_nor_served(
    client, easy_read, django_capture_on_commit_callbacks
):
    page = publish(easy_read, django_capture_on_commit_callbacks)
    page.rows = [row(NEW)]
    page.save_revision().publish()  # the task is queued but has not run yet

    html = client.get(page.url).content.decode()
    assert "(PDF," not in html
    assert client.get(f"{page.url}pdf/").status_code == 404


def test_drafts_and_unpublished_pages_get_no_pdf(easy_read, django_capture_on_commit_callbacks):
    easy_read.save_revision()  # a draft of a page that was never published
    assert tasks.make_page_pdf.delay(easy_read.pk).get() is None

    page = publish(easy_read, django_capture_on_commit_callbacks)
    page.unpublish()
    PagePdf.objects.all().delete()
    assert tasks.make_page_pdf.delay(page.pk).get() is None
    assert not PagePdf.objects.exists()


def test_publication_pdf_has_its_sections(publications_index, django_capture_on_commit_callbacks):
    page = PublicationPageFactory(
        parent=publications_index,
        title="Response Strategy",
        summary="What partners will do.",
        sections=[section("Mentoring", "<p>We will agree one approach to mentoring.</p>")],
    )
    page = publish(page, django_capture_on_commit_callbacks)

    pdf = PagePdf.objects.get(page=page)
    text = pdf_text(default_storage.open(pdf.file.name).read())
    for expected in (
        "Response Strategy",
        "What partners will do.",
        "Mentoring",
        "We will agree one approach to mentoring.",
    ):
        assert expected in text


def test_a_failing_pdf_does_not_break_publishing(
    easy_read, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(page):
        raise OSError("renderer crashed")

    monkeypatch.setattr(tasks, "render_pdf", broken)
    page = publish(easy_read, django_capture_on_commit_callbacks)
    assert page.live and not PagePdf.objects.exists()


def test_deleting_a_page_removes_its_pdf_file(easy_read, django_capture_on_commit_callbacks):
    page = publish(easy_read, django_capture_on_commit_callbacks)
    name = PagePdf.objects.get(page=page).file.name
    page.delete()
    assert not default_storage.exists(name)


def test_a_private_pages_pdf_is_as_private_as_the_page(
    client, easy_read, django_capture_on_commit_callbacks
):
    page = publish(easy_read, django_capture_on_commit_callbacks)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(f"{page.url}pdf/")
    assert response.status_code == 302 and "login" in response["Location"]


def _elements(node, found):
    """Walk a PDF structure tree, collecting (role, alt text) of every element in order."""
    node = node.get_object()
    if isinstance(node, ArrayObject):
        for child in node:
            _elements(child, found)
    elif isinstance(node, DictionaryObject):
        if "/S" in node:
            found.append((str(node["/S"]), str(node.get("/Alt", ""))))
        if "/K" in node:
            _elements(node["/K"], found)
    return found


def test_the_pdf_is_tagged_pdf_ua_with_headings_and_pictures_with_alt_text(
    easy_read, picture, django_capture_on_commit_callbacks
):
    easy_read.rows = [
        {"type": "heading", "value": "What we will do"},
        row(FIRST, picture, "A book."),
        row(SECOND, picture, "Three people."),
    ]
    page = publish(easy_read, django_capture_on_commit_callbacks)
    reader = PdfReader(default_storage.open(PagePdf.objects.get(page=page).file.name))

    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert str(catalog["/Lang"]) == "en-GB"
    assert b"pdfuaid:part" in catalog["/Metadata"].get_object().get_data()
    elements = _elements(catalog["/StructTreeRoot"], [])
    roles = [role for role, _alt in elements]
    assert roles.count("/H1") == 1 and "/H2" in roles
    assert roles.index("/H1") < roles.index("/H2")
    figures = [alt for role, alt in elements if role == "/Figure"]
    assert figures == ["A book.", "Three people."], elements


def test_hard_words_are_highlighted_and_explained_where_they_first_appear(
    easy_read, django_capture_on_commit_callbacks
):
    easy_read.rows = [row(FIRST), row("A mentor listens.")]
    page = publish(easy_read, django_capture_on_commit_callbacks)
    text = pdf_text(default_storage.open(PagePdf.objects.get(page=page).file.name).read())

    assert "find a mentor (A person who helps you.)" in text
    assert "A mentor listens." in text, "explained once, not at every use"


@override_settings(WAGTAILADMIN_BASE_URL="https://hub.example.org")
def test_every_link_in_the_pdf_uses_the_public_address(
    publications_index, django_capture_on_commit_callbacks
):
    document = wagtail_factories.DocumentFactory(title="Full report")
    page = PublicationPageFactory(
        parent=publications_index,
        title="Response Strategy",
        sections=[
            section(
                "Read more",
                f'<p>See <a linktype="document" id="{document.pk}">the report</a> and '
                f'<a linktype="page" id="{publications_index.pk}">our publications</a>.</p>',
            )
        ],
    )
    page = publish(page, django_capture_on_commit_callbacks)
    reader = PdfReader(default_storage.open(PagePdf.objects.get(page=page).file.name))

    links = [
        annotation.get_object()["/A"]["/URI"]
        for pdf_page in reader.pages
        for annotation in pdf_page.get("/Annots", [])
        if "/URI" in annotation.get_object().get("/A", {})
    ]
    # The two in the text and the page's own address (a link that wraps has two areas).
    assert set(links) == {
        f"https://hub.example.org{document.url}",
        f"https://hub.example.org{publications_index.url}",
        f"https://hub.example.org{page.url}",
    }
    assert "localhost" not in pdf_text(
        default_storage.open(PagePdf.objects.get(page=page).file.name).read()
    )
