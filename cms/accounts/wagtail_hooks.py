"""The admin screen for people's roles (cms.accounts.admin_views)."""

from django.http import HttpRequest
from django.urls import URLPattern, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.core.roles import changeable_roles

from . import admin_views


@hooks.register("register_admin_urls")
def register_admin_urls() -> list[URLPattern]:
    return [path("roles/", admin_views.roles, name="accounts_roles")]


class RolesMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return bool(changeable_roles(request.user))


@hooks.register("register_admin_menu_item")
def register_roles_menu_item() -> MenuItem:
    return RolesMenuItem("People and roles", reverse("accounts_roles"), icon_name="user", order=900)
