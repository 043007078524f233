"""Demo: import the city and county directories' ORUK feeds shipped in data/. Idempotent,
because the importer skips records it has already seen unchanged."""

from pathlib import Path

from .duplicates import find_duplicates
from .importer import import_feed

DATA = Path(__file__).resolve().parent / "data"
DEMO_FEEDS = {"city directory": DATA / "city.json", "county directory": DATA / "county.json"}


def load() -> None:
    for name, path in DEMO_FEEDS.items():
        import_feed(name, str(path))
    find_duplicates()
