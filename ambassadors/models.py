"""Ambassadors, their checks and training, their outreach logs, claims and required reading.

Retention: outreach logs are the VRU's record of community work and hold no personal details
of members of the public (the form says so and warns). They are kept while the programme runs;
when an ambassador's account is deleted the ambassador record is detached from it
(`user` becomes empty) and the logs stay, no longer linked to a person. Claims are financial
records kept for six years; their receipts are stored outside the public media folder and
served only to the claimant and coordinators.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, Panel

from cms.core.areas import area_name, slug_choices
from cms.core.decisions import StaffDecision

EXPIRY_WARNING_DAYS = 30
EDIT_WINDOW = timedelta(days=7)

# Age bands of the people reached: (model field, label). The dashboard and CSVs follow this order.
AGE_BANDS = [
    ("reached_under_11", "Under 11"),
    ("reached_11_to_15", "11 to 15"),
    ("reached_16_to_17", "16 to 17"),
    ("reached_18_to_24", "18 to 24"),
    ("reached_25_plus", "25 and over"),
]


class PrivateReceiptStorage(FileSystemStorage):
    """Receipts live under PRIVATE_MEDIA_ROOT, which no web server serves.

    The location is read from settings each time so tests can point it at a temporary folder.
    """

    def __init__(self) -> None:
        super().__init__(base_url=None)

    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    def deconstruct(self) -> tuple[str, tuple[()], dict[str, object]]:
        return ("ambassadors.models.PrivateReceiptStorage", (), {})


class Ambassador(ClusterableModel):
    """An ambassador's record, kept by coordinators in the Wagtail admin."""

    class Kind(models.TextChoices):
        COMMUNITY = "community", "Community ambassador"
        YOUTH = "youth", "Youth ambassador"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused"
        LEFT = "left", "Left the programme"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ambassador",
        help_text="The account the ambassador signs in to the portal with.",
    )
    display_name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COMMUNITY)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    start_date = models.DateField(default=date.today)
    under_18 = models.BooleanField(
        "Under 18", default=False, help_text="Youth ambassadors under 18 need parental consent."
    )
    parental_consent_recorded_on = models.DateField(
        null=True, blank=True, help_text="The date a parent or carer gave written consent."
    )
    dbs_checked_on = models.DateField("DBS check date", null=True, blank=True)
    dbs_expires_on = models.DateField("DBS check expiry", null=True, blank=True)

    panels: ClassVar[list[Panel]] = [
        FieldPanel("display_name"),
        FieldPanel("user"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("status"), FieldPanel("start_date")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("dbs_checked_on"), FieldPanel("dbs_expires_on")]),
                FieldPanel("under_18"),
                FieldPanel("parental_consent_recorded_on"),
            ],
            heading="Safeguarding",
        ),
        InlinePanel("areas_covered", heading="Areas and wards covered", label="Area"),
        InlinePanel("training_records", heading="Training", label="Training module"),
    ]

    class Meta:
        ordering: ClassVar[list[str]] = ["display_name"]

    def __str__(self) -> str:
        return self.display_name

    def clean(self) -> None:
        errors = {}
        if self.under_18 and self.kind != self.Kind.YOUTH:
            errors["under_18"] = "Only youth ambassadors may be under 18."
        if self.under_18 and not self.parental_consent_recorded_on:
            errors["parental_consent_recorded_on"] = (
                "Record the date of parental consent for an ambassador under 18."
            )
        if (
            self.dbs_checked_on
            and self.dbs_expires_on
            and self.dbs_expires_on < self.dbs_checked_on
        ):
            errors["dbs_expires_on"] = "The expiry date must be after the check date."
        if errors:
            raise ValidationError(errors)

    def expiry_warnings(self, today: date | None = None) -> list[str]:
        """Checks and training that have expired or expire within 30 days, in plain words."""
        today = today or timezone.localdate()
        horizon = today + timedelta(days=EXPIRY_WARNING_DAYS)
        warnings = []
        if self.dbs_expires_on and self.dbs_expires_on <= horizon:
            warnings.append(_expiry_phrase("DBS check", self.dbs_expires_on, today))
        for record in self.training_records.all():
            if record.expires_on and record.expires_on <= horizon:
                warnings.append(
                    _expiry_phrase(f"Training: {record.module}", record.expires_on, today)
                )
        return warnings

    @admin.display(description="Expiring within 30 days")
    def expiry_warning_text(self) -> str:
        return "; ".join(self.expiry_warnings()) or "None"


def _expiry_phrase(what: str, expires_on: date, today: date) -> str:
    verb = "expired" if expires_on < today else "expires"
    return f"{what} {verb} on {expires_on:%-d %B %Y}"


def expiring_ambassadors(today: date | None = None) -> list[tuple[Ambassador, list[str]]]:
    """Active ambassadors with a check or training expiring within 30 days (or expired)."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=EXPIRY_WARNING_DAYS)
    candidates = (
        Ambassador.objects.exclude(status=Ambassador.Status.LEFT)
        .filter(
            models.Q(dbs_expires_on__lte=horizon)
            | models.Q(training_records__expires_on__lte=horizon)
        )
        .distinct()
        .prefetch_related("training_records")
    )
    return [(amb, amb.expiry_warnings(today)) for amb in candidates]


class AreaCovered(models.Model):
    ambassador = ParentalKey(Ambassador, on_delete=models.CASCADE, related_name="areas_covered")
    area = models.CharField(max_length=40, choices=slug_choices())
    ward = models.CharField(max_length=100, blank=True)

    panels: ClassVar[list[Panel]] = [FieldRowPanel([FieldPanel("area"), FieldPanel("ward")])]

    def __str__(self) -> str:
        return f"{area_name(self.area)}{f' ({self.ward})' if self.ward else ''}"


class TrainingRecord(models.Model):
    ambassador = ParentalKey(Ambassador, on_delete=models.CASCADE, related_name="training_records")
    module = models.CharField(max_length=150)
    completed_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)

    panels: ClassVar[list[Panel]] = [
        FieldRowPanel([FieldPanel("module"), FieldPanel("completed_on"), FieldPanel("expires_on")])
    ]

    class Meta:
        ordering: ClassVar[list[str]] = ["-completed_on"]

    def __str__(self) -> str:
        return self.module


class Topic(models.Model):
    """A subject ambassadors talk to people about; coordinators keep the list."""

    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["name"]

    def __str__(self) -> str:
        return self.name


class OutreachLog(StaffDecision):
    """One outreach activity. Holds no personal details of the people reached.

    Its hours are approved or queried by a coordinator (a StaffDecision: who, when, why; a
    query needs a reason and is e-mailed to the ambassador). `status` is that hours approval,
    separate from the month's expense Claim. See `reopen_hours_after_edit` for what an
    ambassador's own change does to it.
    """

    class Status(models.TextChoices):
        AWAITING = "awaiting", "Awaiting approval"
        APPROVED = "approved", "Approved"
        QUERIED = "queried", "Queried"

    decision_email = "ambassadors/email/hours_queried"
    reason_required_for = (Status.QUERIED,)
    reason_required_message = "Give a reason for querying the hours: the ambassador is told it."

    class Setting(models.TextChoices):
        STREET = "street", "Street"
        SCHOOL = "school", "School"
        YOUTH_CLUB = "youth-club", "Youth club"
        FAITH_VENUE = "faith-venue", "Faith venue"
        EVENT = "event", "Event"
        ONLINE = "online", "Online"

    class ActivityType(models.TextChoices):
        CONVERSATIONS = "conversations", "Conversations and detached outreach"
        TALK = "talk", "Talk or workshop"
        STALL = "stall", "Stall or information stand"
        MEETING = "meeting", "Community meeting"
        MENTORING = "mentoring", "Group mentoring session"
        SOCIAL_MEDIA = "social-media", "Social media outreach"

    ambassador = models.ForeignKey(
        Ambassador, on_delete=models.CASCADE, related_name="outreach_logs"
    )
    date = models.DateField()
    duration_minutes = models.PositiveIntegerField(validators=[MinValueValidator(5)])
    area = models.CharField(max_length=40, choices=slug_choices())
    ward = models.CharField(max_length=100, blank=True)
    setting = models.CharField(max_length=20, choices=Setting.choices)
    activity_type = models.CharField(max_length=20, choices=ActivityType.choices)
    reached_under_11 = models.PositiveIntegerField(default=0)
    reached_11_to_15 = models.PositiveIntegerField(default=0)
    reached_16_to_17 = models.PositiveIntegerField(default=0)
    reached_18_to_24 = models.PositiveIntegerField(default=0)
    reached_25_plus = models.PositiveIntegerField(default=0)
    topics = models.ManyToManyField(Topic, blank=True, related_name="outreach_logs")
    services_signposted = models.ManyToManyField(
        "assets_directory.Service", blank=True, related_name="+"
    )
    # Enforced by every form; the notes check reads at most this much.
    what_we_heard = models.TextField(blank=True, max_length=5000)
    safeguarding_concern = models.BooleanField(default=False)
    # The alert to the safeguarding lead, in the outbox; its sent_at is when they were told.
    safeguarding_alert = models.OneToOneField(
        "core.OutgoingEmail",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Made by the ambassador's phone when the log is filled in, so a log saved with no signal
    # and sent again when the phone is back online is stored once (ambassadors/offline.py).
    client_reference = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    # Hours approval (the decision's who, when and why are StaffDecision's fields).
    status = models.CharField(
        "hours approval", max_length=20, choices=Status.choices, default=Status.AWAITING
    )

    class Meta:
        ordering: ClassVar[list[str]] = ["-date", "-created_at"]

    def __str__(self) -> str:
        return (
            f"{self.get_activity_type_display()} in {area_name(self.area)} on {self.date:%-d %b %Y}"
        )

    @property
    def safeguarding_lead_notified_at(self) -> datetime | None:
        """When the mail server accepted the alert to the safeguarding lead, if it has."""
        return self.safeguarding_alert.sent_at if self.safeguarding_alert else None

    @property
    def people_reached(self) -> int:
        return sum(getattr(self, field) for field, _ in AGE_BANDS)

    @property
    def area_display(self) -> str:
        return area_name(self.area)

    def editable_until(self) -> datetime:
        return self.created_at + EDIT_WINDOW

    def can_be_edited_now(self) -> bool:
        """Ambassadors may correct a log for 7 days after logging it, then it is settled;
        a log whose hours are queried stays open until they answer the query."""
        return self.status == self.Status.QUERIED or timezone.now() < self.editable_until()

    def requester(self) -> User | None:
        """The ambassador who logged the activity, told when its hours are queried."""
        return self.ambassador.user

    def tell_requester(self) -> None:
        """Only a query asks the ambassador to act; approvals are shown in the portal."""
        if self.status == self.Status.QUERIED:
            super().tell_requester()

    def reopen_hours_after_edit(self, changed_fields: list[str]) -> None:
        """An ambassador's own change sends the hours back to the coordinator when it
        answers a query (any saved change of a queried log) or when it changes approved
        hours (a new duration); other corrections keep an approval. The last decision's who,
        when and why stay on record for the coordinator to see."""
        hours_changed = "duration_minutes" in changed_fields
        if self.status == self.Status.QUERIED or (
            self.status == self.Status.APPROVED and hours_changed
        ):
            self.status = self.Status.AWAITING


def receipt_upload_path(claim: "Claim", filename: str) -> str:
    return f"ambassador-receipts/{claim.month:%Y-%m}/{filename}"


class Claim(StaffDecision):
    """A month's hours and expenses, with a receipt, for a coordinator to approve.

    A coordinator's decision (who, when, why) is a StaffDecision: the ambassador is e-mailed
    the outcome, and a rejection must give a reason.
    """

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Awaiting approval"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    decision_email = "ambassadors/email/claim_decided"
    reason_required_for = (Status.REJECTED,)
    reason_required_message = "Give a reason for rejecting the claim."

    ambassador = models.ForeignKey(Ambassador, on_delete=models.PROTECT, related_name="claims")
    month = models.DateField(help_text="The first day of the month claimed for.")
    hours = models.DecimalField(
        max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    expenses = models.DecimalField(
        max_digits=7,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    expenses_description = models.CharField(max_length=300, blank=True)
    receipt = models.FileField(
        upload_to=receipt_upload_path, storage=PrivateReceiptStorage(), blank=True
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-month", "-submitted_at"]

    def __str__(self) -> str:
        return f"{self.ambassador}, {self.month:%B %Y}"

    def receipt_url(self) -> str:
        return reverse("ambassadors:claim_receipt", args=[self.pk]) if self.receipt else ""

    def requester(self) -> User | None:
        """The ambassador's account, if they have one."""
        return self.ambassador.user


class ReadingDone(models.Model):
    """An ambassador has read a required document."""

    ambassador = models.ForeignKey(
        Ambassador, on_delete=models.CASCADE, related_name="reading_done"
    )
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    done_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["ambassador", "document"], name="unique_reading_done")
        ]

    def __str__(self) -> str:
        return f"{self.ambassador} read document {self.document_id}"


MESSAGE_RETENTION_YEARS = 2


class CoordinatorMessage(models.Model):
    """A coordinator's message to a group of ambassadors, chosen by type and area.

    Who receives it is fixed when it is sent (one MessageReceipt each, which also records when
    they read it); each recipient is e-mailed once. Retention: messages, and with them who read
    them, are deleted two years after they were sent (`tasks.delete_old_messages`).
    """

    subject = models.CharField(max_length=150)
    body = models.TextField(max_length=5000)
    kind = models.CharField(
        "ambassador type",
        max_length=20,
        choices=Ambassador.Kind.choices,
        blank=True,
        help_text="Empty: every type.",
    )
    area = models.CharField(
        max_length=40, choices=slug_choices(), blank=True, help_text="Empty: every area."
    )
    sent_at = models.DateTimeField(default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering: ClassVar[list[str]] = ["-sent_at"]

    def __str__(self) -> str:
        return self.subject

    @property
    def audience_display(self) -> str:
        """Who it went to, in words: "Youth ambassadors in Mansfield"."""
        who = f"{self.get_kind_display()}s" if self.kind else "All ambassadors"
        return f"{who} in {area_name(self.area)}" if self.area else who


def message_audience(kind: str = "", area: str = "") -> QuerySet[Ambassador]:
    """Active ambassadors who can sign in to the portal, of `kind` covering `area` (empty:
    any). Paused ambassadors are on a break and are not messaged."""
    audience = Ambassador.objects.filter(status=Ambassador.Status.ACTIVE, user__is_active=True)
    if kind:
        audience = audience.filter(kind=kind)
    if area:
        audience = audience.filter(areas_covered__area=area)
    return audience.distinct()


class MessageReceipt(models.Model):
    """One ambassador's copy of a coordinator's message, and when they read it."""

    message = models.ForeignKey(
        CoordinatorMessage, on_delete=models.CASCADE, related_name="receipts"
    )
    ambassador = models.ForeignKey(
        Ambassador, on_delete=models.CASCADE, related_name="message_receipts"
    )
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-message__sent_at"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["message", "ambassador"], name="unique_message_receipt")
        ]

    def __str__(self) -> str:
        return f"{self.message} to {self.ambassador}"
