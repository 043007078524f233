"""Site-wide statements every visitor may read."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def privacy(request: HttpRequest) -> HttpResponse:
    """Public: how personal data is used, kept and deleted."""
    return render(request, "core/privacy.html")


def accessibility(request: HttpRequest) -> HttpResponse:
    """Public: the accessibility statement."""
    return render(request, "core/accessibility.html")
