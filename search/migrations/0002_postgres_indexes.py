"""PostgreSQL only: the GIN index for full-text search and pg_trgm for typo tolerance.

Declared here rather than in Meta.indexes because SQLite, the demo database, has neither.
"""

from django.db import migrations

POSTGRES_SQL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS entry_search_vector_gin "
    "ON search_directoryentry USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS entry_name_trgm "
    "ON search_directoryentry USING gin (name gin_trgm_ops)",
]
POSTGRES_REVERSE_SQL = [
    "DROP INDEX IF EXISTS entry_name_trgm",
    "DROP INDEX IF EXISTS entry_search_vector_gin",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(_run(POSTGRES_SQL), _run(POSTGRES_REVERSE_SQL))]
