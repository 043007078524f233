"""Who may use a staff screen: one way to check it, for views and admin menu items alike.

WHY: every check goes through Django's `has_perm`, which is true for an active superuser, so
superusers are treated the same on every screen, and a role's rights are what its group's
permissions say (granted by each app's data migrations with `roles.grant_permissions`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from wagtail.admin.menu import MenuItem

View = Callable[..., HttpResponse]


def has_permission(user: User | AnonymousUser, permission: str) -> bool:
    """True for an active user who holds `permission`, directly, by a role, or as superuser."""
    return bool(user.is_authenticated and user.is_active and user.has_perm(permission))


def check_permission(request: HttpRequest, permission: str) -> None:
    """Refuse the request (403) unless its user holds `permission`."""
    if not has_permission(request.user, permission):
        raise PermissionDenied


def permission_required(permission: str) -> Callable[[View], View]:
    """Decorate a function view: 403 for anyone without `permission`."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            check_permission(request, permission)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class PermissionRequiredMixin:
    """For class-based views: set `permission_required`; others get a 403."""

    permission_required: str = ""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        check_permission(request, self.permission_required)
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class PermissionMenuItem(MenuItem):
    """An admin menu link shown only to people who hold one permission."""

    def __init__(self, label: str, url: str, *, permission: str, **kwargs: Any) -> None:
        super().__init__(label, url, **kwargs)
        self.permission = permission

    def is_shown(self, request: HttpRequest) -> bool:
        return has_permission(request.user, self.permission)


def menu_item(
    label: str, url_name: str, permission: str, *, icon: str = "", order: int = 1000
) -> PermissionMenuItem:
    """A permission-checked admin menu item for a named URL."""
    return PermissionMenuItem(
        label, reverse(url_name), permission=permission, icon_name=icon, order=order
    )
