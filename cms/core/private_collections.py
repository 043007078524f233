"""Private document collections: top-level Wagtail collections with a view restriction.

Documents are served only by Wagtail's permission-checked view (`WAGTAILDOCS_SERVE_METHOD`
is "serve_view"), which honours a collection's view restriction: only the named roles may
open the documents in it. Each app names its own collection (ambassadors' resources, the
panel's papers) and makes it in a data migration with `make_restricted_collection`.
"""

from typing import Any

from django.apps.registry import Apps
from django.contrib.auth.models import Group
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction

STEP = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def restricted_collection(name: str, roles: list[str]) -> Collection:
    """The top-level collection `name` (made by a migration); re-made, restricted to `roles`,
    if someone deleted it, so a private document never lands in an open collection."""
    collection = Collection.objects.filter(depth=2, name=name).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=name)
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=BaseViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name__in=roles))
    return collection


def make_restricted_collection(apps: Apps, name: str, roles: list[str]) -> Any:
    """For data migrations: make (or find) the top-level collection `name` and restrict it to
    the groups `roles`. Historical models have no treebeard `add_child`, so the path is ours."""
    Collection = apps.get_model("wagtailcore", "Collection")
    Restriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    Group = apps.get_model("auth", "Group")
    root = Collection.objects.get(depth=1)
    collection = Collection.objects.filter(depth=2, name=name).first()
    if collection is None:
        siblings = Collection.objects.filter(depth=2, path__startswith=root.path)
        collection = Collection.objects.create(
            name=name, depth=2, path=_next_child_path(root, siblings), numchild=0
        )
        root.numchild += 1
        root.save(update_fields=["numchild"])
    restriction, _ = Restriction.objects.get_or_create(
        collection=collection, defaults={"restriction_type": "groups"}
    )
    restriction.groups.add(*Group.objects.filter(name__in=roles))
    return collection


def _next_child_path(parent: Any, siblings: Any) -> str:
    """Treebeard's materialised path for a new last child."""
    last = siblings.order_by("-path").values_list("path", flat=True).first()
    number = 0 if last is None else int(last[-STEP:], 36)
    number += 1
    step = ""
    while number:
        number, digit = divmod(number, 36)
        step = ALPHABET[digit] + step
    return str(parent.path + step.rjust(STEP, "0"))
