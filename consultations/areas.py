"""Which of the VRU's areas (cms.core.areas) a consultation is about, or a subscriber wants
alerts for: a list of area slugs, where an empty list means all of them.

WHY a JSON list rather than rows: both the consultation page (a Wagtail page, so its fields
live in revisions) and an alert subscription need only "which of eight places", and a list
keeps a page revision whole. The lists are short and read whole, so matching is done here in
Python, the same way on PostgreSQL and SQLite.
"""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.db import models

from cms.core.areas import area_name, slug_choices


class AreaListField(models.JSONField):
    """Area slugs, edited as a checkbox for each area; none ticked means all areas."""

    def formfield(self, **kwargs: Any) -> forms.Field:
        return forms.TypedMultipleChoiceField(
            choices=slug_choices(),
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=kwargs.get("label") or self.verbose_name.capitalize(),
            help_text=self.help_text,
        )


def covers(areas: Iterable[str], wanted: Iterable[str]) -> bool:
    """Whether something about `areas` is of interest to someone wanting `wanted`: true when
    either is empty (all areas) or they share an area."""
    areas, wanted = set(areas), set(wanted)
    return not areas or not wanted or bool(areas & wanted)


def area_names(areas: Iterable[str]) -> str:
    """ "Ashfield and Gedling"; "all areas" for an empty list."""
    names = [area_name(slug) for slug in areas]
    if not names:
        return "all areas"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
