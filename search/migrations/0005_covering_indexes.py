"""Covering indexes for the directory's searches without words (PostgreSQL index-only scans).

A search near a point, or one that filters and counts facets without words, needs only a
few narrow columns of every matching entry. Included in these indexes, they are read from
the index alone, not from rows that also carry the search vector. Other databases ignore
`include` and get plain indexes.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0004_split_entry_text_and_facet_codes'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='directoryentry',
            name='entry_point_idx',
        ),
        migrations.AddIndex(
            model_name='directoryentry',
            index=models.Index(fields=['latitude', 'longitude'], include=('id', 'name', 'minimum_age', 'maximum_age', 'is_free', 'wheelchair', 'facet_set'), name='entry_point_idx'),
        ),
        migrations.AddIndex(
            model_name='directoryentry',
            index=models.Index(fields=['id'], include=('name', 'minimum_age', 'maximum_age', 'is_free', 'wheelchair', 'facet_set'), name='entry_filters_idx'),
        ),
    ]
