"""Staff review of likely duplicates in the Wagtail admin: merge (keep one) or dismiss."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from cms.core.permissions import permission_required
from cms.core.typing import AuthenticatedRequest

from . import duplicates
from .models import DuplicatePair

REVIEW_PERMISSION = "oruk.change_duplicatepair"


@permission_required(REVIEW_PERMISSION)
def duplicate_list(request: HttpRequest) -> HttpResponse:
    """VRU staff (admin, with oruk.change_duplicatepair): likely duplicates to decide on."""
    pairs = DuplicatePair.objects.filter(status=DuplicatePair.Status.OPEN).select_related(
        "first__organisation",
        "second__organisation",
        "first__listing_source",
        "second__listing_source",
    )
    return TemplateResponse(
        request,
        "oruk/duplicates.html",
        {"pairs": pairs, "page_title": "Possible duplicates", "header_icon": "resubmit"},
    )


@require_POST
@permission_required(REVIEW_PERMISSION)
def resolve_duplicate(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """VRU staff: keep one listing of a pair (archiving the other), or dismiss the pair."""
    pair = get_object_or_404(DuplicatePair, pk=pk, status=DuplicatePair.Status.OPEN)
    keep = request.POST.get("keep", "")
    if keep == "none":
        duplicates.dismiss(pair, by=request.user)
        messages.success(request, f"Marked '{pair}' as not duplicates.")
    elif keep in (str(pair.first_id), str(pair.second_id)):
        kept = pair.first if keep == str(pair.first_id) else pair.second
        duplicates.merge(pair, kept, by=request.user)
        messages.success(request, f"Kept '{kept}' and archived the other listing.")
    else:
        messages.error(request, "Choose which listing to keep.")
    return redirect("oruk_duplicates")
