"""The site's general pages: the home page and standard content pages."""

from typing import ClassVar

from django.db import models
from wagtail.admin.panels import FieldPanel, Panel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyBlock


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


class HomePage(BasePage):
    """The front door: what the hub is and where to start."""

    template = "core/home_page.html"
    parent_page_types: ClassVar[list[str]] = ["wagtailcore.Page"]
    max_count = 1


class StandardPage(BasePage):
    """A general page of content, e.g. about the VRU or our priorities."""

    template = "core/standard_page.html"
    parent_page_types: ClassVar[list[str]] = ["core.HomePage", "core.StandardPage"]


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
