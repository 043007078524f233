"""One place that knows every app's personal data about a person.

Each app registers an exporter (what it holds about a user, as JSON-safe data) and, where it
must keep records after the person leaves (e.g. anonymised consultation answers), an eraser
that is run before the user row is deleted. The account pages call `export_for` and
`erase_for`; no app reaches into another's models to do it.
"""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import User

Exporter = Callable[[User], Any]
Eraser = Callable[[User], None]

_exporters: dict[str, Exporter] = {}
_erasers: dict[str, Eraser] = {}


def register(section: str, exporter: Exporter, eraser: Eraser | None = None) -> None:
    """Register an app's exporter (and optional eraser) under a section name."""
    _exporters[section] = exporter
    if eraser is not None:
        _erasers[section] = eraser


def export_for(user: User) -> dict[str, Any]:
    """Everything the platform holds about this user, section by section."""
    return {section: exporter(user) for section, exporter in sorted(_exporters.items())}


def erase_for(user: User) -> None:
    """Let every app detach or anonymise what it must keep, before the account goes."""
    for eraser in _erasers.values():
        eraser(user)
