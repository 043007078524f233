"""manage.py import_oruk SOURCE [--name NAME]: import an Open Referral UK feed."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ...duplicates import find_duplicates
from ...importer import FeedError, import_feed


class Command(BaseCommand):
    help = (
        "Import another Open Referral UK directory's services (a URL or a JSON file). "
        "Safe to run again: unchanged records are skipped, changed ones updated, removed "
        "ones archived."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="URL of an ORUK /services endpoint, or a JSON file")
        parser.add_argument(
            "--name",
            help="Name of the source, which identifies its records on later runs "
            "(default: the SOURCE itself)",
        )
        parser.add_argument(
            "--moderate",
            action="store_true",
            help="send new and changed records to the moderators instead of publishing them "
            "(default: as ORUK_IMPORT_MODERATED says for this feed)",
        )
        parser.add_argument(
            "--incremental",
            action="store_true",
            help="ask the feed only for records modified since the last complete run "
            "(ORUK 3.0 modified_after); nothing is archived",
        )

    def handle(self, source: str, name: str | None = None, **options: Any) -> None:
        verbose = options["verbosity"] > 0
        progress = self.stdout.write if verbose else (lambda _: None)
        try:
            summary = import_feed(
                name or source,
                source,
                progress,
                moderated=True if options["moderate"] else None,
                incremental=options["incremental"],
            )
        except FeedError as problem:
            raise CommandError(str(problem)) from problem
        if summary.duplicates:
            self.stderr.write(f"Ids found more than once: {', '.join(summary.duplicates)}")
        for source_id, reason in summary.failed:
            self.stderr.write(f"Could not import {source_id}: {reason}")
        duplicates = find_duplicates()
        self.stdout.write(self.style.SUCCESS(str(summary)))
        if duplicates:
            self.stdout.write(f"{duplicates} possible duplicate(s) for staff to review.")
