"""Where ambassadors' training materials live: one private Wagtail document collection.

The collection and its view restriction (ambassadors and coordinators only) are made by a data
migration, so Wagtail's own document serving refuses everyone else. Coordinators mark a
document as required reading by giving it the tag below in the documents admin.
"""

from django.contrib.auth.models import Group
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction

from cms.core.roles import AMBASSADOR_COORDINATOR, AMBASSADOR_ROLES

RESOURCES_COLLECTION = "Ambassador resources"
REQUIRED_READING_TAG = "required reading"


def resources_collection() -> Collection:
    """The private collection (made by migration 0002; re-made, restricted, if deleted)."""
    collection = Collection.objects.filter(depth=2, name=RESOURCES_COLLECTION).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=RESOURCES_COLLECTION)
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=BaseViewRestriction.GROUPS
        )
        restriction.groups.set(
            Group.objects.filter(name__in=[AMBASSADOR_COORDINATOR, *AMBASSADOR_ROLES])
        )
    return collection
