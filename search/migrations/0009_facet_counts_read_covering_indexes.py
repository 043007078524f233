"""Facet counts read the covering indexes, not the rows (PostgreSQL index-only scans).

The counts read each matching entry's facet codes and sets; the review date orders searches
near a point. With those in the indexes, a search without words never reads the rows, whose
search vectors make up most of the table. The index without a point leaves out the name,
so it stays small enough for PostgreSQL to prefer it to the table.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0008_entry_derived_facet_set'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='directoryentry',
            name='entry_point_idx',
        ),
        migrations.RemoveIndex(
            model_name='directoryentry',
            name='entry_filters_idx',
        ),
        migrations.AddIndex(
            model_name='directoryentry',
            index=models.Index(fields=['latitude', 'longitude'], include=('id', 'name', 'reviewed', 'minimum_age', 'maximum_age', 'is_free', 'wheelchair', 'facet_set', 'derived_facet_set', 'facet_codes'), name='entry_point_idx'),
        ),
        migrations.AddIndex(
            model_name='directoryentry',
            index=models.Index(fields=['id'], include=('minimum_age', 'maximum_age', 'is_free', 'wheelchair', 'facet_set', 'derived_facet_set', 'facet_codes'), name='entry_filters_idx'),
        ),
    ]
