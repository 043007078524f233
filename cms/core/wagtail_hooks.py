"""Site-wide admin rules: the page chooser shows drafts only to those who edit pages."""

from django.db.models import QuerySet
from django.http import HttpRequest
from wagtail import hooks
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

PAGE_EDITING_ACTIONS = ["add", "change", "publish"]


@hooks.register("construct_page_chooser_queryset")
def only_live_pages_for_those_who_do_not_edit_pages(
    pages: QuerySet[Page], request: HttpRequest
) -> QuerySet[Page]:
    """An ambassador coordinator linking to a page sees published pages, never drafts."""
    if PagePermissionPolicy().user_has_any_permission(request.user, PAGE_EDITING_ACTIONS):
        return pages
    return pages.filter(live=True)
