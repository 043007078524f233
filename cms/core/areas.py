"""The eight areas the VRU covers: Nottingham City and the seven county districts.

WHY one list: the directory's Area rows, ambassadors' area choices and consultations' "where
do you live" answers all name the same eight places; each reads them from here so a new
boundary or a renamed district changes in one place.
"""

from __future__ import annotations

from typing import NamedTuple


class VruArea(NamedTuple):
    slug: str
    name: str
    gss_code: str  # ONS local authority code


AREAS: tuple[VruArea, ...] = (
    VruArea("nottingham-city", "Nottingham City", "E06000018"),
    VruArea("ashfield", "Ashfield", "E07000170"),
    VruArea("bassetlaw", "Bassetlaw", "E07000171"),
    VruArea("broxtowe", "Broxtowe", "E07000172"),
    VruArea("gedling", "Gedling", "E07000173"),
    VruArea("mansfield", "Mansfield", "E07000174"),
    VruArea("newark-and-sherwood", "Newark and Sherwood", "E07000175"),
    VruArea("rushcliffe", "Rushcliffe", "E07000176"),
)
AREA_NAMES: dict[str, str] = {area.slug: area.name for area in AREAS}


def slug_choices() -> list[tuple[str, str]]:
    """(slug, name) pairs, for a field that stores the slug."""
    return [(area.slug, area.name) for area in AREAS]


def area_name(slug: str) -> str:
    """The display name of an area, or the slug itself for a value no longer offered."""
    return AREA_NAMES.get(slug, slug)
