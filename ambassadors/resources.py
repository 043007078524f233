"""Where ambassadors' training materials live: one private Wagtail document collection.

The collection and its view restriction (ambassadors and coordinators only) are made by a data
migration, so Wagtail's own document serving refuses everyone else. Coordinators mark a
document as required reading by giving it the tag below in the documents admin.
"""

from django.db.models import QuerySet
from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument
from wagtail.models import Collection

from cms.core.private_collections import restricted_collection
from cms.core.roles import AMBASSADOR_COORDINATOR, AMBASSADOR_ROLES

RESOURCES_COLLECTION = "Ambassador resources"
RESOURCE_READERS = [AMBASSADOR_COORDINATOR, *AMBASSADOR_ROLES]
REQUIRED_READING_TAG = "required reading"


def resources_collection() -> Collection:
    """The private collection (made by migration 0002; re-made, restricted, if deleted)."""
    return restricted_collection(RESOURCES_COLLECTION, RESOURCE_READERS)


def required_documents() -> QuerySet[AbstractDocument]:
    """The documents in the private collection tagged as required reading."""
    return get_document_model().objects.filter(
        collection=resources_collection(), tags__name=REQUIRED_READING_TAG
    )
