"""Publishing queues the PDF on the real Redis broker and a real Celery worker makes it."""

import os
import time

import pytest

from cms.publications.models import PagePdf
from tests.publications.factories import EasyReadPageFactory, row


@pytest.mark.redis
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (CI PostgreSQL run)")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_publishing_makes_the_pdf_on_a_worker(real_worker, publications_index, picture):
    page = EasyReadPageFactory(
        parent=publications_index, rows=[row("We help you stay safe.", picture, "A house.")]
    )
    page.save_revision().publish()  # autocommit: the task is queued straight away

    deadline = time.monotonic() + 30
    while not PagePdf.objects.filter(page=page).exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    page.refresh_from_db()
    pdf = PagePdf.objects.get(page=page)
    assert pdf.revision_id == page.live_revision_id and pdf.size > 1000
