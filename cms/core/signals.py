"""Anonymous visitors' cached pages are dropped when any page's public content changes.

Pages show each other (the home page lists its children, every page its breadcrumbs and the
section pages), so a publish, unpublish, move or delete of any page drops them all. So does
a view restriction set or lifted: a page made private must not stay in the cache, nor in the
lists of public pages that others show. So does a site's change (its host, port or root page):
every page's address and the site each worker remembers (cms.core.sites) hang on it.
"""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import page_cache
from .models import PAGES


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(page_slug_changed)
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def _pages_changed(sender: type, **kwargs: Any) -> None:
    page_cache.changed(PAGES)


@receiver(post_delete)
def _page_deleted(sender: type, instance: object, **kwargs: Any) -> None:
    if isinstance(instance, Page):
        page_cache.changed(PAGES)
