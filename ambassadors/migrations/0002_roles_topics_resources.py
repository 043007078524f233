"""Give the ambassador roles their rights, seed the topics list, and make the private
"Ambassador resources" document collection that only ambassadors and coordinators can open."""

from django.db import migrations

from cms.core.private_collections import make_restricted_collection
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


def _coordinator_rights():
    rights = [("ambassadors", f"{action}_{model}") for model in ("ambassador", "topic")
              for action in ("add", "change", "delete", "view")]
    rights += [("ambassadors", f"{action}_{model}") for model in ("outreachlog", "claim")
               for action in ("change", "view")]
    return rights


def forwards(apps, schema_editor):
    grant_permissions(apps, AMBASSADOR_COORDINATOR, _coordinator_rights())
    Topic = apps.get_model("ambassadors", "Topic")
    for name in TOPICS:
        Topic.objects.get_or_create(name=name)

    make_restricted_collection(
        apps, RESOURCES_COLLECTION, [AMBASSADOR_COORDINATOR, COMMUNITY_AMBASSADOR, YOUTH_AMBASSADOR]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("ambassadors", "0001_initial"),
        ("core", "0002_create_roles"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
