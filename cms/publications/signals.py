"""Queue a fresh PDF whenever a publication or easy-read page is published."""

from functools import partial

from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published

from .models import PdfMixin


@receiver(page_published)
def queue_pdf(sender, instance, **kwargs) -> None:
    """After the publish commits, so the worker reads the new live revision."""
    if isinstance(instance, PdfMixin):
        from .tasks import make_page_pdf

        transaction.on_commit(partial(make_page_pdf.delay, instance.pk))
