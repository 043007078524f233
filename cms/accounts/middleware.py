"""Anyone who can reach the admin must have passed their second factor in this session.

WHY in one place: every way of signing in (allauth's forms, a link in an e-mail, a password
reset, anything Django's `login()` is called by) ends here before a page is served. A staff
session is let through only when allauth recorded an authenticator code in *this* session;
owning an authenticator is not enough. Staff without one are sent to set one up; staff
signed in some other way are asked for their code again (allauth's MFA reauthentication).
"""

from collections.abc import Callable

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode

from cms.core.roles import needs_mfa

# Paths a staff member without a second factor may still use: to set one up, or leave.
ALLOWED_PREFIXES = ("/accounts/", "/static/", "/media/")


def passed_second_factor(request: HttpRequest, user: User | AnonymousUser) -> bool:
    """True when allauth recorded an authenticator code (TOTP or recovery code) in this
    session, for this user."""
    if not user.is_authenticated:
        return False
    return any(
        record.get("method") == "mfa" for record in get_authentication_records(request, user)
    )


class RequireStaffMFAMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if request.path.startswith(ALLOWED_PREFIXES) or not needs_mfa(user):
            return self.get_response(request)
        has_authenticator = Authenticator.objects.filter(
            user_id=user.pk, type=Authenticator.Type.TOTP
        ).exists()
        if settings.MFA_REQUIRED_FOR_STAFF and not has_authenticator:
            messages.warning(
                request,
                "Your account can use the admin, so it must be protected by an authenticator "
                "app. Set one up to continue.",
            )
            return redirect(reverse("mfa_activate_totp"))
        if has_authenticator and not passed_second_factor(request, user):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
        return self.get_response(request)


ACCOUNT_PREFIXES = ("/account/", "/accounts/")


class NoStoreAccountPagesMiddleware:
    """Account pages (sign-in, authenticator secrets, a person's data) are never kept by a
    browser's or a proxy's cache, so the back button on a shared computer shows nothing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(ACCOUNT_PREFIXES):
            add_never_cache_headers(response)
        return response
