"""VRU staff review possible duplicates found across imported directories."""

from django.db import migrations

from cms.core.roles import VRU_STAFF, grant_permissions


def grant(apps, schema_editor):
    grant_permissions(
        apps,
        VRU_STAFF,
        [("oruk", "view_duplicatepair"), ("oruk", "change_duplicatepair"),
         ("oruk", "view_listingsource")],
    )


class Migration(migrations.Migration):
    dependencies = [("oruk", "0001_initial")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
