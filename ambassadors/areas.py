"""The areas ambassadors work in.

WHY a module of its own: until the asset directory's area model is merged, the eight areas are
plain choices with a free-text ward. Everything that needs an area imports from here, so the
swap to the directory's model happens in one place.
"""

AREAS = [
    ("nottingham-city", "Nottingham City"),
    ("ashfield", "Ashfield"),
    ("bassetlaw", "Bassetlaw"),
    ("broxtowe", "Broxtowe"),
    ("gedling", "Gedling"),
    ("mansfield", "Mansfield"),
    ("newark-and-sherwood", "Newark and Sherwood"),
    ("rushcliffe", "Rushcliffe"),
]
AREA_NAMES = dict(AREAS)


def area_name(slug: str) -> str:
    """The display name of an area, or the slug itself for a value no longer offered."""
    return AREA_NAMES.get(slug, slug)
