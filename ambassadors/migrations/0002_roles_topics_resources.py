"""Give the ambassador roles their rights, seed the topics list, and make the private
"Ambassador resources" document collection that only ambassadors and coordinators can open."""

from django.db import migrations

from cms.core.roles import (
    AMBASSADOR_COORDINATOR,
    COMMUNITY_AMBASSADOR,
    YOUTH_AMBASSADOR,
    grant_permissions,
)

RESOURCES_COLLECTION = "Ambassador resources"
TOPICS = [
    "Knife crime",
    "County lines and exploitation",
    "Drugs and alcohol",
    "Domestic abuse",
    "Mental health and wellbeing",
    "Education, training and jobs",
    "Youth activities",
    "Anti-social behaviour",
    "Online safety",
    "Feeling safe in the area",
    "Housing and money worries",
]
STEP = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _coordinator_rights():
    rights = [("ambassadors", f"{action}_{model}") for model in ("ambassador", "topic")
              for action in ("add", "change", "delete", "view")]
    rights += [("ambassadors", f"{action}_{model}") for model in ("outreachlog", "claim")
               for action in ("change", "view")]
    return rights


def _next_child_path(parent, siblings) -> str:
    """Treebeard's materialised path for a new last child (historical models lack add_child)."""
    last = siblings.order_by("-path").values_list("path", flat=True).first()
    number = 0 if last is None else int(last[-STEP:], 36)
    number += 1
    step = ""
    while number:
        number, digit = divmod(number, 36)
        step = ALPHABET[digit] + step
    return parent.path + step.rjust(STEP, "0")


def forwards(apps, schema_editor):
    grant_permissions(apps, AMBASSADOR_COORDINATOR, _coordinator_rights())
    Topic = apps.get_model("ambassadors", "Topic")
    for name in TOPICS:
        Topic.objects.get_or_create(name=name)

    Collection = apps.get_model("wagtailcore", "Collection")
    Restriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    Group = apps.get_model("auth", "Group")
    root = Collection.objects.get(depth=1)
    collection = Collection.objects.filter(depth=2, name=RESOURCES_COLLECTION).first()
    if collection is None:
        siblings = Collection.objects.filter(depth=2, path__startswith=root.path)
        collection = Collection.objects.create(
            name=RESOURCES_COLLECTION, depth=2, path=_next_child_path(root, siblings), numchild=0
        )
        root.numchild += 1
        root.save(update_fields=["numchild"])
    restriction, _ = Restriction.objects.get_or_create(
        collection=collection, defaults={"restriction_type": "groups"}
    )
    restriction.groups.add(
        *Group.objects.filter(
            name__in=[AMBASSADOR_COORDINATOR, COMMUNITY_AMBASSADOR, YOUTH_AMBASSADOR]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("ambassadors", "0001_initial"),
        ("core", "0002_create_roles"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
