"""Staff admin views: consultation results with exports, and panel applications.

Results need the `consultations.view_consultationresponse` permission (VRU staff);
panel decisions need `consultations.change_panelapplication` (VRU staff).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from cms.core.exports import csv_response, xlsx_response
from cms.core.permissions import permission_required
from cms.core.suppression import MIN_GROUP_SIZE
from cms.core.typing import AuthenticatedRequest

from . import panel, results
from .models import ConsultationPage, PanelApplication

VIEW_RESULTS = "consultations.view_consultationresponse"
DECIDE_APPLICATIONS = "consultations.change_panelapplication"


@permission_required(VIEW_RESULTS)
def consultation_list(request: HttpRequest) -> HttpResponse:
    """VRU staff: every consultation with its live count of submitted responses."""
    pages = ConsultationPage.objects.order_by("-closes_at")
    rows = [(page, results.submitted_responses(page).count()) for page in pages]
    return TemplateResponse(request, "consultations/admin/consultation_list.html", {"rows": rows})


@permission_required(VIEW_RESULTS)
def consultation_results(request: HttpRequest, page_id: int) -> HttpResponse:
    """VRU staff: live counts, per-question charts and tables, searchable free text, and
    breakdowns by area or "about you" answers with small groups suppressed."""
    page = get_object_or_404(ConsultationPage, pk=page_id)
    search = request.GET.get("q", "")[:200]
    dimensions = results.breakdown_dimensions(page)
    dimension = request.GET.get("by", dimensions[0][0] if dimensions else "")
    questions = results.question_results(page, search)
    return TemplateResponse(
        request,
        "consultations/admin/results.html",
        {
            "page": page,
            "total": results.submitted_responses(page).count(),
            "drafts": page.responses.filter(submitted_at__isnull=True).count(),
            "questions": questions,
            "has_free_text": any(question.is_text for question in questions),
            "search": search,
            "dimensions": dimensions,
            "dimension": dimension,
            "breakdowns": results.breakdowns(page, dimension),
            "min_group_size": MIN_GROUP_SIZE,
        },
    )


@permission_required(VIEW_RESULTS)
def export_results(request: HttpRequest, page_id: int, file_type: str) -> HttpResponse:
    """VRU staff: every submitted response as CSV or XLSX (no names, emails or "about you")."""
    if file_type not in ("csv", "xlsx"):
        raise Http404("Unknown export type")
    page = get_object_or_404(ConsultationPage, pk=page_id)
    rows = results.export_rows(page)
    filename = f"{slugify(page.title)}-responses.{file_type}"
    if file_type == "csv":
        return csv_response(filename, rows)
    return xlsx_response(filename, rows, sheet_title="Responses")


@permission_required(DECIDE_APPLICATIONS)
def application_list(request: HttpRequest) -> HttpResponse:
    """VRU staff: applications to join the panel, those waiting for a decision first."""
    applications = PanelApplication.objects.select_related("user")
    return TemplateResponse(
        request,
        "consultations/admin/applications.html",
        {
            "waiting": applications.filter(status=PanelApplication.Status.PENDING),
            "decided": applications.exclude(status=PanelApplication.Status.PENDING)[:50],
        },
    )


@require_POST
@permission_required(DECIDE_APPLICATIONS)
def decide_application(request: AuthenticatedRequest, application_id: int) -> HttpResponse:
    """VRU staff: approve (gives the Panel member role) or decline a waiting application."""
    application = get_object_or_404(
        PanelApplication, pk=application_id, status=PanelApplication.Status.PENDING
    )
    approve = request.POST.get("decision") == "approve"
    reason = request.POST.get("reason", "")
    try:
        panel.decide(application, approve=approve, by=request.user, reason=reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("consultations_admin:applications")
    name = application.user.get_full_name() or application.user.email
    messages.success(request, f"{name} was {'approved' if approve else 'declined'}.")
    return redirect("consultations_admin:applications")
