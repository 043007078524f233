"""Facet values denormalised onto each entry, filled from the existing facet rows.

On PostgreSQL a GIN index lets a chosen facet value narrow the matches (facet_list @> ...).
"""

from django.db import migrations, models


def fill_facet_lists(apps, schema_editor):
    entry_model = apps.get_model("search", "DirectoryEntry")
    facet_model = apps.get_model("search", "DirectoryEntryFacet")
    lists: dict[int, list[str]] = {}
    for entry_id, facet, value in facet_model.objects.values_list("entry_id", "facet", "value"):
        lists.setdefault(entry_id, []).append(f"{facet}:{value}")
    entries = list(entry_model.objects.filter(id__in=lists).only("id"))
    for entry in entries:
        entry.facet_list = sorted(lists[entry.id])
    entry_model.objects.bulk_update(entries, ["facet_list"], batch_size=1000)


def add_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS entry_facet_list_gin "
            "ON search_directoryentry USING gin (facet_list jsonb_path_ops)"
        )


def drop_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS entry_facet_list_gin")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgres_indexes")]

    operations = [
        migrations.AddField(
            model_name="directoryentry",
            name="facet_list",
            field=models.JSONField(default=list),
        ),
        migrations.RunPython(fill_facet_lists, migrations.RunPython.noop),
        migrations.RunPython(add_gin_index, drop_gin_index),
    ]
