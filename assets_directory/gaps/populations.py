"""Resident numbers for the per-10,000 figures, read from the shipped data file.

The file says where the figures come from, their year and that they are approximate; the
Gaps page repeats that next to every per-10,000 figure so nobody mistakes them for exact.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "populations.json"


@cache
def _data() -> dict:
    return json.loads(DATA.read_text())


def source_note() -> str:
    data = _data()
    approximate = "Approximate figures. " if data.get("approximate") else ""
    return f"{approximate}Source: {data['source']} Year: {data['year']}."


def area_population(area: str, age_group: str = "") -> int | None:
    """Residents of an area, optionally of one age group; None when we hold no figure."""
    figures = _data()["areas"].get(area)
    if figures is None:
        return None
    return figures["by_age"][age_group] if age_group else figures["total"]


def ward_population(area: str, ward: str, age_group: str = "") -> int | None:
    """Residents of a ward; an age group's share follows the ward's area (see the file)."""
    figures = _data()["areas"].get(area)
    total = figures["wards"].get(ward) if figures else None
    if total is None or not age_group:
        return total
    return round(total * figures["by_age"][age_group] / figures["total"])


def per_10k(count: int, population: int | None) -> float | None:
    if not population:
        return None
    return round(count * 10_000 / population, 2)
