"""Scheduled imports of other Open Referral UK directories (see ORUK_IMPORT_FEEDS)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings

from .duplicates import find_duplicates
from .importer import FeedError, import_feed

logger = logging.getLogger(__name__)


@shared_task
def import_oruk_feeds() -> list[str]:
    """Import every configured feed; one unreadable feed does not stop the others."""
    summaries = []
    for name, source in settings.ORUK_IMPORT_FEEDS.items():
        try:
            summaries.append(str(import_feed(name, source)))
        except FeedError as problem:
            logger.warning("ORUK feed %s could not be read: %s", name, problem)
            summaries.append(f"{name}: feed could not be read")
    find_duplicates()
    return summaries
