"""Migration 0004 carries an existing directory index over to the narrower layout.

Runs on both databases: PostgreSQL turns facet rows into codes and sets, SQLite moves the
plain text into its own table. Either way, searches give the same answers as before.
"""

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from search.engine import DirectoryQuery, get_engine
from tests.migrations import migrate, migrate_to_latest

BEFORE = [("search", "0003_directoryentry_facet_list")]
AFTER = [("search", "0004_split_entry_text_and_facet_codes")]
LATEST = MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes("search")


@pytest.fixture
def old_index():
    """Two entries stored the way migration 0003 left them."""
    apps = migrate(BEFORE)
    entry_model = apps.get_model("search", "DirectoryEntry")
    facet_model = apps.get_model("search", "DirectoryEntryFacet")
    entry_model.objects.create(
        id=1, name="Boxing club", keywords="Youth clubs", body="Evening boxing", is_free=True
    )
    entry_model.objects.create(id=2, name="Food bank", keywords="Money and food", body="Parcels")
    facet_model.objects.bulk_create(
        [
            facet_model(entry_id=1, facet="category", value="youth"),
            facet_model(entry_id=1, facet="area", value="mansfield"),
            facet_model(entry_id=2, facet="category", value="food"),
            facet_model(entry_id=2, facet="area", value="mansfield"),
        ]
    )
    if connection.vendor == "postgresql":
        # What PostgresEngine wrote before: the vector, weighted.
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE search_directoryentry SET search_vector ="
                " setweight(to_tsvector('english', name), 'A')"
                " || setweight(to_tsvector('english', keywords), 'B')"
                " || setweight(to_tsvector('english', body), 'C')"
            )
    yield
    migrate_to_latest()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_existing_index_answers_the_same_searches_after_migrating(old_index):
    migrate(LATEST)

    engine = get_engine()
    by_body_word = engine.search(DirectoryQuery(text="parcels"))  # not in any name
    assert [hit.id for hit in by_body_word.hits] == [2]
    in_mansfield = engine.search(DirectoryQuery(facets={"area": "mansfield"}))
    assert in_mansfield.total == 2
    assert in_mansfield.facets["category"] == {"youth": 1, "food": 1}
    youth = engine.search(DirectoryQuery(facets={"category": "youth"}))
    assert [hit.id for hit in youth.hits] == [1]
    assert youth.facets["category"] == {"youth": 1, "food": 1}  # its own filter left out
    assert youth.facets["free"] == {"yes": 1}
