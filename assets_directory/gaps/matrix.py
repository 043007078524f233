"""The coverage matrix: published services per category and area (or ward), by age group.

Rows are the top-level categories (a service in "Counselling" counts for "Mental health,
trauma, loss and bereavement"). Columns are the eight areas, or one area's wards when
drilled down. A service listed for a whole area, with no wards named in it, serves every
ward of that area. Only what residents can find counts (`Service.objects.searchable()`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import zip_longest

from assets_directory.models import Area, Service, Taxonomy, Ward

from . import populations
from .age_groups import AGE_GROUPS, BY_KEY

# A cell with at most this many services is flagged as "few".
FEW_SERVICES = 2


@dataclass(frozen=True)
class Cell:
    count: int
    per_10k: float | None

    @property
    def level(self) -> str:
        """none / few / some: the flag shown as text and, second, as colour."""
        if self.count == 0:
            return "none"
        return "few" if self.count <= FEW_SERVICES else "some"

    @property
    def flag(self) -> str:
        """The flag in words ("None", "Few:"), so it is not told by colour alone."""
        return {"none": "None", "few": "Few:"}.get(self.level, "")

    @property
    def rate(self) -> str:
        """Services per 10,000 residents to two places, or "" with no population figure.
        As `floatformat:2` gives for en-GB (no grouping), without a template filter per cell."""
        return "" if self.per_10k is None else f"{self.per_10k:.2f}"


@dataclass
class Row:
    category: Taxonomy
    cells: list[Cell]


@dataclass
class Matrix:
    columns: list[str]  # area or ward names
    rows: list[Row]
    totals: list[Cell]  # distinct services per column, any category
    area: Area | None = None  # set when drilled down to wards
    age_group: str = ""
    column_ids: list[int] = field(default_factory=list)
    populations: list[int | None] = field(default_factory=list)
    drill_slugs: list[str] = field(default_factory=list)  # areas' slugs, to show their wards

    @property
    def headers(self) -> list[tuple[str, str]]:
        """(column name, slug of the area to drill into, or "" for a ward)."""
        return list(zip_longest(self.columns, self.drill_slugs, fillvalue=""))

    @property
    def age_group_label(self) -> str:
        return BY_KEY[self.age_group].label if self.age_group else "All ages"


@dataclass(frozen=True)
class Layout:
    """What the counts are laid out by, read once however many matrices a page shows (the
    table, the chart, each gap's evidence): the rows, each term's row, and the areas."""

    categories: list[Taxonomy]  # the top-level categories, in the order of the rows
    top_level: dict[int, Taxonomy]  # each term's top-level ancestor, by the term's id
    areas: list[Area]  # by name

    @classmethod
    def load(cls) -> Layout:
        terms = {term.pk: term for term in Taxonomy.objects.order_by("sort_order", "name")}
        return cls(
            categories=[term for term in terms.values() if term.parent_id is None],
            top_level={pk: terms[top] for pk, top in _top_level_of(terms).items()},
            areas=list(Area.objects.order_by("name")),
        )


def _top_level_of(taxonomy: dict[int, Taxonomy]) -> dict[int, int]:
    """Each category's top-level ancestor."""
    top = {}
    for term in taxonomy.values():
        current = term
        while current.parent_id:
            current = taxonomy[current.parent_id]
        top[term.pk] = current.pk
    return top


# Counts per age group key ("" for all ages), then per kind of place, place id and category
# id, with "total" for distinct services in any category. Kinds: "area" (the area view),
# "ward" (services naming that ward) and "whole" (services listed for the whole area, with
# none of its wards named: they count for every ward of it). JSON-shaped, as stored.
Counts = dict[str, dict[str, dict[str, dict[str, int]]]]
TOTAL = "total"


def count_coverage() -> Counts:
    """Every view's counts in one pass over the searchable listings' ids, not their rows,
    so a refresh at 50,000 listings takes seconds and the page reads a stored result."""
    services = Service.objects.searchable()
    ages = services.values_list("pk", "minimum_age", "maximum_age")
    searchable = {pk: (low, high) for pk, low, high in ages}
    top = _top_level_of({term.pk: term for term in Taxonomy.objects.all()})
    tops: dict[int, set[int]] = defaultdict(set)
    for service_id, term_id in Service.categories.through.objects.values_list(
        "service_id", "taxonomy_id"
    ):
        tops[service_id].add(top[term_id])
    areas: dict[int, set[int]] = defaultdict(set)
    for service_id, area_id in Service.areas.through.objects.values_list("service_id", "area_id"):
        areas[service_id].add(area_id)
    wards: dict[int, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    for service_id, ward_id, area_id in Service.wards.through.objects.values_list(
        "service_id", "ward_id", "ward__area_id"
    ):
        wards[service_id][area_id].add(ward_id)
    counts: Counter[tuple[str, str, int, str]] = Counter()
    for pk, (low, high) in searchable.items():
        places = [("area", area_id) for area_id in areas[pk]]
        places += [("ward", w) for named in wards[pk].values() for w in named]
        places += [("whole", area_id) for area_id in areas[pk] if area_id not in wards[pk]]
        keys = ["", *(group.key for group in AGE_GROUPS if group.served_by(low, high))]
        labels = [TOTAL, *(str(category) for category in tops[pk])]
        counts.update(
            (key, kind, place, label) for key in keys for kind, place in places for label in labels
        )
    result: Counts = {key: {"area": {}, "ward": {}, "whole": {}} for key in ["", *BY_KEY]}
    for (key, kind, place, label), count in counts.items():
        result[key][kind].setdefault(str(place), {})[label] = count
    return result


def build_matrix(age_group: str = "", area: Area | None = None) -> Matrix:
    """The matrix counted from the listings now (what `refresh_coverage` stores)."""
    return matrix_from(count_coverage()[age_group], age_group, area)


def matrix_from(
    counts: dict[str, dict[str, dict[str, int]]],
    age_group: str,
    area: Area | None,
    layout: Layout | None = None,
) -> Matrix:
    """Lay out one age group's counts per top-level category and column (areas, or the
    wards of `area` when drilled down)."""
    layout = layout or Layout.load()
    categories = layout.categories
    wards = list(area.wards.order_by("name")) if area else []
    all_areas = [] if area else layout.areas
    places: list[Ward] | list[Area] = wards if area else all_areas
    column_ids = [place.pk for place in places]
    names = [place.name for place in places]

    def count(column: int, label: str) -> int:
        if area is None:
            return counts["area"].get(str(column), {}).get(label, 0)
        named = counts["ward"].get(str(column), {}).get(label, 0)
        return named + counts["whole"].get(str(area.pk), {}).get(label, 0)

    people = [_population(name, area, age_group) for name in names]
    rows = [
        Row(
            category,
            [
                _cell(count(column, str(category.pk)), population)
                for column, population in zip(column_ids, people, strict=True)
            ],
        )
        for category in categories
    ]
    return Matrix(
        columns=names,
        rows=rows,
        totals=[
            _cell(count(column, TOTAL), population)
            for column, population in zip(column_ids, people, strict=True)
        ],
        area=area,
        age_group=age_group,
        column_ids=column_ids,
        populations=people,
        drill_slugs=[place.slug for place in all_areas],
    )


def _population(name: str, area: Area | None, age_group: str) -> int | None:
    if area is None:
        return populations.area_population(name, age_group)
    return populations.ward_population(area.name, name, age_group)


def _cell(count: int, population: int | None) -> Cell:
    return Cell(count, populations.per_10k(count, population))
