"""VRU staff run consultations: they see results, decide panel applications, manage meetings."""

from django.db import migrations

from cms.core.roles import VRU_STAFF, grant_permissions

STAFF_PERMISSIONS = [
    ("consultations", "view_consultationresponse"),
    ("consultations", "view_panelapplication"),
    ("consultations", "change_panelapplication"),
    ("consultations", "add_panelmeeting"),
    ("consultations", "change_panelmeeting"),
    ("consultations", "delete_panelmeeting"),
    ("consultations", "view_panelmeeting"),
]


def grant(apps, schema_editor):
    grant_permissions(apps, VRU_STAFF, STAFF_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0001_initial"),
        ("core", "0002_create_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
