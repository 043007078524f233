"""Open Referral UK in the Wagtail admin: the possible-duplicates review screen."""

from django.urls import URLPattern, path
from wagtail import hooks

from cms.core.permissions import PermissionMenuItem, menu_item

from . import admin_views


@hooks.register("register_admin_urls")
def register_duplicate_urls() -> list[URLPattern]:
    return [
        path("oruk/duplicates/", admin_views.duplicate_list, name="oruk_duplicates"),
        path(
            "oruk/duplicates/<int:pk>/resolve/",
            admin_views.resolve_duplicate,
            name="oruk_resolve_duplicate",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_duplicates_menu_item() -> PermissionMenuItem:
    return menu_item(
        "Possible duplicates",
        "oruk_duplicates",
        admin_views.REVIEW_PERMISSION,
        icon="resubmit",
        order=220,
    )
