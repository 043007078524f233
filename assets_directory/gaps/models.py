"""Recorded gaps in provision and the Response Strategy actions that answer them.

A gap is evidence that something is missing (a category of support, for an age group, in
some areas). Staff record gaps from the Strategic Needs Assessment and engagement; Community
and Youth ambassadors propose them from their portal, and a proposal stays out of public
view until staff accept it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django.urls import reverse
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, Panel

from assets_directory.models import Area, Taxonomy
from cms.core.decisions import StaffDecision, StaffDecisionAdminForm

from .age_groups import AGE_GROUP_CHOICES


class StrategyAction(models.Model):
    """One action of the VRU Response Strategy (for example T3-6, access to mental health)."""

    class Priority(models.TextChoices):
        DATA = "DATA", "Data, intelligence and evidence base"
        TRAUMA = "TRAUMA", "Trauma-informed, resilience and contextual safeguarding"
        COMM = "COMM", "Community capacity building and empowerment"
        ETE = "ETE", "Mentoring and pathways into education, training and employment"
        ENF = "ENF", "Enforcement, resettlement and rehabilitation"

    reference = models.CharField(max_length=10, unique=True, help_text="For example T3-6.")
    title = models.CharField(max_length=200)
    priority = models.CharField(max_length=6, choices=Priority.choices)
    funded = models.BooleanField(default=True)

    panels: ClassVar[list[Panel]] = [
        FieldPanel("reference"),
        FieldPanel("title"),
        FieldPanel("priority"),
        FieldPanel("funded"),
    ]

    class Meta:
        ordering: ClassVar[list[str]] = ["reference"]
        verbose_name = "Response Strategy action"

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"


class GapQuerySet(models.QuerySet):
    def public(self) -> GapQuerySet:
        """What anyone may see: gaps staff have accepted (not proposals or declined ones)."""
        return self.filter(status__in=Gap.PUBLIC_STATUSES)


class Gap(StaffDecision):
    """A recorded gap in provision.

    A gap an ambassador proposed is a request: staff decide it by moving it out of
    "proposed" (accepting it into a public status, or declining it), and the proposer is told.
    """

    # Nobody decides their own proposal (the form refuses it before anything is saved).
    base_form_class = StaffDecisionAdminForm

    class Source(models.TextChoices):
        SNA = "sna", "Strategic Needs Assessment finding"
        STAKEHOLDER = "stakeholder", "Stakeholder engagement"
        AMBASSADOR = "ambassador", "Ambassador intelligence"
        PANEL = "panel", "Citizen's Advisory Panel consultation"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed (waiting for staff review)"
        IDENTIFIED = "identified", "Identified"
        BEING_ADDRESSED = "being_addressed", "Being addressed"
        CLOSED = "closed", "Closed"
        DECLINED = "declined", "Declined after review"

    PUBLIC_STATUSES = (Status.IDENTIFIED, Status.BEING_ADDRESSED, Status.CLOSED)
    # The outcomes of reviewing a proposal: accepted into public view, or declined.
    DECISION_OUTCOMES = (*PUBLIC_STATUSES, Status.DECLINED)
    decision_email = "gaps/email/decided"
    status_when_loaded: str | None = None  # set by from_db

    title = models.CharField(max_length=200)
    areas = models.ManyToManyField(Area, related_name="gaps")
    category = models.ForeignKey(
        Taxonomy, null=True, blank=True, on_delete=models.SET_NULL, related_name="gaps"
    )
    age_group = models.CharField(
        max_length=10, choices=AGE_GROUP_CHOICES, blank=True, help_text="Blank means all ages."
    )
    evidence = models.TextField(
        max_length=5000, help_text="What shows this gap: data, what people told us."
    )
    source = models.CharField(max_length=12, choices=Source.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.IDENTIFIED)
    action = models.ForeignKey(
        StrategyAction,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="gaps",
        verbose_name="Response Strategy action",
        help_text="The action that answers this gap, if there is one.",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_gaps",
        help_text="The ambassador who proposed it. Cleared when they ask for their data to go.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = GapQuerySet.as_manager()

    panels: ClassVar[list[Panel]] = [
        FieldPanel("title"),
        MultiFieldPanel(
            [FieldPanel("areas"), FieldPanel("category"), FieldPanel("age_group")],
            heading="Where and for whom",
        ),
        FieldPanel("evidence"),
        FieldPanel("source"),
        FieldPanel("status"),
        FieldPanel("action"),
        MultiFieldPanel(
            [
                FieldPanel("proposed_by", read_only=True),
                FieldPanel(
                    "decision_reason",
                    help_text="Accepting or declining a proposal: the ambassador is told this.",
                ),
                FieldPanel("decided_by", read_only=True),
                FieldPanel("decided_at", read_only=True),
            ],
            heading="Proposal review",
        ),
    ]

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def from_db(  # type: ignore[override]  # the stubs add Django 6's `fetch_mode`
        cls, db: str | None, field_names: Collection[str], values: Collection[Any]
    ) -> Gap:
        """Remember the stored status, so a save can tell whether it decided a proposal."""
        gap = super().from_db(db, field_names, values)
        gap.status_when_loaded = gap.__dict__.get("status")  # absent when deferred
        return gap

    def record_review(self, by: User) -> bool:
        """After staff saved this gap (in the admin): if that took a proposal out of
        "proposed", record who decided, when and why, and tell the proposer. True if so."""
        was_proposed = self.status_when_loaded == self.Status.PROPOSED
        if not was_proposed or self.status not in self.DECISION_OUTCOMES:
            return False
        self.decide(self.status, by=by, reason=self.decision_reason)
        self.status_when_loaded = self.status
        return True

    def requester(self) -> User | None:
        return self.proposed_by

    def decision_context(self) -> Mapping[str, Any]:
        return {
            "accepted": self.status in self.PUBLIC_STATUSES,
            "gaps_path": reverse("assets_directory:gaps"),
        }


class CoverageSnapshot(models.Model):
    """The coverage matrix's counts for one age group, stored when listings change
    (`coverage.refresh`), so the Gaps page costs the same at 50 or 50,000 listings."""

    age_group = models.CharField(max_length=10, unique=True, blank=True)  # "" is all ages
    counts = models.JSONField()
    refreshed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Coverage for {self.age_group or 'all ages'} at {self.refreshed_at}"
