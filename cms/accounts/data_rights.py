"""A person's rights over their data: one download of everything held, and erasure.

Each app says what it holds about a person in its own `personal_data.py`:

    SECTION = "directory"             # the heading in the download
    def export(user) -> JSON-safe data
    def erase(user) -> None           # optional: detach or anonymise what must be kept
    def retained(user) -> list[str]   # optional: what erasing keeps, and why, in plain words

found by name (`cms.core.discovery`), so no app registers itself and none reaches into
another's models. The account pages call `export_for` and `erase_for`.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from django.contrib.auth.models import User

from cms.core.discovery import project_app_modules


def personal_data_modules() -> list[ModuleType]:
    return list(project_app_modules("personal_data"))


def export_for(user: User) -> dict[str, Any]:
    """Everything the platform holds about this user, section by section."""
    sections = {module.SECTION: module.export(user) for module in personal_data_modules()}
    return dict(sorted(sections.items()))


def erase_for(user: User) -> None:
    """Let every app detach or anonymise what it must keep, before the account goes."""
    for module in personal_data_modules():
        if hasattr(module, "erase"):
            module.erase(user)


def retained_for(user: User) -> list[str]:
    """What deleting this account keeps, and why: shown before and after deletion."""
    return [
        sentence
        for module in personal_data_modules()
        if hasattr(module, "retained")
        for sentence in module.retained(user)
    ]
