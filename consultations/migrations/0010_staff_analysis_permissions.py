"""VRU staff analyse responses: they make and delete a consultation's themes and tag answers."""

from django.db import migrations

from cms.core.roles import VRU_STAFF, grant_permissions

ANALYSIS_PERMISSIONS = [
    ("consultations", "view_responsetheme"),
    ("consultations", "add_responsetheme"),
    ("consultations", "delete_responsetheme"),
    ("consultations", "view_answertag"),
    ("consultations", "add_answertag"),
    ("consultations", "delete_answertag"),
]


def grant(apps, schema_editor):
    grant_permissions(apps, VRU_STAFF, ANALYSIS_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0009_response_themes_and_answer_tags"),
        ("core", "0002_create_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
