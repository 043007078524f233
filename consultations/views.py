"""Have your say: consultations and the Citizen's Advisory Panel."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def index(request: HttpRequest) -> HttpResponse:
    """Public: how residents and panel members can shape the VRU's work."""
    return render(request, "consultations/index.html")
