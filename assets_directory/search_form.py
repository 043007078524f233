"""The resident's search form: every field optional, every bad value a clear message."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils import timezone

from cms.core.widgets import QuickSelect
from search.engine import DirectoryQuery

from .geocoding import Point, locate
from .models import WEEKDAYS, Area, Language, Taxonomy

MAX_QUERY_LENGTH = 200
MAX_DISTANCE_MILES = 100
KM_PER_MILE = 1.609344
DISTANCE_CHOICES = [("1", "1 mile"), ("3", "3 miles"), ("5", "5 miles"), ("10", "10 miles")]
DISTANCE_CHOICES += [("25", "25 miles")]
DEFAULT_DISTANCE = "5"
OPEN_CHOICES = [("", "Any time"), ("now", "Open now")] + [
    (str(day), f"Open on {name}") for day, name in WEEKDAYS
]


class DirectorySearchForm(forms.Form):
    q = forms.CharField(
        label="What are you looking for?",
        required=False,
        help_text="For example: mentoring, youth club, bereavement, food bank",
    )
    location = forms.CharField(
        label="Postcode or town", required=False, help_text="For example: NG7 2BT or Mansfield"
    )
    distance = forms.FloatField(
        label="Distance",
        required=False,
        widget=QuickSelect(choices=DISTANCE_CHOICES),
        error_messages={"invalid": "Distance must be a number of miles, like 5."},
    )
    category = forms.ChoiceField(label="Type of help", required=False, widget=QuickSelect)
    area = forms.ChoiceField(label="Area", required=False, widget=QuickSelect)
    age = forms.IntegerField(
        label="Age of the person who needs help",
        required=False,
        min_value=0,
        max_value=120,
        error_messages={
            "invalid": "Age must be a whole number, like 15.",
            "min_value": "Age must be 0 or more.",
            "max_value": "Age must be 120 or less.",
        },
    )
    free = forms.BooleanField(label="Free only", required=False)
    wheelchair = forms.BooleanField(label="Wheelchair accessible", required=False)
    language = forms.ChoiceField(label="Language", required=False, widget=QuickSelect)
    open = forms.ChoiceField(label="When", required=False, choices=OPEN_CHOICES, widget=QuickSelect)

    def __init__(self, data=None) -> None:
        super().__init__(data)
        self.query_was_cut = False
        self.located_label = ""
        terms = sorted(Taxonomy.objects.select_related("parent"), key=_tree_order)
        self._options = {
            "category": ("Any type of help", [(t.slug, str(t)) for t in terms]),
            "area": ("Anywhere", [(a.slug, a.name) for a in Area.objects.all()]),
            "language": ("Any language", [(x.code, x.name) for x in Language.objects.all()]),
        }
        for name, (empty, options) in self._options.items():
            self.fields[name].choices = [("", empty), *options]
            self.fields[name].error_messages["invalid_choice"] = (
                f"Choose a {self.fields[name].label.lower()} from the list."
            )

    def show_counts(self, counts: dict[str, dict[str, int]]) -> None:
        """Put the number of results each choice would give next to it."""
        for name, (empty, options) in self._options.items():
            facet = counts.get(name, {})
            self.fields[name].choices = [("", empty)] + [
                (value, f"{label} ({facet.get(value, 0)})") for value, label in options
            ]
        for name in ("free", "wheelchair"):
            self.fields[name].label += f" ({counts.get(name, {}).get('yes', 0)})"
        self._bound_fields_cache.clear()  # bound fields copied the old labels when validating

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

    def clean(self) -> dict:
        data = super().clean()
        text = data.get("location", "").strip()
        data["point"] = None
        if text:
            located = locate(text)
            if located.error:
                self.add_error("location", located.error)
            else:
                data["point"] = located.point
                self.located_label = located.label
        return data

    def to_query(self, now: datetime, *, offset: int, limit: int) -> DirectoryQuery:
        data = self.cleaned_data
        point: Point | None = data["point"]
        open_weekday = open_time = None
        if data["open"] == "now":
            local = timezone.localtime(now)
            open_weekday, open_time = local.isoweekday(), local.time().replace(microsecond=0)
        elif data["open"]:
            open_weekday = int(data["open"])
        miles = data["distance"] or float(DEFAULT_DISTANCE)
        return DirectoryQuery(
            text=data["q"],
            latitude=point.latitude if point else None,
            longitude=point.longitude if point else None,
            radius_km=miles * KM_PER_MILE if point else None,
            facets={k: data[k] for k in ("category", "area", "language") if data[k]},
            age=data["age"],
            free_only=data["free"],
            wheelchair=data["wheelchair"],
            open_weekday=open_weekday,
            open_time=open_time,
            offset=offset,
            limit=limit,
        )


def _tree_order(term: Taxonomy) -> tuple:
    parent = term.parent
    return (
        (parent.sort_order, parent.name, 1, term.sort_order)
        if parent
        else (
            term.sort_order,
            term.name,
            0,
            0,
        )
    )
