"""VRU staff, who run the panel, record and update the actions agreed at its meetings."""

from django.db import migrations

from cms.core.roles import VRU_STAFF, grant_permissions

STAFF_PERMISSIONS = [
    ("consultations", "add_meetingaction"),
    ("consultations", "change_meetingaction"),
    ("consultations", "delete_meetingaction"),
    ("consultations", "view_meetingaction"),
]


def grant(apps, schema_editor):
    grant_permissions(apps, VRU_STAFF, STAFF_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0007_panel_meeting_places_attendance_actions"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
