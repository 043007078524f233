"""Storage for the database engines' directory index (PostgreSQL and the SQLite fallback).

One row per searchable listing (and its text, facet values and opening times), written only
by `search.database_engines`. Denormalised on purpose: a search page needs no joins into the
directory's tables, so the number of queries per page stays the same however many results
there are.
"""

import json
from typing import Any, ClassVar

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class FacetCodesField(models.Field):
    """A list of small integers: integer[] on PostgreSQL, JSON text elsewhere.

    Why not JSON everywhere: counting facets means unnesting every matching entry's list,
    and PostgreSQL unnests and groups an integer array several times faster than jsonb text.
    """

    description = "List of integer codes"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def db_type(self, connection: Any) -> str:
        return "integer[]" if connection.vendor == "postgresql" else "text"

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if value is None or connection.vendor == "postgresql":
            return value
        return json.dumps(value)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return json.loads(value) if isinstance(value, str) else value


class _CodesLookup(models.Lookup):
    """A list of codes against the entry's codes, by one array operator (PostgreSQL only;
    the GIN index on facet_codes serves both)."""

    prepare_rhs = False
    operator = ""

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} {self.operator} %s::integer[]", (*lhs_params, list(self.rhs))


@FacetCodesField.register_lookup
class OverlapsCodes(_CodesLookup):
    """`facet_codes__overlaps=[7, 9]`: the list holds code 7 or 9."""

    lookup_name = "overlaps"
    operator = "&&"


@FacetCodesField.register_lookup
class HoldsAllCodes(_CodesLookup):
    """`facet_codes__holds_all=[7, 9]`: the list holds codes 7 and 9."""

    lookup_name = "holds_all"
    operator = "@>"


# What counting facets reads of each matching entry, besides the filters of a search without
# words: kept in the covering indexes below, so PostgreSQL never reads the rows themselves,
# which carry the search vectors (about three quarters of each row).
COUNTED_COLUMNS = [
    "minimum_age",
    "maximum_age",
    "is_free",
    "wheelchair",
    "facet_set",
    "derived_facet_set",
    "facet_codes",
]


class DirectoryEntry(models.Model):
    """What matching, filtering, distance, sorting and facet counting read: kept narrow.

    A search with a filter or a postcode reads thousands of these rows, so the plain text,
    which only the SQLite fallback reads, lives in DirectoryEntryText.
    """

    id = models.BigIntegerField(primary_key=True)  # the listing's id in its own app
    name = models.CharField(max_length=200)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    minimum_age = models.PositiveSmallIntegerField(null=True)
    maximum_age = models.PositiveSmallIntegerField(null=True)
    is_free = models.BooleanField(default=False)
    wheelchair = models.BooleanField(default=False)
    reviewed = models.DateField(null=True)  # ranking ties go to the more recently reviewed
    # PostgreSQL only: name, keywords, body and extra, weighted; GIN-indexed (migration 0002).
    search_vector = SearchVectorField(null=True)
    # PostgreSQL only (SQLite uses DirectoryEntryFacet): the entry's facet values as FacetValue
    # codes, for filtering (GIN index), and the same codes as one FacetSet, for counting.
    facet_codes = FacetCodesField()
    facet_set = models.ForeignKey(
        "FacetSet", on_delete=models.PROTECT, null=True, db_index=False, related_name="+"
    )
    # The codes of the facets worked out from ages, opening days and access needs, as a set
    # of their own: in one set with the others they would make nearly every entry's set
    # unique, and counting by set would no longer save any work (search.engine.DERIVED_FACETS).
    derived_facet_set = models.ForeignKey(
        "FacetSet", on_delete=models.PROTECT, null=True, db_index=False, related_name="+"
    )

    class Meta:
        # Covering indexes: on PostgreSQL a search near a point, or one that filters and
        # counts without words, reads these small indexes alone, never the rows with their
        # search vectors (an index-only scan). Other databases ignore `include`.
        indexes: ClassVar[list[models.Index]] = [
            # A search near a point also sorts by distance, then by review date.
            models.Index(
                fields=["latitude", "longitude"],
                include=["id", "name", "reviewed", *COUNTED_COLUMNS],
                name="entry_point_idx",
            ),
            # Without the name, so the whole index stays small enough for PostgreSQL to
            # prefer it to reading the table when a search counts over every entry.
            models.Index(fields=["id"], include=COUNTED_COLUMNS, name="entry_filters_idx"),
        ]

    def __str__(self) -> str:
        return self.name


class DirectoryEntryText(models.Model):
    """An entry's words besides its name, for the SQLite fallback's matching and ranking.

    PostgreSQL keeps them in DirectoryEntry.search_vector instead.
    """

    entry = models.OneToOneField(
        DirectoryEntry, on_delete=models.CASCADE, primary_key=True, related_name="text"
    )
    keywords = models.TextField(blank=True)
    body = models.TextField(blank=True)
    extra = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Text of entry {self.entry_id}"


class FacetValue(models.Model):
    """A small number standing for one facet value, e.g. 7 for ("area", "mansfield").

    Rows are added, never changed or removed, so a code always means the same value.
    """

    id = models.AutoField(primary_key=True)  # an int, like the integer[] that holds codes
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=120)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["facet", "value"], name="facet_value_unique")
        ]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"


class FacetSet(models.Model):
    """One combination of facet codes that some entries share.

    Why: counting facets per search means going through every matching entry's codes. Many
    entries share each combination (in the 50,000-listing bench, about 2,200 sets), so
    PostgreSQL groups the matches by set (an integer, quick to group) and unnests each set's
    codes once. Rows are added, never changed.
    """

    codes = FacetCodesField(unique=True)

    def __str__(self) -> str:
        return f"Facet set {self.codes}"


class DirectoryEntryFacet(models.Model):
    """One facet value of an entry, e.g. ("category", "12")."""

    entry = models.ForeignKey(DirectoryEntry, on_delete=models.CASCADE, related_name="facet_values")
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=120)

    class Meta:
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["facet", "value", "entry"], name="entry_facet_idx")
        ]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"


class DirectoryEntryOpening(models.Model):
    """When an entry is open: an ISO weekday and local opening and closing times."""

    entry = models.ForeignKey(DirectoryEntry, on_delete=models.CASCADE, related_name="openings")
    weekday = models.PositiveSmallIntegerField()
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["weekday", "opens", "closes"], name="entry_opening_idx")
        ]

    def __str__(self) -> str:
        return f"{self.weekday} {self.opens}-{self.closes}"


class DirectoryWord(models.Model):
    """A word some indexed listing uses: the vocabulary "Did you mean" respells from."""

    word = models.CharField(max_length=40, unique=True)

    def __str__(self) -> str:
        return self.word
