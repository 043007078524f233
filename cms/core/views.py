"""Site-wide statements every visitor may read."""

from datetime import date

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static


def privacy(request: HttpRequest) -> HttpResponse:
    """Public: how personal data is used, kept and deleted."""
    return render(request, "core/privacy.html")


# The accessibility statement's dates, which the regulations require it to show. Change
# STATEMENT_REVIEWED whenever the statement is checked again (at least once a year).
STATEMENT_PREPARED = date(2026, 12, 2)
STATEMENT_REVIEWED = date(2026, 12, 2)


def accessibility(request: HttpRequest) -> HttpResponse:
    """Public: the accessibility statement, in the model format of the Public Sector Bodies
    (Websites and Mobile Applications) Accessibility Regulations 2018."""
    return render(
        request,
        "core/accessibility.html",
        {
            "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
            "prepared": STATEMENT_PREPARED,
            "reviewed": STATEMENT_REVIEWED,
        },
    )


def favicon(request: HttpRequest) -> HttpResponse:
    """Public: browsers ask for /favicon.ico whatever the page says; send them the file."""
    return redirect(static("favicon.ico"), permanent=True)
