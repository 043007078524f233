"""Every directory record gets the UUID Open Referral UK 3.0 uses as its id.

Added empty, filled with a new UUID per existing row, then made unique: ids never change
after this, so other directories that imported a record find it again.
"""

import uuid

from django.db import migrations, models

MODELS = [
    "taxonomy",
    "organisation",
    "location",
    "service",
    "serviceatlocation",
    "contact",
    "regularschedule",
]


# Our needs vocabulary's terms get the same id on every install (from their slug), so two
# installs of the hub, or a rebuild from scratch, publish the same term ids.
TERMS = uuid.uuid5(uuid.NAMESPACE_URL, "https://nottshub.org.uk/taxonomies/needs")


def backfill(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("assets_directory", name)
        rows = list(model.objects.filter(uuid__isnull=True))
        for row in rows:
            row.uuid = uuid.uuid5(TERMS, row.slug) if name == "taxonomy" else uuid.uuid4()
        model.objects.bulk_update(rows, ["uuid"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("assets_directory", "0005_remove_service_status")]

    operations = [
        *[
            migrations.AddField(model_name=name, name="uuid", field=models.UUIDField(null=True))
            for name in MODELS
        ],
        migrations.RunPython(backfill, migrations.RunPython.noop),
        *[
            migrations.AlterField(
                model_name=name,
                name="uuid",
                field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
            )
            for name in MODELS
        ],
    ]
