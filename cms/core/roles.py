"""The platform's roles. Each is a Django group, created by a data migration.

Apps grant their own model permissions to these groups in their own data migrations with
`grant_permissions`, so a role's rights live next to the models they protect.
"""

from collections.abc import Mapping
from typing import Any

from django.apps.registry import Apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group, User
from django.core.exceptions import PermissionDenied
from django.db import transaction

from . import mail

VRU_STAFF = "VRU staff"
AMBASSADOR_COORDINATOR = "Ambassador coordinator"
COMMUNITY_AMBASSADOR = "Community ambassador"
YOUTH_AMBASSADOR = "Youth ambassador"
PANEL_MEMBER = "Panel member"
PROVIDER_EDITOR = "Provider editor"

ALL_ROLES = [
    VRU_STAFF,
    AMBASSADOR_COORDINATOR,
    COMMUNITY_AMBASSADOR,
    YOUTH_AMBASSADOR,
    PANEL_MEMBER,
    PROVIDER_EDITOR,
]
AMBASSADOR_ROLES = [COMMUNITY_AMBASSADOR, YOUTH_AMBASSADOR]
# Roles that work in the Wagtail admin and so must use an authenticator app.
ADMIN_ROLES = [VRU_STAFF, AMBASSADOR_COORDINATOR]
# Who may give and take away which roles in the admin: VRU staff any, coordinators the
# ambassador roles (to finish onboarding an ambassador). Superusers may change any role.
ROLES_EACH_ROLE_MAY_CHANGE = {VRU_STAFF: ALL_ROLES, AMBASSADOR_COORDINATOR: AMBASSADOR_ROLES}


def has_role(user: User | AnonymousUser, *roles: str) -> bool:
    """True when the user is signed in and belongs to any of the given roles."""
    if not user.is_authenticated:
        return False
    return user.groups.filter(name__in=roles).exists()


def needs_mfa(user: User | AnonymousUser) -> bool:
    """Anyone who can reach the admin must protect their account with a second factor."""
    if not user.is_authenticated:
        return False
    return bool(user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


def grant_permissions(apps: Apps, role: str, codenames: list[tuple[str, str]]) -> None:
    """Give a role permissions, for use inside data migrations.

    `codenames` holds (app_label, codename) pairs. Missing permissions raise, so a typo in a
    migration fails loudly instead of silently granting nothing.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=role)
    for app_label in {label for label, _ in codenames}:
        _ensure_permissions_exist(apps, app_label)
    for app_label, codename in codenames:
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        group.permissions.add(permission)


def _ensure_permissions_exist(apps: Apps, app_label: str) -> None:
    """Django creates permissions after all migrations; a data migration needs them now."""
    from django.contrib.auth.management import create_permissions

    try:
        app_config = apps.get_app_config(app_label)
    except LookupError:  # an app without models (wagtailadmin) makes its permissions itself
        return
    # create_permissions skips an app whose models module is unset, as a migration's app is.
    app_config.models_module = True  # type: ignore[assignment]
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None


def active_emails(role: str) -> list[str]:
    """The email addresses of the active people in a role, e.g. to tell VRU staff of a task."""
    return list(
        get_user_model()
        .objects.filter(groups__name=role, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def tell_role(
    role: str,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    once_key: str | None = None,
) -> None:
    """E-mail every active holder of `role` (on commit, from `template`); nobody: nothing.
    `once_key`: see `cms.core.mail.queue_email`."""
    recipients = active_emails(role)
    if recipients:
        mail.send_templated(template, recipients, context, once_key=once_key)


def changeable_roles(user: User | AnonymousUser) -> list[str]:
    """The roles `user` may give or take away, in the order of ALL_ROLES."""
    if not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return list(ALL_ROLES)
    held = set(user.groups.values_list("name", flat=True))
    allowed = {
        role
        for holder, roles in ROLES_EACH_ROLE_MAY_CHANGE.items()
        if holder in held
        for role in roles
    }
    return [role for role in ALL_ROLES if role in allowed]


@transaction.atomic
def change_role(person: User, role: str, *, grant: bool, by: User) -> bool:
    """Staff giving (`grant=True`) or taking away a role. Nobody changes their own roles.
    True if something changed; PermissionDenied if `by` may not."""
    if person.pk == by.pk or role not in changeable_roles(by):
        raise PermissionDenied
    return record_role_change(person, role, grant=grant, by=by)


def record_role_change(person: User, role: str, *, grant: bool, by: User | None) -> bool:
    """Give or take away a role, recorded with who and when. Every change of role made on
    the site goes through here (the roles screen, panel decisions, leaving the panel,
    becoming a provider), so the record is whole; the caller has checked that `by` may."""
    from .models import RoleChange

    group = Group.objects.get(name=role)
    holds = person.groups.filter(pk=group.pk).exists()
    if holds == grant:
        return False
    if grant:
        person.groups.add(group)
    else:
        person.groups.remove(group)
    RoleChange.objects.create(user=person, role=role, granted=grant, changed_by=by)
    return True
