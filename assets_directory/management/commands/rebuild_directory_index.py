"""Rebuild the directory's search index from the database, without search going empty."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from search.engine import EngineUnavailable, get_engine

from ...indexing import reindex_all


class Command(BaseCommand):
    help = (
        "Rebuild the directory search index. On Elasticsearch it fills a new index and "
        "swaps the alias to it when complete, so searches keep working throughout."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch-size", type=int, default=500, help="Listings per batch (default 500)."
        )

    def handle(self, *args: Any, batch_size: int, **options: Any) -> None:
        engine = get_engine()
        self.stdout.write(f"Rebuilding the directory index with {type(engine).__name__}.")
        try:
            with engine.rebuilding():
                count = reindex_all(batch_size=batch_size, progress=self._progress)
        except EngineUnavailable as error:
            raise CommandError(
                f"{error}. Searches still use the index they used before; run this again "
                "once the search engine is back."
            ) from error
        self.stdout.write(self.style.SUCCESS(f"Done: {count} published listings searchable."))

    def _progress(self, done: int, total: int) -> None:
        self.stdout.write(f"Checked {done} of {total} listings ({done * 100 // total}%).")
