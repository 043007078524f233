"""Where imported listings came from, and the duplicates found across sources.

A `ListingSource` ties one of our Services or Organisations to a record in another ORUK
directory: (source name, source id) is unique, so re-importing a feed finds the same row
again, and `content_hash` tells whether the upstream record changed since we last saw it.
"""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django.db import models
from django.db.models import Q

from assets_directory.models import Organisation, Service
from cms.core.decisions import StaffDecision


class ListingSource(models.Model):
    """One imported record: our copy (a service or an organisation) and its upstream id."""

    class Kind(models.TextChoices):
        SERVICE = "service", "Service"
        ORGANISATION = "organisation", "Organisation"

    source_name = models.CharField(max_length=60)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    source_id = models.CharField(max_length=200)
    service = models.OneToOneField(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="listing_source"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="sources"
    )
    content_hash = models.CharField(max_length=64)
    synced_at = models.DateTimeField(help_text="When our copy was last changed from upstream.")
    removed_upstream = models.BooleanField(default=False)
    merged_into = models.ForeignKey(
        Service,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Staff merged this duplicate into another listing, so imports leave it be.",
    )

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["source_name", "kind", "source_id"], name="unique_listing_source"
            ),
            models.CheckConstraint(
                condition=Q(kind="service", service__isnull=False)
                | Q(kind="organisation", organisation__isnull=False),
                name="listing_source_points_at_its_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_name}:{self.source_id}"


class FeedRun(models.Model):
    """When a feed was last imported in full, so the next run can ask only for what changed
    since (ORUK 3.0's `modified_after`)."""

    source_name = models.CharField(max_length=60, unique=True)
    completed_at = models.DateTimeField(help_text="When that run started (what it saw).")

    def __str__(self) -> str:
        return f"{self.source_name} at {self.completed_at:%Y-%m-%d %H:%M}"


class ForeignTerm(models.Model):
    """A term of another directory's vocabulary (not our needs list), kept as it came so our
    feed passes it on: a listing tagged with the LGA's service types keeps them."""

    vocabulary = models.CharField(max_length=200)
    term_id = models.CharField(max_length=200)
    data = models.JSONField(help_text="The upstream taxonomy_term record, empty fields left out.")

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["vocabulary", "term_id"], name="unique_foreign_term")
        ]

    def __str__(self) -> str:
        return f"{self.vocabulary}: {self.data.get('name', self.term_id)}"

    def record(self) -> dict[str, Any]:
        """The term as ORUK 3.0 publishes it: a UUID id (derived when upstream had none)."""
        try:
            term_id = str(uuid.UUID(self.term_id))
        except ValueError:
            term_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{self.vocabulary}:{self.term_id}"))
        return {
            **self.data,
            "id": term_id,
            "description": self.data.get("description") or self.data.get("name") or self.term_id,
            "name": self.data.get("name") or self.term_id,
        }


class ServiceForeignTerm(models.Model):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="foreign_terms")
    term = models.ForeignKey(ForeignTerm, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["service", "term"], name="unique_service_foreign_term")
        ]

    def __str__(self) -> str:
        return f"{self.service_id}: {self.term}"


class DuplicatePair(StaffDecision):
    """Two published listings that look like the same service, for staff to merge or dismiss.

    A staff decision like any other (who, when), with nobody to tell: the importer raised it.
    """

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for staff"
        MERGED = "merged", "Merged"
        DISMISSED = "dismissed", "Not a duplicate"

    first = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    kept = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["status", "-created_at"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["first", "second"], name="unique_duplicate_pair")
        ]

    def __str__(self) -> str:
        return f"{self.first} / {self.second}"
