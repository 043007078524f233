"""The resident's search form: every field optional, every bad value a clear message."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django import forms

from cms.core.widgets import QuickCheckboxes, QuickNumberInput, QuickSelect, QuickTextInput
from search.engine import AGE_BANDS, DirectoryQuery

from .models import ACCESS_NEEDS, WEEKDAYS, Area, Language, Taxonomy
from .search_query import BuiltQuery, PlaceNotFound, Search, build_query

MAX_QUERY_LENGTH = 200
MAX_DISTANCE_MILES = 100
KM_PER_MILE = 1.609344
DISTANCE_CHOICES = [
    ("1", "1 mile"),
    ("3", "3 miles"),
    ("5", "5 miles"),
    ("10", "10 miles"),
    ("25", "25 miles"),
]
DEFAULT_DISTANCE = "5"
# "Open on <day>" is chosen with the day checkboxes now; old links saying open=<day> still work.
WHEN_CHOICES = [("", "Any time"), ("now", "Open now")]
OPEN_CHOICES = WHEN_CHOICES + [(str(day), f"Open on {name}") for day, name in WEEKDAYS]


def age_band_label(youngest: int, oldest: int | None) -> str:
    if oldest is None:
        return f"{youngest} and over"
    return f"Under {oldest + 1}" if youngest == 0 else f"{youngest} to {oldest}"


# The filters a resident may tick several values of: OR within one, AND across them.
# (Access needs are ANDed instead: every need ticked must be met.)
FACET_FIELDS = ("category", "area", "age_band", "day", "language", "access")


class SeveralValuesField(forms.MultipleChoiceField):
    """Ticked values; a blank one is dropped, because the old one-value filters sent
    `category=` for "any", and residents' bookmarks and shared links still do."""

    def to_python(self, value: Any) -> list[str]:
        return [choice for choice in super().to_python(value) if choice]


def _checkboxes(label: str) -> forms.MultipleChoiceField:
    return SeveralValuesField(label=label, required=False, widget=QuickCheckboxes)


class DirectorySearchForm(forms.Form):
    q = forms.CharField(
        label="What are you looking for?",
        required=False,
        help_text="For example: mentoring, youth club, bereavement, food bank",
        widget=QuickTextInput,
    )
    location = forms.CharField(
        label="Postcode or town",
        required=False,
        help_text="For example: NG7 2BT or Mansfield",
        widget=QuickTextInput,
    )
    distance = forms.FloatField(
        label="Distance",
        required=False,
        widget=QuickSelect(choices=DISTANCE_CHOICES),
        error_messages={"invalid": "Distance must be a number of miles, like 5."},
    )
    category = _checkboxes("Type of help")
    area = _checkboxes("Area")
    age = forms.IntegerField(
        label="Age of the person who needs help",
        required=False,
        min_value=0,
        max_value=120,
        widget=QuickNumberInput,
        error_messages={
            "invalid": "Age must be a whole number, like 15.",
            "min_value": "Age must be 0 or more.",
            "max_value": "Age must be 120 or less.",
        },
    )
    age_band = _checkboxes("Age group")
    free = forms.BooleanField(label="Free only", required=False)
    access = _checkboxes("Access needs")
    # Not shown: old links' wheelchair=on, now the "Wheelchair accessible" access need.
    wheelchair = forms.BooleanField(required=False)
    language = _checkboxes("Language")
    open = forms.ChoiceField(label="When", required=False, choices=OPEN_CHOICES, widget=QuickSelect)
    day = _checkboxes("Open on")

    def __init__(self, data: Any = None) -> None:
        super().__init__(data)
        self.query_was_cut = False
        self.located_label = ""
        self.located_notice = ""
        self._built: BuiltQuery | None = None
        self._options = {
            "category": _category_options(),
            "area": list(Area.objects.values_list("slug", "name")),
            "age_band": [(band, age_band_label(low, high)) for band, low, high in AGE_BANDS],
            "day": [(str(day), name) for day, name in WEEKDAYS],
            "language": list(Language.objects.values_list("code", "name")),
            "access": list(ACCESS_NEEDS.items()),
        }
        self.fields["open"].widget.choices = WHEN_CHOICES  # days: the "Open on" checkboxes
        for name, options in self._options.items():
            field = self._choice_field(name)
            field.choices = options
            field.error_messages["invalid_choice"] = (
                f"Choose a {str(field.label).lower()} from the list."
            )

    def show_counts(self, counts: dict[str, dict[str, int]]) -> None:
        """Put the number of results each choice would give next to it."""
        for name, options in self._options.items():
            facet = counts.get(name, {})
            self._choice_field(name).choices = [
                (value, f"{label} ({facet.get(value, 0)})") for value, label in options
            ]
        free = self.fields["free"]
        free.label = f"{free.label} ({counts.get('free', {}).get('yes', 0)})"
        # Bound fields copied the old labels when validating. (Django's stubs omit this cache.)
        self._bound_fields_cache.clear()  # type: ignore[attr-defined]

    def _choice_field(self, name: str) -> forms.MultipleChoiceField:
        field = self.fields[name]
        assert isinstance(field, forms.MultipleChoiceField)
        return field

    def clean_q(self) -> str:
        text = " ".join(self.cleaned_data["q"].split())
        if len(text) > MAX_QUERY_LENGTH:
            self.query_was_cut = True
            text = text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0]
        return text

    def clean_distance(self) -> float | None:
        distance = self.cleaned_data["distance"]
        if distance is not None and not 0 < distance <= MAX_DISTANCE_MILES:
            raise forms.ValidationError(
                f"Distance must be more than 0 and no more than {MAX_DISTANCE_MILES} miles."
            )
        return distance

    def clean(self) -> dict[str, Any]:
        """Build the query now, so a place we cannot find is an error on its field (shown
        with any other field's error: the query itself is only used when all are valid)."""
        data = super().clean() or {}
        try:
            self._built = build_query(self._search(data))
        except PlaceNotFound as problem:
            self.add_error("location", str(problem))
        else:
            self.located_label = self._built.place_label
            self.located_notice = self._built.place_notice
        return data

    @staticmethod
    def _search(data: dict[str, Any]) -> Search:
        miles = data.get("distance") or float(DEFAULT_DISTANCE)
        when = data.get("open", "")
        facets = {name: tuple(data.get(name) or ()) for name in FACET_FIELDS}
        if when.isdigit():  # an old link's "open on <day>"
            facets["day"] = (*facets["day"], when)
        if data.get("wheelchair"):  # an old link's wheelchair=on
            facets["access"] = (*facets["access"], "wheelchair_accessible")
        return Search(
            text=data.get("q", ""),
            place=data.get("location", ""),
            radius_km=miles * KM_PER_MILE,
            facets=facets,
            age=data.get("age"),
            free_only=data.get("free", False),
            open_now=when == "now",
        )

    def to_query(self, *, offset: int, limit: int) -> DirectoryQuery:
        """The valid form's query, for one page of results."""
        assert self._built is not None, "call is_valid() first"
        return replace(self._built.query, offset=offset, limit=limit)


def _category_options() -> list[tuple[str, str]]:
    """Each type of help as (slug, "Parent > Name"), in tree order, read as plain values:
    the search form is built on every search."""
    rows = Taxonomy.objects.values_list(
        "slug", "name", "sort_order", "parent__name", "parent__sort_order"
    )
    ordered = sorted(rows, key=lambda row: _tree_key(*row[1:]))
    return [
        (slug, name if parent is None else f"{parent} > {name}")
        for slug, name, _, parent, _ in ordered
    ]


def tree_order(term: Taxonomy) -> tuple[int | str, ...]:
    """Each top-level category, then its children in their own order."""
    parent = term.parent
    if parent is None:
        return _tree_key(term.name, term.sort_order, None, None)
    return _tree_key(term.name, term.sort_order, parent.name, parent.sort_order)


def _tree_key(
    name: str, sort_order: int, parent_name: str | None, parent_sort_order: int | None
) -> tuple[int | str, ...]:
    if parent_name is None:
        return (sort_order, name, 0, 0)
    return (parent_sort_order or 0, parent_name, 1, sort_order)
