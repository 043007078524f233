"""Site-wide statements every visitor may read."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static


def privacy(request: HttpRequest) -> HttpResponse:
    """Public: how personal data is used, kept and deleted."""
    return render(request, "core/privacy.html")


def accessibility(request: HttpRequest) -> HttpResponse:
    """Public: the accessibility statement."""
    return render(request, "core/accessibility.html")


def favicon(request: HttpRequest) -> HttpResponse:
    """Public: browsers ask for /favicon.ico whatever the page says; send them the file."""
    return redirect(static("favicon.ico"), permanent=True)
