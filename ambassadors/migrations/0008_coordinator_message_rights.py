"""Coordinators may write and read messages to ambassadors (hours approval uses the
change_outreachlog right they already hold)."""

from django.db import migrations

from cms.core.roles import AMBASSADOR_COORDINATOR, grant_permissions


def forwards(apps, schema_editor):
    grant_permissions(
        apps,
        AMBASSADOR_COORDINATOR,
        [("ambassadors", "add_coordinatormessage"), ("ambassadors", "view_coordinatormessage")],
    )


class Migration(migrations.Migration):
    dependencies = [("ambassadors", "0007_hours_approval_and_coordinator_messages")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
