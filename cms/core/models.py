"""The site's general pages: the home page and standard content pages."""

from typing import Any, ClassVar

from django.db import models
from django.http import HttpRequest, HttpResponseBase
from wagtail.admin.panels import FieldPanel, Panel
from wagtail.fields import StreamField
from wagtail.models import Page
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
        if self.get_view_restrictions().exists():  # type: ignore[attr-defined]
            return response
        return page_cache.mark_public(response, PAGES)


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


class HomePage(PublicCachedPage, BasePage):
    """The front door: what the hub is and where to start."""

    template = "core/home_page.html"
    parent_page_types: ClassVar[list[str]] = ["wagtailcore.Page"]
    max_count = 1


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
