"""The coordinator's admin: ambassador records, outreach logs, topics, claims and the dashboard.

Who may see it: the Ambassador coordinator role (granted the ambassadors permissions by
migration 0002) and superusers. Snippet views enforce the model permissions themselves; the
custom views check them in admin_views.
"""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import Ambassador, OutreachLog, Topic, expiring_ambassadors


class AmbassadorViewSet(SnippetViewSet):
    model = Ambassador
    icon = "group"
    add_to_admin_menu = False
    list_display = ["display_name", "kind", "status", "start_date", "expiry_warning_text"]
    list_filter = ["kind", "status"]
    search_fields = ["display_name"]

    def get_queryset(self, request):
        # The expiry column reads each ambassador's training records.
        return Ambassador.objects.prefetch_related("training_records")


class OutreachLogViewSet(SnippetViewSet):
    model = OutreachLog
    icon = "list-ul"
    add_to_admin_menu = False
    inspect_view_enabled = True
    list_display = ["__str__", "ambassador", "date", "people_reached", "safeguarding_concern"]
    list_filter = ["area", "setting", "activity_type", "safeguarding_concern"]
    ordering = ["-date"]

    def get_queryset(self, request):
        return OutreachLog.objects.select_related("ambassador")


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    add_to_admin_menu = False


register_snippet(AmbassadorViewSet)
register_snippet(OutreachLogViewSet)
register_snippet(TopicViewSet)


@hooks.register("register_admin_urls")
def register_admin_urls():
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
    ]


class PermissionMenuItem(MenuItem):
    """A menu link shown only to users holding a permission."""

    def __init__(self, *args, permission: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request) -> bool:
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def register_ambassadors_menu():
    def snippet_list(model_name: str) -> str:
        return reverse(f"wagtailsnippets_ambassadors_{model_name}:list")

    items = [
        ("Dashboard", reverse("ambassadors_dashboard"), "ambassadors.view_outreachlog"),
        ("Ambassadors", snippet_list("ambassador"), "ambassadors.view_ambassador"),
        ("Outreach logs", snippet_list("outreachlog"), "ambassadors.view_outreachlog"),
        ("Claims", reverse("ambassadors_claims"), "ambassadors.view_claim"),
        ("Topics", snippet_list("topic"), "ambassadors.view_topic"),
    ]
    menu = Menu(
        items=[
            PermissionMenuItem(label, url, permission=perm, order=order)
            for order, (label, url, perm) in enumerate(items)
        ]
    )
    return SubmenuMenuItem("Ambassadors", menu, icon_name="group", order=250)


class ExpiringChecksPanel(Component):
    """The admin home page's list of DBS checks and training expiring within 30 days."""

    name = "ambassador_expiring_checks"
    template_name = "ambassadors/admin/expiring_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        return {"expiring": expiring_ambassadors()}


@hooks.register("construct_homepage_panels")
def add_expiring_checks_panel(request, panels):
    if request.user.has_perm("ambassadors.view_ambassador"):
        panels.append(ExpiringChecksPanel())
