"""One search across the whole site: Wagtail pages (publications are pages too) and
whatever other sources the project names in the setting SITE_SEARCH_SOURCES.

Why sources by name: this app imports nothing of the project, yet a resident typing
"boxing" into the site search expects the boxing clubs from the directory. So each app
that holds something worth finding offers one function, `(text, limit) -> SiteSection`,
and the settings (the composition root) list them, as they name the directory's engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class SiteResult:
    title: str
    url: str
    summary: str = ""


@dataclass(frozen=True)
class SiteSection:
    """What one source found: its first few results, how many in all, and where to see all."""

    heading: str
    total: int
    results: list[SiteResult] = field(default_factory=list)
    more_url: str = ""
    more_label: str = ""


Source = Callable[[str, int], SiteSection]


def sources() -> list[Source]:
    """The configured sources, in the order their sections are shown."""
    return [import_string(path) for path in getattr(settings, "SITE_SEARCH_SOURCES", [])]
