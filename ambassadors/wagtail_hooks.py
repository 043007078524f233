"""The coordinator's admin: ambassador records, outreach logs, topics, claims and the dashboard.

Who may see it: the Ambassador coordinator role (granted the ambassadors permissions by
migration 0002) and superusers. Snippet views enforce the model permissions themselves; the
custom views check them in admin_views, and each menu item is shown by the permission of
the screen it opens.
"""

from typing import Any, ClassVar

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import URLPattern, path
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.panels import ObjectList, extract_panel_definitions_from_model_class
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet

from cms.core.choosers import HubSnippetViewSet
from cms.core.decisions import DECISION_FIELDS
from cms.core.permissions import has_permission, menu_item

from . import admin_views
from .forms import OutreachLogAdminForm
from .models import Ambassador, OutreachLog, Topic, expiring_ambassadors


class AmbassadorViewSet(HubSnippetViewSet):
    model = Ambassador
    icon = "group"
    add_to_admin_menu = False
    list_display: ClassVar[list[str]] = [
        "display_name",
        "kind",
        "status",
        "start_date",
        "expiry_warning_text",
    ]
    list_filter: ClassVar[list[str]] = ["kind", "status"]
    search_fields: ClassVar[list[str]] = ["display_name"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Ambassador]:
        # The expiry column reads each ambassador's training records.
        return Ambassador.objects.prefetch_related("training_records")


class OutreachLogViewSet(HubSnippetViewSet):
    model = OutreachLog
    icon = "list-ul"
    add_to_admin_menu = False
    inspect_view_enabled = True
    list_display: ClassVar[list[str]] = [
        "__str__",
        "ambassador",
        "date",
        "people_reached",
        "status",
        "safeguarding_concern",
    ]
    list_filter: ClassVar[list[str]] = [
        "status",
        "area",
        "setting",
        "activity_type",
        "safeguarding_concern",
    ]
    ordering: ClassVar[list[str]] = ["-date"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[OutreachLog]:
        return OutreachLog.objects.select_related("ambassador")

    def get_edit_handler(self) -> ObjectList:
        # Hours are approved or queried on the hours page, which records who, when and why.
        panels = extract_panel_definitions_from_model_class(self.model, exclude=DECISION_FIELDS)
        return ObjectList(panels, base_form_class=OutreachLogAdminForm).bind_to_model(self.model)


class TopicViewSet(HubSnippetViewSet):
    model = Topic
    icon = "tag"
    add_to_admin_menu = False


register_snippet(AmbassadorViewSet)
register_snippet(OutreachLogViewSet)
register_snippet(TopicViewSet)


@hooks.register("register_admin_urls")
def register_admin_urls() -> list[URLPattern]:
    return [
        path(
            "ambassadors/dashboard/",
            admin_views.DashboardView.as_view(),
            name="ambassadors_dashboard",
        ),
        path(
            "ambassadors/dashboard/export.csv",
            admin_views.dashboard_csv,
            name="ambassadors_dashboard_csv",
        ),
        path("ambassadors/claims/", admin_views.ClaimsView.as_view(), name="ambassadors_claims"),
        path(
            "ambassadors/claims/<int:pk>/decide/",
            admin_views.decide_claim,
            name="ambassadors_claim_decide",
        ),
        path(
            "ambassadors/claims/approved.csv",
            admin_views.finance_csv,
            name="ambassadors_finance_csv",
        ),
        path("ambassadors/hours/", admin_views.HoursView.as_view(), name="ambassadors_hours"),
        path(
            "ambassadors/hours/approve/",
            admin_views.approve_selected_hours,
            name="ambassadors_hours_approve_selected",
        ),
        path(
            "ambassadors/hours/<int:pk>/decide/",
            admin_views.decide_hours,
            name="ambassadors_hours_decide",
        ),
        path(
            "ambassadors/reading/",
            admin_views.ReadingReportView.as_view(),
            name="ambassadors_reading",
        ),
        path(
            "ambassadors/reading/export.csv",
            admin_views.reading_report_csv,
            name="ambassadors_reading_csv",
        ),
        path(
            "ambassadors/messages/",
            admin_views.MessagesView.as_view(),
            name="ambassadors_messages",
        ),
        path(
            "ambassadors/messages/new/",
            admin_views.NewMessageView.as_view(),
            name="ambassadors_message_new",
        ),
    ]


# (label, URL name, the permission that screen needs), in menu order.
MENU_ITEMS = [
    ("Dashboard", "ambassadors_dashboard", admin_views.VIEW_PERMISSION),
    ("Ambassadors", "wagtailsnippets_ambassadors_ambassador:list", "ambassadors.view_ambassador"),
    ("Outreach logs", "wagtailsnippets_ambassadors_outreachlog:list", admin_views.VIEW_PERMISSION),
    ("Hours approval", "ambassadors_hours", admin_views.VIEW_PERMISSION),
    ("Claims", "ambassadors_claims", "ambassadors.view_claim"),
    ("Required reading", "ambassadors_reading", admin_views.READING_PERMISSION),
    ("Messages", "ambassadors_messages", admin_views.MESSAGES_PERMISSION),
    ("Topics", "wagtailsnippets_ambassadors_topic:list", "ambassadors.view_topic"),
]


@hooks.register("register_admin_menu_item")
def register_ambassadors_menu() -> SubmenuMenuItem:
    menu = Menu(
        items=[
            menu_item(label, url_name, permission, order=order)
            for order, (label, url_name, permission) in enumerate(MENU_ITEMS)
        ]
    )
    return SubmenuMenuItem("Ambassadors", menu, icon_name="group", order=250)


class ExpiringChecksPanel(Component):
    """The admin home page's list of DBS checks and training expiring within 30 days."""

    name = "ambassador_expiring_checks"
    template_name = "ambassadors/admin/expiring_panel.html"
    order = 50

    def get_context_data(self, parent_context: Any) -> dict[str, Any]:
        return {"expiring": expiring_ambassadors()}


@hooks.register("construct_homepage_panels")
def add_expiring_checks_panel(request: HttpRequest, panels: list[Component]) -> None:
    if has_permission(request.user, "ambassadors.view_ambassador"):
        panels.append(ExpiringChecksPanel())
