"""Admin behaviour: refuse to publish an easy-read page that leaves a reader without a
picture or its description, or without knowing who it is from or how to get in touch; warn
(without refusing) about everything else; and the editor's Checks panel set to WCAG 2.2 AA
and the easy-read rules."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.models import Page

from .content_checks import use_hub_content_checker
from .models import EasyReadPage

hooks.register("construct_wagtail_userbar", use_hub_content_checker)


@hooks.register("before_publish_page")
def refuse_incomplete_easy_read(request: HttpRequest, page: Page) -> HttpResponse | None:
    """Runs after Wagtail saved the edits as a draft revision, so nothing is lost."""
    if not isinstance(page, EasyReadPage):
        return None
    blocking = page.check_report().blocking
    if not blocking:
        return None
    if page.live_revision_id is None:
        # Wagtail's create view adds a new page as live before this hook runs; take that back
        # so a refused page is never served.
        Page.objects.filter(pk=page.pk).update(live=False, has_unpublished_changes=True)
    problems = "; ".join(f"{finding.where}: {finding.message}" for finding in blocking)
    messages.error(
        request,
        f"“{page.title}” was saved as a draft but not published. Fix these first: {problems}",
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("after_publish_page")
def warn_about_easy_read_findings(request: HttpRequest, page: Page) -> None:
    if not isinstance(page, EasyReadPage):
        return
    warnings = page.check_report().warnings
    if warnings:
        messages.warning(
            request,
            f"Published. The easy-read check found {len(warnings)} things to look at, "
            "listed under “Checks” in the editor. The first: "
            + "; ".join(f"{finding.where}: {finding.message}" for finding in warnings[:3]),
        )
