"""What drops the directory's cached pages: any change to listings or what they show.

Listings change through `lifecycle`, which ends in `indexing.listings_changed` once the
change commits; organisations, locations, categories and areas are edited in the admin and
show on listing pages, so saving or deleting one counts too.
"""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cms.core import page_cache

from .indexing import DIRECTORY, listings_changed
from .models import Area, Location, Organisation, Taxonomy, Ward

SHOWN_ON_LISTINGS = (Organisation, Location, Taxonomy, Area, Ward)


@receiver(listings_changed)
def _listings_changed(sender: type, **kwargs: Any) -> None:
    page_cache.drop(DIRECTORY)  # sent once the change has committed


def _shown_on_listings_changed(sender: type, **kwargs: Any) -> None:
    page_cache.changed(DIRECTORY)


for _model in SHOWN_ON_LISTINGS:
    post_save.connect(_shown_on_listings_changed, sender=_model, dispatch_uid=f"pc-{_model}")
    post_delete.connect(_shown_on_listings_changed, sender=_model, dispatch_uid=f"pcd-{_model}")
