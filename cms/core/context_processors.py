"""Template context shared by every page."""

from django.http import HttpRequest
from django.urls import reverse

# (label, URL name or a page path). Publications are Wagtail pages, so they go by path.
MAIN_SECTIONS = [
    ("Find services", "assets_directory:index"),
    ("Gaps", "assets_directory:gaps"),
    ("Have your say", "consultations:index"),
    ("Ambassadors", "ambassadors:index"),
    ("Publications", "/publications/"),
    ("Search", "search:site"),
]


def navigation(request: HttpRequest) -> dict:
    """The main sections, with the one the visitor is in marked as current.

    Sections can nest (Gaps lives under /services/), so the longest matching URL wins.
    """
    urls = [
        (label, name if name.startswith("/") else reverse(name)) for label, name in MAIN_SECTIONS
    ]
    current = max((url for _, url in urls if request.path.startswith(url)), key=len, default=None)
    return {
        "main_navigation": [
            {"label": label, "url": url, "active": url == current} for label, url in urls
        ]
    }
