"""Ambassador pages. The landing page is public; the portal (later) requires sign-in."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def index(request: HttpRequest) -> HttpResponse:
    """Public: what ambassadors do and how to sign in."""
    return render(request, "ambassadors/index.html")
