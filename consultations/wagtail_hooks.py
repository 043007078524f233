"""Admin for consultations: results and exports, panel applications, and panel meetings."""

from functools import partial

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import ConsultationPage, PanelMeeting


class PermissionMenuItem(MenuItem):
    """A menu item shown only to people holding one permission."""

    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request) -> bool:
        return request.user.has_perm(self.permission)


admin_patterns = (
    [
        path("", admin_views.consultation_list, name="list"),
        path("<int:page_id>/", admin_views.consultation_results, name="results"),
        path(
            "<int:page_id>/export.<str:file_type>",
            admin_views.export_results,
            name="export",
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
def register_admin_urls():
    return [path("consultation-results/", include(admin_patterns))]


# (label, URL name, icon, order, permission needed to see it)
MENU_ITEMS = [
    ("Consultation results", "consultations_admin:list", "table", 250, admin_views.VIEW_RESULTS),
    (
        "Panel applications",
        "consultations_admin:applications",
        "group",
        260,
        admin_views.DECIDE_APPLICATIONS,
    ),
]


def _menu_item(label: str, url_name: str, icon: str, order: int, permission: str) -> MenuItem:
    return PermissionMenuItem(
        label, reverse(url_name), icon_name=icon, order=order, permission=permission
    )


for item in MENU_ITEMS:
    hooks.register("register_admin_menu_item", partial(_menu_item, *item))


@hooks.register("register_page_header_buttons")
def results_button(page, user, view_name, next_url=None):
    """A "Results" button in the header of a consultation page, for staff who may see them."""
    if page.specific_class is ConsultationPage and user.has_perm(admin_views.VIEW_RESULTS):
        url = reverse("consultations_admin:results", args=[page.pk])
        yield Button("Results", url, icon_name="table", priority=40)


class PanelMeetingViewSet(SnippetViewSet):
    model = PanelMeeting
    icon = "date"
    menu_label = "Panel meetings"
    menu_order = 270
    add_to_admin_menu = True
    list_display = ("title", "starts_at", "minutes_approved")


register_snippet(PanelMeetingViewSet)
