"""Open Referral UK in the Wagtail admin: the possible-duplicates review screen."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_duplicate_urls():
    return [
        path("oruk/duplicates/", admin_views.duplicate_list, name="oruk_duplicates"),
        path(
            "oruk/duplicates/<int:pk>/resolve/",
            admin_views.resolve_duplicate,
            name="oruk_resolve_duplicate",
        ),
    ]


class ReviewerMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(admin_views.REVIEW_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_duplicates_menu_item():
    return ReviewerMenuItem(
        "Possible duplicates", reverse("oruk_duplicates"), icon_name="resubmit", order=220
    )
