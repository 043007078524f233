"""Recorded gaps in provision and the Response Strategy actions that answer them.

A gap is evidence that something is missing (a category of support, for an age group, in
some areas). Staff record gaps from the Strategic Needs Assessment and engagement; Community
and Youth ambassadors propose them from their portal, and a proposal stays out of public
view until staff accept it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from assets_directory.models import Area, Taxonomy

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

    panels = [
        FieldPanel("reference"),
        FieldPanel("title"),
        FieldPanel("priority"),
        FieldPanel("funded"),
    ]

    class Meta:
        ordering = ["reference"]
        verbose_name = "Response Strategy action"

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"


class GapQuerySet(models.QuerySet):
    def public(self) -> GapQuerySet:
        """What anyone may see: gaps staff have accepted (not proposals or declined ones)."""
        return self.filter(status__in=Gap.PUBLIC_STATUSES)


class Gap(models.Model):
    """A recorded gap in provision."""

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

    title = models.CharField(max_length=200)
    areas = models.ManyToManyField(Area, related_name="gaps")
    category = models.ForeignKey(
        Taxonomy, null=True, blank=True, on_delete=models.SET_NULL, related_name="gaps"
    )
    age_group = models.CharField(
        max_length=10, choices=AGE_GROUP_CHOICES, blank=True, help_text="Blank means all ages."
    )
    evidence = models.TextField(help_text="What shows this gap: data, what people told us.")
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

    panels = [
        FieldPanel("title"),
        MultiFieldPanel(
            [FieldPanel("areas"), FieldPanel("category"), FieldPanel("age_group")],
            heading="Where and for whom",
        ),
        FieldPanel("evidence"),
        FieldPanel("source"),
        FieldPanel("status"),
        FieldPanel("action"),
        FieldPanel("proposed_by", read_only=True),
    ]

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATUSES
