"""Moving the test database to a point in an app's migration history, for migration tests."""

from django.apps import apps as installed_apps
from django.apps.registry import Apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets: list[tuple[str, str]]) -> Apps:
    """Migrate to `targets` (forwards or backwards); the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_latest() -> None:
    """Every app to its newest migration, as the rest of the suite expects the schema: going
    back in one app also unapplies other apps' migrations that depend on it."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    _refill_content_type_cache()


def _refill_content_type_cache() -> None:
    """Data migrations that create permissions empty Django's content-type cache. The next
    test that restores the database from its serialized copy then builds Wagtail tasks, whose
    constructor asks for its content type: with the cache empty, that inserts a row before the
    serialized one, which then clashes. Reading them all back in refills the cache."""
    ContentType.objects.clear_cache()
    ContentType.objects.get_for_models(*installed_apps.get_models())
