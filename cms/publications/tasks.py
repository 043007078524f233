"""Background work: the PDF of each publication and easy-read page."""

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.models import Page

from .models import PagePdf, PdfMixin
from .pdf import render_pdf


@shared_task
def make_page_pdf(page_id: int) -> int | None:
    """Make the PDF of the page's live revision, unless it is already made (the cache is
    keyed on the revision, so an unchanged page is never rendered twice). Returns the
    PagePdf id, or None when there is nothing to make."""
    page = Page.objects.filter(pk=page_id).specific().first()
    if not isinstance(page, PdfMixin) or not page.live or page.live_revision_id is None:
        return None
    existing = PagePdf.objects.filter(page_id=page.pk).first()
    if existing and existing.revision_id == page.live_revision_id:
        return existing.pk
    content = render_pdf(page)
    with transaction.atomic():
        pdf = existing or PagePdf(page_id=page.pk)
        old_name = pdf.file.name if existing else ""
        pdf.revision_id = page.live_revision_id
        pdf.size = len(content)
        pdf.file.save(f"{page.slug}-{page.live_revision_id}.pdf", ContentFile(content), save=False)
        pdf.save()
    if old_name and old_name != pdf.file.name:
        pdf.file.storage.delete(old_name)
    return pdf.pk
