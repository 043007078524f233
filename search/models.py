"""Storage for the database engines' directory index (PostgreSQL and the SQLite fallback).

One row per searchable listing, written only by `search.backends`. Denormalised on purpose:
a search page needs no joins into the directory's tables, so the number of queries per page
stays the same however many results there are.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class DirectoryEntry(models.Model):
    id = models.BigIntegerField(primary_key=True)  # the listing's id in its own app
    name = models.CharField(max_length=200)
    keywords = models.TextField(blank=True)
    body = models.TextField(blank=True)
    extra = models.TextField(blank=True)
    # Filled on PostgreSQL only; a GIN index is added by migration 0002 there.
    search_vector = SearchVectorField(null=True)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    minimum_age = models.PositiveSmallIntegerField(null=True)
    maximum_age = models.PositiveSmallIntegerField(null=True)
    is_free = models.BooleanField(default=False)
    wheelchair = models.BooleanField(default=False)
    # The entry's facet values again, as "facet:value" strings: PostgreSQL filters and counts
    # facets from the entry rows alone (GIN index, no join); SQLite uses DirectoryEntryFacet.
    facet_list = models.JSONField(default=list)

    class Meta:
        indexes = [models.Index(fields=["latitude", "longitude"], name="entry_point_idx")]

    def __str__(self) -> str:
        return self.name


class DirectoryEntryFacet(models.Model):
    """One facet value of an entry, e.g. ("category", "12")."""

    entry = models.ForeignKey(DirectoryEntry, on_delete=models.CASCADE, related_name="facet_values")
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=120)

    class Meta:
        indexes = [models.Index(fields=["facet", "value", "entry"], name="entry_facet_idx")]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"


class DirectoryEntryOpening(models.Model):
    """When an entry is open: an ISO weekday and local opening and closing times."""

    entry = models.ForeignKey(DirectoryEntry, on_delete=models.CASCADE, related_name="openings")
    weekday = models.PositiveSmallIntegerField()
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        indexes = [models.Index(fields=["weekday", "opens", "closes"], name="entry_opening_idx")]

    def __str__(self) -> str:
        return f"{self.weekday} {self.opens}-{self.closes}"
