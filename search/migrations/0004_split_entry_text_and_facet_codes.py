"""Narrower directory entries: plain text to a table of its own, facet values as codes.

Why: a search with a filter or a postcode reads thousands of entry rows, and plain text
that only the SQLite fallback reads made each row much wider than PostgreSQL needs (it
matches on search_vector). Facet values become integer codes (FacetValue) that PostgreSQL
keeps as an integer array on each entry (to filter) and as a shared FacetSet (to count).
Existing rows are carried over: on PostgreSQL into codes and sets (the facet rows only
SQLite reads go), elsewhere into text rows. Going back loses them: run
`manage.py rebuild_directory_index`.
"""

import django.db.models.deletion
from django.db import migrations, models

import search.models

POSTGRES_INDEXES = [
    "CREATE INDEX IF NOT EXISTS entry_facet_codes_gin "
    "ON search_directoryentry USING gin (facet_codes)",
]
POSTGRES_DROP_INDEXES = ["DROP INDEX IF EXISTS entry_facet_codes_gin"]


def carry_over(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _facet_rows_to_codes(apps)
        return
    entry_model = apps.get_model("search", "DirectoryEntry")
    text_model = apps.get_model("search", "DirectoryEntryText")
    texts = entry_model.objects.values_list("id", "keywords", "body", "extra")
    text_model.objects.bulk_create(
        (text_model(entry_id=i, keywords=k, body=b, extra=x) for i, k, b, x in texts.iterator()),
        batch_size=1000,
    )


def _facet_rows_to_codes(apps):
    entry_model = apps.get_model("search", "DirectoryEntry")
    facet_model = apps.get_model("search", "DirectoryEntryFacet")
    code_model = apps.get_model("search", "FacetValue")
    rows = list(facet_model.objects.values_list("entry_id", "facet", "value"))
    code_model.objects.bulk_create(
        [code_model(facet=f, value=v) for f, v in {(f, v) for _, f, v in rows}],
        ignore_conflicts=True,
    )
    codes = {(c.facet, c.value): c.id for c in code_model.objects.all()}
    by_entry: dict[int, set[int]] = {}
    for entry_id, facet, value in rows:
        by_entry.setdefault(entry_id, set()).add(codes[(facet, value)])
    code_lists = {entry_id: sorted(codes) for entry_id, codes in by_entry.items()}
    set_model = apps.get_model("search", "FacetSet")
    set_model.objects.bulk_create(
        [set_model(codes=list(c)) for c in {tuple(c) for c in code_lists.values()}],
        ignore_conflicts=True,
    )
    sets = {tuple(s.codes): s.id for s in set_model.objects.all()}
    entries = list(entry_model.objects.filter(id__in=by_entry).only("id"))
    for entry in entries:
        entry.facet_codes = code_lists[entry.id]
        entry.facet_set_id = sets[tuple(entry.facet_codes)]
    entry_model.objects.bulk_update(entries, ["facet_codes", "facet_set"], batch_size=1000)
    facet_model.objects.all().delete()


def _postgres(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_directoryentry_facet_list")]

    operations = [
        migrations.CreateModel(
            name="DirectoryEntryText",
            fields=[
                (
                    "entry",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="text",
                        serialize=False,
                        to="search.directoryentry",
                    ),
                ),
                ("keywords", models.TextField(blank=True)),
                ("body", models.TextField(blank=True)),
                ("extra", models.TextField(blank=True)),
            ],
        ),
        migrations.CreateModel(
            name="FacetValue",
            fields=[
                ("id", models.AutoField(primary_key=True, serialize=False)),
                ("facet", models.CharField(max_length=20)),
                ("value", models.CharField(max_length=120)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("facet", "value"), name="facet_value_unique")
                ],
            },
        ),
        migrations.CreateModel(
            name="FacetSet",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("codes", search.models.FacetCodesField(default=list, unique=True)),
            ],
        ),
        migrations.AddField(
            model_name="directoryentry",
            name="facet_codes",
            field=search.models.FacetCodesField(default=list),
        ),
        migrations.AddField(
            model_name="directoryentry",
            name="facet_set",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="search.facetset",
            ),
        ),
        migrations.RunPython(carry_over, migrations.RunPython.noop),
        migrations.RunPython(_postgres(POSTGRES_INDEXES), _postgres(POSTGRES_DROP_INDEXES)),
        migrations.RemoveField(model_name="directoryentry", name="keywords"),
        migrations.RemoveField(model_name="directoryentry", name="body"),
        migrations.RemoveField(model_name="directoryentry", name="extra"),
        migrations.RemoveField(model_name="directoryentry", name="facet_list"),
    ]
