"""Rebuild the directory search index from the published listings."""

from django.core.management.base import BaseCommand

from assets_directory.indexing import reindex_all


class Command(BaseCommand):
    help = "Rebuild the directory's search index. Safe to run at any time."

    def handle(self, *args, **options) -> None:
        count = reindex_all()
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} published listings."))
