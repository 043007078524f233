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
]


def navigation(request: HttpRequest) -> dict:
    """The main sections, with the one the visitor is in marked as current."""
    items = []
    for label, url_name in MAIN_SECTIONS:
        url = url_name if url_name.startswith("/") else reverse(url_name)
        items.append({"label": label, "url": url, "active": request.path.startswith(url)})
    return {"main_navigation": items}
