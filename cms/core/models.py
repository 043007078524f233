"""The site's general pages: the home page and standard content pages."""

from dataclasses import dataclass
from typing import Any, ClassVar

from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse
from wagtail.admin.panels import FieldPanel, Panel
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from . import page_cache
from .blocks import BodyBlock

# The page cache's tag for everything Wagtail pages show (see cms.core.signals).
PAGES = "pages"


class PublicCachedPage:
    """A page anonymous visitors get from the page cache (`cms.core.page_cache`).

    Pages behind a Wagtail view restriction (password, sign-in, groups) are never cached.
    """

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = super().serve(request, *args, **kwargs)  # type: ignore[misc]
        if self.get_view_restrictions().exists():
            return response
        return page_cache.mark_public(response, PAGES)

    def get_view_restrictions(self) -> QuerySet[PageViewRestriction]:
        """The same query set each time it is asked of this instance (routing makes a new one
        per request), so the restrictions Wagtail's serve hook loaded answer `serve`'s
        question too, without two more queries. A query set derived from it (filter, order
        by) is a fresh query, as before."""
        restrictions = self.__dict__.get("_view_restrictions")
        if restrictions is None:
            restrictions = super().get_view_restrictions()  # type: ignore[misc]
            self.__dict__["_view_restrictions"] = restrictions
        return restrictions


class BasePage(Page):
    """Shared fields for the site's content pages: a short introduction and a body."""

    introduction = models.TextField(blank=True, max_length=500)
    body = StreamField(BodyBlock(), blank=True, use_json_field=True)

    content_panels: ClassVar[list[Panel]] = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields: ClassVar[list] = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    class Meta:
        abstract = True


@dataclass(frozen=True)
class Task:
    """One thing a visitor comes to the site to do, shown as a card on the home page."""

    title: str
    url_name: str  # a URL name, or a path for Wagtail pages
    text: str

    @property
    def url(self) -> str:
        return self.url_name if self.url_name.startswith("/") else reverse(self.url_name)


# The main tasks, each a card of equal weight. Kept in code, not in the page body, so the
# front door always offers every way in, once each, whatever the editors change.
HOME_TASKS = (
    Task(
        "Find services",
        "assets_directory:index",
        "Youth clubs, mentoring, family support, drug and alcohol help and more, near you.",
    ),
    Task(
        "List your service",
        "assets_directory:provider",
        "Run a group or a service? Add it to the directory so local people can find it.",
    ),
    Task(
        "Gaps in provision",
        "assets_directory:gaps",
        "Where services are missing, and for whom, across the city and county.",
    ),
    Task(
        "Have your say",
        "consultations:index",
        "Answer our consultations and see what changed because of what you said.",
    ),
    Task(
        "Community ambassadors",
        "ambassadors:index",
        "Local people who link their communities with services. Find out about the role.",
    ),
    Task(
        "Publications",
        "/publications/",
        "Our Strategic Needs Assessment and strategy, with easy-read versions.",
    ),
)


class HomePage(PublicCachedPage, BasePage):
    """The front door: what the hub is, a search for help, and the main tasks."""

    heading = models.CharField(
        max_length=120,
        default="Find local help and have your say",
        help_text="The page's main heading: what a visitor can do here, not the site's name.",
    )

    content_panels: ClassVar[list[Panel]] = [
        *Page.content_panels,
        FieldPanel("heading"),
        FieldPanel("introduction", help_text="Who runs the site and what it is for."),
        FieldPanel("body"),
    ]
    template = "core/home_page.html"
    parent_page_types: ClassVar[list[str]] = ["wagtailcore.Page"]
    max_count = 1

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context(request, *args, **kwargs), "tasks": HOME_TASKS}


class StandardPage(PublicCachedPage, BasePage):
    """A general page of content, e.g. about the VRU or our priorities."""

    template = "core/standard_page.html"
    parent_page_types: ClassVar[list[str]] = ["core.HomePage", "core.StandardPage"]


class RoleChange(models.Model):
    """A role granted or taken away, by whom and when (`cms.core.roles.change_role`).

    Kept as the record of who could do what; when an account is deleted its rows stay with
    the person's id removed.
    """

    user = models.ForeignKey(
        "auth.User", null=True, on_delete=models.SET_NULL, related_name="role_changes"
    )
    role = models.CharField(max_length=80)
    granted = models.BooleanField(help_text="True when the role was given, False when removed.")
    changed_by = models.ForeignKey(
        "auth.User", null=True, on_delete=models.SET_NULL, related_name="role_changes_made"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-changed_at"]

    def __str__(self) -> str:
        return f"{self.role} {'granted' if self.granted else 'removed'}"


class OutgoingEmail(models.Model):
    """One message in the outbox: written in the same transaction as the change it tells of,
    marked sent only once the mail server has accepted it (see cms/core/mail.py).

    WHY a table and not only a queued task: a task lives in Redis and in a worker's memory, so
    a killed worker or a Redis outage could lose it; this row survives both, and the beat
    sweep sends whatever is still unsent. Once sent, the addresses and text are blanked (they
    are personal data with no further use); the row stays as the record that it was sent.
    """

    subject = models.CharField(max_length=998)
    body = models.TextField()
    html_body = models.TextField(blank=True)
    to = models.JSONField(default=list)
    from_email = models.CharField(max_length=254)
    created_at = models.DateTimeField(auto_now_add=True)
    next_attempt_at = models.DateTimeField()
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Set for a message that must go at most once however often its task runs (a weekly
    # digest redelivered after a worker died): a second message with the key is not kept.
    once_key = models.CharField(max_length=200, null=True, blank=True, unique=True, editable=False)

    class Meta:
        indexes: ClassVar[list] = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(sent_at__isnull=True),
                name="outbox_unsent_due",
            )
        ]

    def __str__(self) -> str:
        state = f"sent {self.sent_at:%Y-%m-%d %H:%M}" if self.sent_at else "waiting"
        return f"E-mail {self.pk} ({state})"


class DeferredTask(models.Model):
    """A background job that could not be queued (the broker was down), kept until the beat
    sweep queues it again (cms/core/queue.py), so a Redis outage delays work but loses none."""

    task_name = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.task_name} (deferred {self.created_at:%Y-%m-%d %H:%M})"
