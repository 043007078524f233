"""ORUK test data: feed records shaped like another directory's /services page."""

from __future__ import annotations

import copy
import json
from pathlib import Path

DEMO_DATA = Path(__file__).resolve().parents[2] / "assets_directory" / "oruk" / "data"


def feed_record(source_id: str, name: str, **overrides) -> dict:
    """A realistic ORUK service record (taken from the demo city feed, renamed)."""
    record = copy.deepcopy(demo_records("city.json")[0])
    record.update({"id": source_id, "name": name, **overrides})
    return record


def demo_records(filename: str) -> list[dict]:
    return json.loads((DEMO_DATA / filename).read_text())["content"]


def write_feed(path: Path, records: list) -> str:
    path.write_text(json.dumps({"total_items": len(records), "content": records}))
    return str(path)
