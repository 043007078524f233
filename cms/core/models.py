"""The site's general pages: the home page and standard content pages."""

from dataclasses import dataclass
from typing import Any, ClassVar

from django.db import models
from django.http import HttpRequest
from django.urls import reverse
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


class HomePage(BasePage):
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


class StandardPage(BasePage):
    """A general page of content, e.g. about the VRU or our priorities."""

    template = "core/standard_page.html"
    parent_page_types: ClassVar[list[str]] = ["core.HomePage", "core.StandardPage"]
