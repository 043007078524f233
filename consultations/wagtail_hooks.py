"""Admin for consultations: results and exports, reading responses and tagging them with
themes, panel applications, panel meetings, and the easy-read check of a consultation's
easy-read summaries."""

from collections.abc import Iterator

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.urls import URLPattern, URLResolver, include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.models import Page
from wagtail.snippets.models import register_snippet

from cms.core.choosers import HubSnippetViewSet
from cms.core.permissions import has_permission, menu_item

from . import admin_views, meeting_admin
from .easy_read import easy_read_report, findings_message
from .models import RUNS_THE_PANEL, ConsultationPage, MeetingAction, PanelMeeting
from .papers import paper_chooser_viewset

admin_patterns = (
    [
        path("", admin_views.consultation_list, name="list"),
        path("<int:page_id>/", admin_views.consultation_results, name="results"),
        path(
            "<int:page_id>/export.<str:file_type>",
            admin_views.export_results,
            name="export",
        ),
        path("<int:page_id>/rankings.csv", admin_views.export_rankings, name="export_rankings"),
        path("<int:page_id>/responses/", admin_views.response_list, name="responses"),
        path(
            "<int:page_id>/responses/<str:reference>/",
            admin_views.response_detail,
            name="response",
        ),
        path(
            "<int:page_id>/responses/<str:reference>/themes/",
            admin_views.tag_answer,
            name="tag_answer",
        ),
        path("<int:page_id>/themes/", admin_views.themes, name="themes"),
        path(
            "<int:page_id>/themes/<int:theme_id>/delete/",
            admin_views.delete_theme,
            name="delete_theme",
        ),
        path("panel-applications/", admin_views.application_list, name="applications"),
        path(
            "panel-applications/<int:application_id>/decide/",
            admin_views.decide_application,
            name="decide",
        ),
    ],
    "consultations_admin",
)


@hooks.register("register_admin_urls")
def register_admin_urls() -> list[URLPattern | URLResolver]:
    return [path("consultation-results/", include(admin_patterns))]


@hooks.register("register_admin_viewset")
def register_paper_chooser() -> object:
    """The meetings' papers chooser: lists and uploads only into the private collection."""
    return paper_chooser_viewset


@hooks.register("register_admin_menu_item")
def results_menu_item() -> MenuItem:
    return menu_item(
        "Consultation results",
        "consultations_admin:list",
        admin_views.VIEW_RESULTS,
        icon="table",
        order=250,
    )


@hooks.register("register_admin_menu_item")
def applications_menu_item() -> MenuItem:
    return menu_item(
        "Panel applications",
        "consultations_admin:applications",
        admin_views.DECIDE_APPLICATIONS,
        icon="group",
        order=260,
    )


@hooks.register("register_page_header_buttons")
def results_button(
    page: Page, user: User, view_name: str, next_url: str | None = None
) -> Iterator[Button]:
    """A "Results" button in the header of a consultation page, for staff who may see them."""
    if page.specific_class is ConsultationPage and has_permission(user, admin_views.VIEW_RESULTS):
        url = reverse("consultations_admin:results", args=[page.pk])
        yield Button("Results", url, icon_name="table", priority=40)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_easy_read_summaries(request: HttpRequest, page: Page) -> None:
    """After a consultation is saved (as a draft or published): what the easy-read checker
    found in its easy-read summaries. A warning, never a refusal: plain words need a person's
    judgement."""
    if not isinstance(page, ConsultationPage):
        return
    report = easy_read_report(page)
    if report.findings:
        messages.warning(request, findings_message(report))


class PanelMeetingViewSet(HubSnippetViewSet):
    model = PanelMeeting
    icon = "date"
    menu_label = "Panel meetings"
    menu_order = 270
    add_to_admin_menu = True
    list_display = ("title", "starts_at", "places", "papers_published", "minutes_approved")


register_snippet(PanelMeetingViewSet)

meeting_patterns = (
    [path("<int:meeting_id>/attendance/", meeting_admin.attendance, name="attendance")],
    "consultations_meetings",
)


@hooks.register("register_admin_urls")
def register_meeting_urls() -> list[URLPattern | URLResolver]:
    return [path("panel-meetings/", include(meeting_patterns))]


@hooks.register("register_snippet_listing_buttons")
def attendance_button(snippet: object, user: User, next_url: str | None = None) -> Iterator[Button]:
    """On each panel meeting in the listing: who has a place, and who came."""
    if isinstance(snippet, PanelMeeting) and has_permission(user, RUNS_THE_PANEL):
        url = reverse("consultations_meetings:attendance", args=[snippet.pk])
        yield Button("Places and attendance", url, icon_name="group", priority=30)


class MeetingActionViewSet(HubSnippetViewSet):
    """Actions agreed at panel meetings, with their update notes (an inline on each)."""

    model = MeetingAction
    icon = "tasks"
    menu_label = "Meeting actions"
    menu_order = 271
    add_to_admin_menu = True
    list_display = ("description", "meeting", "owner", "due_on", "status")
    list_filter = ("status", "meeting")


register_snippet(MeetingActionViewSet)
