"""Load an ONS Postcode Directory CSV (the full file, or the bundled VRU extract)."""

import csv
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from assets_directory.geocoding import normalise_postcode
from assets_directory.models import Postcode

BUNDLED_EXTRACT = Path(__file__).resolve().parents[2] / "data" / "onspd_vru_extract.csv"
BATCH_SIZE = 5000
NO_LOCATION_LATITUDE = 99.999999  # ONSPD's marker for "no grid reference"


class Command(BaseCommand):
    help = (
        "Load postcodes from an ONSPD CSV (columns pcds, doterm, oslaua, osward, lat, long). "
        "Without a path, loads the bundled extract for the VRU area. Running it again updates."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", default=str(BUNDLED_EXTRACT))
        parser.add_argument(
            "--prefix",
            action="append",
            default=[],
            help="Only postcodes starting with this (repeatable), e.g. --prefix NG --prefix S80",
        )

    def handle(self, *args: Any, path: str, prefix: list[str], **options: Any) -> None:
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"No such file: {source}")
        loaded = skipped = 0
        with source.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = {"pcds", "lat", "long"} - set(reader.fieldnames or [])
            if missing:
                raise CommandError(f"Not an ONSPD file: missing columns {sorted(missing)}")
            batch: list[Postcode] = []
            for row in reader:
                postcode = self._postcode(row, [p.upper() for p in prefix])
                if postcode is None:
                    skipped += 1
                    continue
                batch.append(postcode)
                if len(batch) >= BATCH_SIZE:
                    loaded += self._save(batch)
                    self.stdout.write(f"  {loaded} postcodes loaded …")
                    batch = []
            loaded += self._save(batch)
        self.stdout.write(self.style.SUCCESS(f"Loaded {loaded} postcodes; skipped {skipped}."))

    @staticmethod
    def _postcode(row: dict, prefixes: list[str]) -> Postcode | None:
        """A Postcode from a row, or None for terminated, unlocated or unwanted postcodes."""
        postcode = normalise_postcode(row.get("pcds", ""))
        if postcode is None or row.get("doterm"):
            return None
        if prefixes and not any(postcode.startswith(p) for p in prefixes):
            return None
        try:
            latitude, longitude = float(row["lat"]), float(row["long"])
        except (TypeError, ValueError):
            return None
        if latitude >= NO_LOCATION_LATITUDE:
            return None
        return Postcode(
            postcode=postcode,
            outcode=postcode.split()[0],
            latitude=latitude,
            longitude=longitude,
            local_authority_code=row.get("oslaua", "")[:9],
            ward_code=row.get("osward", "")[:9],
        )

    @staticmethod
    @transaction.atomic
    def _save(batch: list[Postcode]) -> int:
        Postcode.objects.bulk_create(
            batch,
            update_conflicts=True,
            unique_fields=["postcode"],
            update_fields=["latitude", "longitude", "local_authority_code", "ward_code", "outcode"],
        )
        return len(batch)
