"""Consultations (Wagtail pages), the responses to them, and the Citizen's Advisory Panel."""

import secrets
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, Panel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.routable_page.models import path as route
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from cms.core.models import BasePage
from cms.core.roles import PANEL_MEMBER, VRU_STAFF, has_role

from .blocks import DISTRICTS, QuestionStreamBlock

OUTCOME_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link"]


class Audience(models.TextChoices):
    PUBLIC = "public", "Everyone"
    PANEL = "panel", "Citizen's Advisory Panel members only"


class ConsultationIndexPage(BasePage):
    """The "Have your say" section: open consultations first, then closed ones."""

    template = "consultations/index.html"
    parent_page_types: ClassVar[list[str]] = ["core.HomePage"]
    subpage_types: ClassVar[list[str]] = ["consultations.ConsultationPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from .views import listing_context

        return {**super().get_context(request, *args, **kwargs), **listing_context(request)}


class ConsultationPage(RoutablePageMixin, BasePage):
    """One consultation: what we are asking, who may answer, when, and what came of it."""

    template = "consultations/consultation_page.html"
    parent_page_types: ClassVar[list[str]] = ["consultations.ConsultationIndexPage"]
    subpage_types: ClassVar[list[str]] = []

    documents = StreamField([("document", DocumentChooserBlock())], blank=True, use_json_field=True)
    easy_read_url = models.URLField(
        "Easy-read version", blank=True, help_text="A link to the easy-read version."
    )
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.PUBLIC)
    allow_anonymous = models.BooleanField(
        "Allow anonymous responses",
        default=True,
        help_text="When off, people must sign in to respond. Panel consultations always need it.",
    )
    questions = StreamField(QuestionStreamBlock(), blank=True, use_json_field=True)
    we_asked = RichTextField(blank=True, features=OUTCOME_FEATURES)
    you_said = RichTextField(blank=True, features=OUTCOME_FEATURES)
    we_did = RichTextField(blank=True, features=OUTCOME_FEATURES)
    outcome_published = models.BooleanField(
        'Publish "We asked, you said, we did"',
        default=False,
        help_text="Shown on the page once the consultation has closed.",
    )

    content_panels: ClassVar[list[Panel]] = [
        *BasePage.content_panels,
        FieldPanel("documents"),
        FieldPanel("easy_read_url"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("audience"),
                FieldPanel("allow_anonymous"),
            ],
            heading="Who can respond, and when",
        ),
        FieldPanel("questions"),
        MultiFieldPanel(
            [
                FieldPanel("we_asked"),
                FieldPanel("you_said"),
                FieldPanel("we_did"),
                FieldPanel("outcome_published"),
            ],
            heading="We asked, you said, we did",
        ),
    ]
    search_fields: ClassVar[list] = [*BasePage.search_fields, index.FilterField("audience")]

    @classmethod
    def get_indexed_objects(cls):
        """Panel-only consultations stay out of site search, so the public never sees them."""
        return super().get_indexed_objects().exclude(audience=Audience.PANEL)

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.is_panel_only:  # e.g. a public consultation turned panel-only after indexing
            index.remove_object(self)

    def clean(self) -> None:
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "The closing time must be after the opening time."})
        if self.outcome_published and not (self.we_asked and self.you_said and self.we_did):
            raise ValidationError(
                {"outcome_published": "Fill in all three parts before publishing the outcome."}
            )

    @property
    def is_open(self) -> bool:
        return self.opens_at <= timezone.now() < self.closes_at

    @property
    def is_closed(self) -> bool:
        return timezone.now() >= self.closes_at

    @property
    def is_panel_only(self) -> bool:
        return self.audience == Audience.PANEL

    @property
    def needs_sign_in(self) -> bool:
        return self.is_panel_only or not self.allow_anonymous

    @property
    def shows_outcome(self) -> bool:
        return self.is_closed and self.outcome_published

    def is_visible_to(self, user) -> bool:
        """Panel-only consultations are for panel members (and the staff who run them)."""
        return not self.is_panel_only or has_role(user, PANEL_MEMBER, VRU_STAFF)

    def serve(self, request, *args, **kwargs):
        from .views import guard_audience

        return guard_audience(self, request) or super().serve(request, *args, **kwargs)

    # Respond, review and confirmation pages live in views.py; the routes hand over to them.
    @route("respond/", name="respond")
    def respond_route(self, request):
        from .views import respond

        return respond(request, self)

    @route("review/", name="review")
    def review_route(self, request):
        from .views import review

        return review(request, self)

    @route("submitted/", name="submitted")
    def submitted_route(self, request):
        from .views import submitted

        return submitted(request, self)

    def subpage_url(self, name: str) -> str:
        return self.url + self.reverse_subpage(name)

    @property
    def respond_url(self) -> str:
        return self.subpage_url("respond")

    def get_sitemap_urls(self, request=None):
        return [] if self.is_panel_only else super().get_sitemap_urls(request)


def new_reference() -> str:
    """A short receipt number people can quote; random so it reveals nothing."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


class ConsultationResponse(models.Model):
    """One person's answers to one consultation, as a draft until they submit it.

    Who responded (account or anonymous browser token) is personal data: it is removed by
    `anonymise_old_responses` a set number of months after the consultation closes, leaving the
    answers, which are what the consultation is for.
    """

    consultation = models.ForeignKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="responses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultation_responses",
    )
    respondent_token = models.CharField(max_length=64, blank=True, default="")
    reference = models.CharField(max_length=12, unique=True, default=new_reference)
    answers = models.JSONField(default=dict, blank=True)
    about_you = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["submitted_at", "pk"]
        constraints: ClassVar[list] = [
            models.UniqueConstraint(
                fields=["consultation", "user"],
                condition=models.Q(user__isnull=False),
                name="one_response_per_account",
            ),
            models.UniqueConstraint(
                fields=["consultation", "respondent_token"],
                condition=~models.Q(respondent_token=""),
                name="one_response_per_browser",
            ),
        ]

    def __str__(self) -> str:
        return f"Response {self.reference} to {self.consultation.title}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class PanelApplication(models.Model):
    """A request to join the Citizen's Advisory Panel, and staff's decision on it.

    Declined applications, and those of members who left, are deleted
    CONSULTATION_ANONYMISE_AFTER_MONTHS after that change (see retention.py).
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        APPROVED = "approved", "Member"
        DECLINED = "declined", "Not approved"
        LEFT = "left", "Left the panel"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="panel_applications"
    )
    reason = models.TextField(max_length=2000)
    area = models.CharField(max_length=40, choices=[(d, d) for d in DISTRICTS])
    about_you = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at"]

    def __str__(self) -> str:
        return f"Panel application {self.pk} ({self.get_status_display()})"


class PanelMeeting(models.Model):
    """A meeting of the panel. Members see papers; everyone sees minutes once approved."""

    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    location = models.CharField(max_length=250, blank=True, help_text="Leave blank if online.")
    online_link = models.URLField(blank=True)
    agenda = RichTextField(features=OUTCOME_FEATURES)
    papers = StreamField([("paper", DocumentChooserBlock())], blank=True, use_json_field=True)
    minutes = RichTextField(blank=True, features=OUTCOME_FEATURES)
    actions = RichTextField(blank=True, features=OUTCOME_FEATURES)
    minutes_approved = models.BooleanField(
        default=False, help_text="Approved minutes and actions are published to everyone."
    )

    panels: ClassVar[list[Panel]] = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("location")]),
        FieldPanel("online_link"),
        FieldPanel("agenda"),
        FieldPanel("papers"),
        FieldPanel("minutes"),
        FieldPanel("actions"),
        FieldPanel("minutes_approved"),
    ]

    class Meta:
        ordering: ClassVar[list[str]] = ["-starts_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_upcoming(self) -> bool:
        return self.starts_at >= timezone.now()
