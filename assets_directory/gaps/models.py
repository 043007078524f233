"""Recorded gaps in provision and the Response Strategy actions that answer them.

A gap is evidence that something is missing (a category of support, for an age group, in
some areas). Staff record gaps from the Strategic Needs Assessment and engagement; Community
and Youth ambassadors propose them from their portal, and a proposal stays out of public
view until staff accept it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django.urls import reverse
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel, Panel
from wagtail.models import Orderable

from assets_directory.models import Area, Taxonomy
from cms.core.decisions import StaffDecision, StaffDecisionAdminForm

from .age_groups import AGE_GROUP_CHOICES


class StrategyAction(ClusterableModel):
    """One action of the VRU Response Strategy (for example T3-6, access to mental health),
    with what the public tracker shows of it: who leads it, how far it has got, the
    consultations that informed it and the updates VRU staff publish."""

    class Priority(models.TextChoices):
        DATA = "DATA", "Data, intelligence and evidence base"
        TRAUMA = "TRAUMA", "Trauma-informed, resilience and contextual safeguarding"
        COMM = "COMM", "Community capacity building and empowerment"
        ETE = "ETE", "Mentoring and pathways into education, training and employment"
        ENF = "ENF", "Enforcement, resettlement and rehabilitation"

    class Status(models.TextChoices):
        # The strategy's own verbs: Table 3 actions the VRU "will consider", new work it
        # will "commission" or "establish", and work it will "continue to fund".
        CONSIDERING = "considering", "Being considered"
        PLANNED = "planned", "Planned"
        IN_DELIVERY = "in_delivery", "In delivery"
        CONTINUING = "continuing", "Continuing"
        COMPLETE = "complete", "Complete"

    reference = models.CharField(max_length=10, unique=True, help_text="For example T3-6.")
    title = models.CharField(max_length=200)
    priority = models.CharField(max_length=6, choices=Priority.choices)
    funded = models.BooleanField(default=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    owner = models.CharField(
        "Lead",
        max_length=200,
        blank=True,
        help_text='The organisation or team leading it, for example "VRU team with '
        "Leicestershire VRN\". Not a person's name: this is shown to the public.",
    )
    summary = models.TextField(
        max_length=1000, blank=True, help_text="What the action is for, in a few plain sentences."
    )
    consultations = models.ManyToManyField(
        "consultations.ConsultationPage",
        through="ActionConsultation",
        blank=True,
        related_name="strategy_actions",
    )

    panels: ClassVar[list[Panel]] = [
        FieldPanel("reference"),
        FieldPanel("title"),
        FieldPanel("priority"),
        FieldPanel("funded"),
        FieldPanel("status"),
        FieldPanel("owner"),
        FieldPanel("summary"),
        InlinePanel(
            "consultation_links",
            heading="Consultations that informed it",
            label="Consultation",
            help_text="Their published outcomes show on the action's public page.",
        ),
        InlinePanel(
            "updates",
            heading="Progress updates",
            label="Update",
            help_text="Only updates marked as published are shown to the public.",
        ),
    ]

    class Meta:
        ordering: ClassVar[list[str]] = ["reference"]
        verbose_name = "Response Strategy action"

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("strategy:action", args=[self.reference])

    def published_updates(self) -> models.QuerySet[ProgressUpdate]:
        """What the public sees of its progress: published updates, newest first."""
        return self.updates.filter(published=True).order_by("-date", "-pk")


class ActionConsultation(Orderable):
    """A consultation that informed a Response Strategy action (chosen in the admin)."""

    action = ParentalKey(
        StrategyAction, on_delete=models.CASCADE, related_name="consultation_links"
    )
    consultation = models.ForeignKey(
        "consultations.ConsultationPage", on_delete=models.CASCADE, related_name="+"
    )

    panels: ClassVar[list[Panel]] = [
        PageChooserPanel("consultation", page_type="consultations.ConsultationPage")
    ]

    class Meta(Orderable.Meta):
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["action", "consultation"], name="unique_action_consultation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.action.reference} informed by consultation {self.consultation_id}"


class ProgressUpdate(models.Model):
    """A dated note of progress on an action. Public once staff mark it published."""

    action = ParentalKey(StrategyAction, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(default=timezone.localdate)
    text = models.TextField(max_length=2000, help_text="Plain words; no personal details.")
    published = models.BooleanField(
        default=False, help_text="Shown on the public Response Strategy tracker when ticked."
    )

    panels: ClassVar[list[Panel]] = [
        FieldPanel("date"),
        FieldPanel("text"),
        FieldPanel("published"),
    ]

    class Meta:
        ordering: ClassVar[list[str]] = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.action.reference} update of {self.date:%-d %B %Y}"


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
    consultations = models.ManyToManyField(
        "consultations.ConsultationPage",
        blank=True,
        related_name="gaps",
        help_text="Consultations whose findings are evidence of this gap.",
    )
    outreach_topics = models.ManyToManyField(
        "ambassadors.Topic",
        blank=True,
        related_name="+",
        help_text="Ambassadors' outreach on these topics in the gap's areas is counted as "
        "evidence (numbers only).",
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
        MultiFieldPanel(
            [
                FieldPanel("consultations", widget=forms.CheckboxSelectMultiple),
                FieldPanel("outreach_topics", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Evidence shown with it",
        ),
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

    @property
    def anchor(self) -> str:
        """The id of its entry on the Gaps page, so the tracker can link to it."""
        return f"gap-{self.pk}"

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
