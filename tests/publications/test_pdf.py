"""PDFs: made by the Celery task when a page is published, cached per live revision, linked
as "Download (PDF, size)" and served at <page>/pdf/."""

import io
import re

import pytest
from django.core.files.storage import default_storage
from pypdf import PdfReader
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
    for sentence in ("Easy read plan", FIRST, SECOND, "A person who helps you."):
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
    assert NEW in text and FIRST not in text
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
