"""The rows migrations made, kept and put back with COPY on PostgreSQL.

A transactional test (the browser tests, the Celery worker tests, the migration tests) asks
for `serialized_rollback`: after the flush that ends the test before it, Django puts back
the rows that migrations made (groups, permissions, the root page, our areas and categories)
by saving some 800 objects one at a time, which costs about 4 s per test on PostgreSQL.
COPY puts back the same rows, of the same tables that the flush empties, in a few
milliseconds. Other databases keep Django's own way.
"""

from __future__ import annotations

from io import StringIO

from django.db import transaction
from django.db.backends.postgresql.creation import DatabaseCreation

# Each non-empty table's name: its quoted column names and its rows in COPY's text format.
TableRows = dict[str, tuple[str, str]]


def _copy_out(creation: DatabaseCreation) -> TableRows:
    connection = creation.connection
    quote = connection.ops.quote_name
    rows: TableRows = {}
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    with connection.cursor() as cursor:
        for table in sorted(tables):
            # Named columns: a migration test that drops and re-adds a column changes the
            # order of the table's columns, not their names.
            cursor.execute(f"SELECT * FROM {quote(table)} LIMIT 0")
            columns = ", ".join(quote(column.name) for column in cursor.description)
            out = StringIO()
            cursor.copy_expert(f"COPY {quote(table)} ({columns}) TO STDOUT", out)
            if out.getvalue():
                rows[table] = (columns, out.getvalue())
    return rows


def _copy_in(creation: DatabaseCreation, rows: TableRows) -> None:
    # The first such test finds the rows still there (Django's way saves over them), so each
    # table is emptied first. Foreign keys are checked at commit (Django makes them DEFERRABLE
    # INITIALLY DEFERRED), so the tables can be emptied and filled in any order.
    connection = creation.connection
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for table, (columns, text) in rows.items():
            table = connection.ops.quote_name(table)
            cursor.execute(f"DELETE FROM {table}")
            cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN", StringIO(text))


def use_copy_for_serialized_rollback() -> None:
    """Make PostgreSQL test databases keep and restore their migrated rows with COPY."""
    DatabaseCreation.serialize_db_to_string = _copy_out
    DatabaseCreation.deserialize_db_from_string = _copy_in
