"""The directory's data, shaped like Open Referral UK (HSDS) so it can be shared as-is.

Model and field names follow HSDS where one exists (organization -> Organisation, service,
location, service_at_location, contact, regular_schedule, taxonomy_term, service_area,
language, eligibility, cost_option) so the Open Referral UK API can map them one to one.

A Service is a Wagtail snippet with drafts, revisions, workflow and locking: a provider's
edit is stored as a revision and the row in the table (which search reads) stays the
published version until a moderator approves. Its children (schedules, contacts, locations,
categories, areas, languages) are cluster relations so they travel inside the revision too.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any, ClassVar
from uuid import uuid4

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, Panel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    WorkflowMixin,
    WorkflowState,
)

from cms.core.decisions import StaffDecision, StaffDecisionAdminForm
from cms.core.roles import PROVIDER_EDITOR, record_role_change

# ISO weekday (1 = Monday), its name, and the iCalendar BYDAY code Open Referral UK uses.
_DAYS = (
    (1, "Monday", "MO"),
    (2, "Tuesday", "TU"),
    (3, "Wednesday", "WE"),
    (4, "Thursday", "TH"),
    (5, "Friday", "FR"),
    (6, "Saturday", "SA"),
    (7, "Sunday", "SU"),
)
WEEKDAYS: list[tuple[int, str]] = [(day, name) for day, name, _ in _DAYS]
# What a place offers for access needs: the Location field, and how residents read it. The
# field names are also the values of the search's "access" filter.
ACCESS_NEEDS: dict[str, str] = {
    "wheelchair_accessible": "Wheelchair accessible",
    "step_free": "Step-free access",
    "accessible_toilet": "Accessible toilet",
    "hearing_loop": "Hearing loop",
    "bsl": "British Sign Language (BSL)",
    "quiet_space": "Quiet space",
    "interpreters": "Interpreters",
}
BYDAY_OF_WEEKDAY: dict[int, str] = {day: code for day, _, code in _DAYS}
WEEKDAY_OF_BYDAY: dict[str, int] = {code: day for day, _, code in _DAYS}


class Taxonomy(models.Model):
    """HSDS taxonomy_term: a category of need, in a tree (e.g. Mental health > Bereavement)."""

    # Open Referral UK id: stable for the life of the record, kept across rebuilds and imports.
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    vocabulary = models.CharField(max_length=60, default="nottshub-needs")
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels: ClassVar[list[Panel]] = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("parent"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering: ClassVar[list[str]] = ["sort_order", "name"]
        verbose_name = "category"
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        parent = self.parent
        return f"{parent.name} > {self.name}" if parent else self.name

    def clean(self) -> None:
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": "A category cannot sit inside itself."})
            ancestor = ancestor.parent

    def ancestor_ids(self, by_id: dict[int, Taxonomy]) -> list[int]:
        """This term and every term above it, so a search for a parent finds its children."""
        ids: list[int] = []
        current: Taxonomy | None = self
        while current is not None:
            ids.append(current.pk)
            current = by_id.get(current.parent_id) if current.parent_id else None
        return ids


class Area(models.Model):
    """HSDS service_area: Nottingham City or one of the seven county districts."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    gss_code = models.CharField("ONS local authority code", max_length=9, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["name"]

    def __str__(self) -> str:
        return self.name


class Ward(models.Model):
    """An electoral ward inside an area, for finer service areas and the gaps matrix."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="wards")
    name = models.CharField(max_length=80)
    gss_code = models.CharField("ONS ward code", max_length=9, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["area__name", "name"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["area", "name"], name="unique_ward")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.area.name})"


class Language(models.Model):
    """HSDS language: a language a service is delivered in (ISO 639-1 code)."""

    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=60)

    class Meta:
        ordering: ClassVar[list[str]] = ["name"]

    def __str__(self) -> str:
        return self.name


class Postcode(models.Model):
    """One row of the ONS Postcode Directory: where a postcode is. Loaded, never edited."""

    postcode = models.CharField(max_length=8, unique=True)  # normalised: "NG1 5FS"
    outcode = models.CharField(max_length=4, db_index=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    local_authority_code = models.CharField(max_length=9, blank=True)
    ward_code = models.CharField(max_length=9, blank=True)

    def __str__(self) -> str:
        return self.postcode


class Place(models.Model):
    """A town or neighbourhood name residents type instead of a postcode."""

    name = models.CharField(max_length=80, unique=True)
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.SET_NULL)
    latitude = models.FloatField()
    longitude = models.FloatField()

    class Meta:
        ordering: ClassVar[list[str]] = ["name"]

    def __str__(self) -> str:
        return self.name


# The stubs' plugin cannot build Service's manager through its (untyped) Wagtail bases.
class Organisation(models.Model):  # type: ignore[django-manager-missing]
    """HSDS organization: the group that runs services. Its editors are provider accounts."""

    # Open Referral UK id: stable for the life of the record, kept across rebuilds and imports.
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True, max_length=10_000)
    email = models.EmailField(blank=True)
    url = models.URLField("website", blank=True)
    charity_number = models.CharField(max_length=20, blank=True)
    verified = models.BooleanField(
        default=False, help_text="Staff have checked this organisation is real."
    )
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="directory_organisations"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels: ClassVar[list[Panel]] = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("email"),
        FieldPanel("url"),
        FieldPanel("charity_number"),
        FieldPanel("verified"),
        FieldPanel("editors"),
    ]

    class Meta:
        ordering: ClassVar[list[str]] = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = unique_slug(Organisation, self.name)
        super().save(*args, **kwargs)

    def add_editor(self, user: User, *, by: User | None) -> None:
        """Let a person edit this organisation's listings (and give them the provider role,
        recorded as given by `by`: the staff member approving a claim, or the person
        registering their own organisation)."""
        self.editors.add(user)
        record_role_change(user, PROVIDER_EDITOR, grant=True, by=by)

    def is_editor(self, user: User | AnonymousUser) -> bool:
        return user.is_authenticated and self.editors.filter(pk=user.pk).exists()


class OrganisationClaim(StaffDecision):
    """A provider asking to manage an organisation already listed. Staff decide in the admin;
    approving makes the claimant an editor, and the claimant is told either way."""

    decision_email: ClassVar[str] = "assets_directory/email/claim_decided"
    # Decided by editing the status in the admin; nobody decides their own claim.
    base_form_class = StaffDecisionAdminForm

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="claims")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="directory_claims"
    )
    role_at_organisation = models.CharField("your role in the organisation", max_length=120)
    evidence = models.TextField(
        "how we can check",
        max_length=2000,
        help_text="For example a work email or a trustee we can call.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)

    panels: ClassVar[list[Panel]] = [
        FieldPanel("organisation", read_only=True),
        FieldPanel("user", read_only=True),
        FieldPanel("role_at_organisation", read_only=True),
        FieldPanel("evidence", read_only=True),
        FieldPanel("status"),
        FieldPanel("decision_reason"),
        FieldPanel("decided_by", read_only=True),
        FieldPanel("decided_at", read_only=True),
    ]

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} → {self.organisation}"

    def requester(self) -> User:
        return self.user

    def decide(self, outcome: str, *, by: User | None, reason: str = "") -> None:
        """Record the decision; an approved claimant may edit the organisation from now on."""
        with transaction.atomic():
            super().decide(outcome, by=by, reason=reason)
            if outcome == self.Status.APPROVED:
                self.organisation.add_editor(self.user, by=by)


class Location(models.Model):
    """HSDS location + physical_address + accessibility_for_disabilities."""

    # Open Referral UK id: stable for the life of the record, kept across rebuilds and imports.
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="locations"
    )
    name = models.CharField(max_length=200, blank=True)
    address_1 = models.CharField("address line", max_length=200)
    city = models.CharField("town or city", max_length=100)
    postal_code = models.CharField("postcode", max_length=8)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    wheelchair_accessible = models.BooleanField(default=False)
    step_free = models.BooleanField("step-free access", default=False)
    accessible_toilet = models.BooleanField(default=False)
    hearing_loop = models.BooleanField(default=False)
    bsl = models.BooleanField("British Sign Language (BSL)", default=False)
    quiet_space = models.BooleanField(default=False)
    interpreters = models.BooleanField(default=False)
    accessibility = models.TextField(
        "accessibility details",
        max_length=2000,
        blank=True,
        help_text="Step-free access, hearing loop, parking.",
    )

    def __str__(self) -> str:
        return ", ".join(part for part in [self.name, self.address_1, self.postal_code] if part)

    panels: ClassVar[list[Panel]] = [
        FieldPanel("name"),
        FieldPanel("address_1"),
        FieldPanel("city"),
        FieldPanel("postal_code"),
        MultiFieldPanel([FieldPanel(name) for name in ACCESS_NEEDS], heading="Access needs met"),
        FieldPanel("accessibility"),
    ]

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def access_needs_met(self) -> list[str]:
        """The ACCESS_NEEDS this place offers, as field names."""
        return [name for name in ACCESS_NEEDS if getattr(self, name)]

    def access_labels(self) -> list[str]:
        """What this place offers for access needs, in residents' words."""
        return [ACCESS_NEEDS[name] for name in self.access_needs_met()]


class ServiceQuerySet(models.QuerySet["Service"]):
    def searchable(self) -> ServiceQuerySet:
        """What residents may find: published, not archived, not overdue for review."""
        return self.filter(live=True, archived=False, hidden_for_review=False)

    def with_review_state(self) -> ServiceQuerySet:
        """Each listing's active workflow fetched in one query, for lists that show
        `status_label` (Wagtail's `workflow_in_progress` reads what this prefetches)."""
        return self.prefetch_related(
            models.Prefetch(
                "workflow_states",
                queryset=WorkflowState.objects.active(),
                to_attr="_current_workflow_states",
            )
        )


class Service(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel):
    """HSDS service: what a group offers. Moderated: the row is always the published version.

    Its state is Wagtail's: draft (not live), in review (a workflow in progress), published
    (live). `archived` takes a listing out of the directory for good while keeping its
    history (removed upstream, or merged into a duplicate); it travels in the revision, so
    an archived listing stays archived whoever edits it. `lifecycle` changes all of these.
    """

    # Open Referral UK id: stable for the life of the record, kept across rebuilds and imports.
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="services"
    )
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    description = models.TextField(max_length=10_000, help_text="What happens, in plain words.")
    url = models.URLField("website", blank=True)
    email = models.EmailField(blank=True)
    archived = models.BooleanField(
        default=False, help_text="Out of the directory for good (its history is kept)."
    )
    # HSDS eligibility (Open Referral UK keeps ages on eligibility; we keep one per service).
    minimum_age = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    maximum_age = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    eligibility_description = models.TextField("who it is for", blank=True, max_length=2000)
    # HSDS cost_option / fees.
    is_free = models.BooleanField("free", default=True)
    fees_description = models.TextField("cost", blank=True, max_length=2000)
    categories = ParentalManyToManyField(Taxonomy, blank=True, related_name="services")
    areas = ParentalManyToManyField(Area, blank=True, related_name="services")
    wards = ParentalManyToManyField(Ward, blank=True, related_name="services")
    languages = ParentalManyToManyField(Language, blank=True, related_name="services")
    last_reviewed = models.DateField(default=date.today)
    review_reminder_sent_at = models.DateTimeField(null=True, blank=True)
    hidden_for_review = models.BooleanField(
        default=False, help_text="Not reviewed for 18 months, so hidden from search until it is."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="service")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="service",
        for_concrete_model=False,
    )

    objects = ServiceQuerySet.as_manager()

    panels: ClassVar[list[Panel]] = [
        FieldPanel("organisation"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("url"), FieldPanel("email"), InlinePanel("contacts", label="Contact")],
            heading="How to get in touch",
        ),
        MultiFieldPanel(
            [
                FieldPanel("minimum_age"),
                FieldPanel("maximum_age"),
                FieldPanel("eligibility_description"),
                FieldPanel("is_free"),
                FieldPanel("fees_description"),
            ],
            heading="Who it is for and cost",
        ),
        FieldPanel("categories"),
        FieldPanel("areas"),
        FieldPanel("wards"),
        FieldPanel("languages"),
        InlinePanel("service_at_locations", label="Where"),
        InlinePanel("regular_schedules", label="Opening times"),
        FieldPanel("archived"),
        FieldPanel("last_reviewed"),
        FieldPanel("hidden_for_review"),
    ]

    class Meta:
        ordering: ClassVar[list[str]] = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def revisions(self) -> models.QuerySet:
        return self._revisions

    @property
    def status_label(self) -> str:
        """Where the listing is in its life, in the words the provider's dashboard uses."""
        if self.archived:
            return "Archived"
        if self.workflow_in_progress:
            return "In review"
        return "Published" if self.live else "Draft"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = unique_slug(Service, self.name)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if (
            self.minimum_age is not None
            and self.maximum_age is not None
            and self.minimum_age > self.maximum_age
        ):
            raise ValidationError({"maximum_age": "The oldest age must not be below the youngest."})

    def get_absolute_url(self) -> str:
        return reverse("assets_directory:service", kwargs={"slug": self.slug})

    def primary_location(self) -> Location | None:
        link = next(iter(self.service_at_locations.all()), None)
        return link.location if link else None

    def is_open_at(self, moment: datetime) -> bool:
        local = timezone.localtime(moment)
        return any(
            schedule.covers(local.isoweekday(), local.time())
            for schedule in self.regular_schedules.all()
        )

    def next_opening_change(self, moment: datetime) -> datetime | None:
        """The next time after `moment` it opens or closes, within a week; None if never."""
        local = timezone.localtime(moment)
        changes = []
        for days_ahead in range(8):
            day = (local + timedelta(days=days_ahead)).date()
            for schedule in self.regular_schedules.all():
                if schedule.weekday == day.isoweekday():
                    for at in (schedule.opens_at, schedule.closes_at):
                        when = timezone.make_aware(datetime.combine(day, at), local.tzinfo)
                        if when > local:
                            changes.append(when)
        return min(changes, default=None)


class ServiceAtLocation(models.Model):
    """HSDS service_at_location: a service is delivered at a place."""

    # Open Referral UK id: stable for the life of the record, kept across rebuilds and imports.
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="service_at_locations")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="+")

    panels: ClassVar[list[Panel]] = [FieldPanel("location")]

    def __str__(self) -> str:
        return str(self.location)


class Contact(models.Model):
    """HSDS contact + phone: a named way to reach the service."""

    # Open Referral UK id: stable for the life of the record, kept across rebuilds and imports.
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=120, blank=True)
    title = models.CharField("job title", max_length=120, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)

    panels: ClassVar[list[Panel]] = [
        FieldPanel("name"),
        FieldPanel("title"),
        FieldPanel("phone"),
        FieldPanel("email"),
    ]

    def __str__(self) -> str:
        return self.name or self.phone or self.email


class RegularSchedule(models.Model):
    """HSDS regular_schedule: open on a weekday between two times (local time)."""

    # Open Referral UK id: stable for the life of the record, kept across rebuilds and imports.
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="regular_schedules")
    weekday = models.PositiveSmallIntegerField(
        choices=WEEKDAYS, validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    opens_at = models.TimeField()
    closes_at = models.TimeField()

    panels: ClassVar[list[Panel]] = [
        FieldPanel("weekday"),
        FieldPanel("opens_at"),
        FieldPanel("closes_at"),
    ]

    class Meta:
        ordering: ClassVar[list[str]] = ["weekday", "opens_at"]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}-{self.closes_at:%H:%M}"

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "Closing time must be after opening time."})

    def covers(self, weekday: int, moment: time) -> bool:
        return self.weekday == weekday and self.opens_at <= moment < self.closes_at


class ListingReport(models.Model):
    """ "Report a problem with this listing", from anyone; moderators read these."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="reports")
    problem = models.TextField(max_length=2000)
    reporter_email = models.EmailField(
        blank=True, help_text="Only to reply about this report; removed when it is resolved."
    )
    resolved = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    panels: ClassVar[list[Panel]] = [
        FieldPanel("service", read_only=True),
        FieldPanel("problem", read_only=True),
        FieldPanel("reporter_email", read_only=True),
        FieldPanel("resolved"),
    ]

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at"]

    def __str__(self) -> str:
        return f"Problem with {self.service}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Retention: once dealt with, the reporter's address is no longer needed.
        if self.resolved:
            self.reporter_email = ""
        super().save(*args, **kwargs)


def unique_slug(model: type[models.Model], text: str) -> str:
    """A slug for `text` not used yet by `model`: "youth-club", "youth-club-2", …"""
    base = slugify(text)[:190] or "listing"
    slug, n = base, 1
    while model._default_manager.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
