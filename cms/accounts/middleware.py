"""Staff accounts must set up an authenticator app before they can do anything else."""

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from cms.core.roles import needs_mfa

# Paths a staff member without an authenticator may still use: to set one up, or leave.
ALLOWED_PREFIXES = ("/accounts/", "/static/", "/media/")


class RequireStaffMFAMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._must_set_up_mfa(request):
            messages.warning(
                request,
                "Your account can use the admin, so it must be protected by an authenticator "
                "app. Set one up to continue.",
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def _must_set_up_mfa(request: HttpRequest) -> bool:
        if not settings.MFA_REQUIRED_FOR_STAFF or request.path.startswith(ALLOWED_PREFIXES):
            return False
        user = request.user
        if not needs_mfa(user):
            return False
        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
