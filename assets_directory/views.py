"""Public pages of the directory. Everyone may read them; no sign-in needed."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def index(request: HttpRequest) -> HttpResponse:
    """Public: the directory's front page."""
    return render(request, "assets_directory/index.html")


def gaps(request: HttpRequest) -> HttpResponse:
    """Public: where provision is missing."""
    return render(request, "assets_directory/gaps.html")
