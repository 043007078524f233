"""Keep each page's PDF in step with the page: queue a fresh one whenever a publication or
easy-read page is published, and remove the file when its record goes."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published

from cms.core import page_cache
from cms.core.models import PAGES
from cms.core.queue import enqueue_on_commit

from .models import PagePdf, PdfMixin


@receiver(page_published)
def queue_pdf(sender: type, instance: Page, **kwargs: Any) -> None:
    """After the publish commits, so the worker reads the new live revision. With the broker
    down the job waits in the database for the sweep; the publish never fails for it."""
    if isinstance(instance, PdfMixin):
        from .tasks import make_page_pdf

        page_id = instance.pk
        enqueue_on_commit(make_page_pdf, page_id)


@receiver(post_delete, sender=PagePdf)
def delete_pdf_file(sender: type, instance: PagePdf, **kwargs: Any) -> None:
    if instance.file:
        instance.file.delete(save=False)


@receiver(post_save, sender=PagePdf)
def show_new_pdf(sender: type, instance: PagePdf, **kwargs: Any) -> None:
    """A page cached before its PDF was made has no link to it: drop the cached pages."""
    page_cache.changed(PAGES)
