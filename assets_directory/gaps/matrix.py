"""The coverage matrix: published services per category and area (or ward), by age group.

Rows are the top-level categories (a service in "Counselling" counts for "Mental health,
trauma, loss and bereavement"). Columns are the eight areas, or one area's wards when
drilled down. A service listed for a whole area, with no wards named in it, serves every
ward of that area. Only what residents can find counts (`Service.objects.searchable()`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import zip_longest

from assets_directory.models import Area, Service, Taxonomy, Ward

from . import populations
from .age_groups import BY_KEY

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


def _top_level_of(taxonomy: dict[int, Taxonomy]) -> dict[int, int]:
    """Each category's top-level ancestor."""
    top = {}
    for term in taxonomy.values():
        current = term
        while current.parent_id:
            current = taxonomy[current.parent_id]
        top[term.pk] = current.pk
    return top


def _services(age_group: str) -> list[Service]:
    services = Service.objects.searchable().prefetch_related("categories", "areas", "wards")
    if not age_group:
        return list(services)
    group = BY_KEY[age_group]
    return [s for s in services if group.served_by(s.minimum_age, s.maximum_age)]


def _columns_served(service: Service, area: Area | None, wards: list[Ward]) -> set[int]:
    """The ids of the columns (areas, or wards of `area`) this service serves."""
    area_ids = {a.pk for a in service.areas.all()}
    if area is None:
        return area_ids
    named = {w.pk for w in service.wards.all() if w.area_id == area.pk}
    if named:
        return named
    return {w.pk for w in wards} if area.pk in area_ids else set()


def build_matrix(age_group: str = "", area: Area | None = None) -> Matrix:
    """Count services per (top-level category, column); `area` drills down to its wards."""
    taxonomy = {term.pk: term for term in Taxonomy.objects.all()}
    top = _top_level_of(taxonomy)
    categories = [term for term in taxonomy.values() if term.parent_id is None]
    categories.sort(key=lambda term: (term.sort_order, term.name))
    wards = list(area.wards.order_by("name")) if area else []
    all_areas = [] if area else list(Area.objects.order_by("name"))
    places: list[Ward] | list[Area] = wards if area else all_areas
    column_ids = [place.pk for place in places]
    names = [place.name for place in places]
    counts: dict[tuple[int, int], int] = {}
    totals: dict[int, int] = {}
    for service in _services(age_group):
        columns = _columns_served(service, area, wards)
        tops = {top[c.pk] for c in service.categories.all()}
        for column in columns:
            totals[column] = totals.get(column, 0) + 1
            for category in tops:
                counts[category, column] = counts.get((category, column), 0) + 1
    people = [_population(name, area, age_group) for name in names]
    rows = [
        Row(
            category,
            [
                _cell(counts.get((category.pk, column), 0), population)
                for column, population in zip(column_ids, people, strict=True)
            ],
        )
        for category in categories
    ]
    return Matrix(
        columns=names,
        rows=rows,
        totals=[
            _cell(totals.get(column, 0), population)
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
