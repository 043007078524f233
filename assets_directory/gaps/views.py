"""The Gaps page, its CSV downloads, and the ambassadors' "propose a gap" form."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from cms.core import page_cache
from cms.core.exports import csv_response
from cms.core.models import PAGES
from cms.core.permissions import has_permission
from cms.core.roles import AMBASSADOR_ROLES, VRU_STAFF, has_role, tell_role
from cms.core.typing import AuthenticatedRequest
from consultations.models import ConsultationPage

from . import exports, populations
from .coverage import GAPS, StoredCoverage
from .forms import GapFilterForm, GapProposalForm, MatrixForm
from .gap_evidence import evidence_for, seconds_until_outcomes_change
from .models import Gap

# Held by VRU staff (granted in migration 0002), who review proposals, and by superusers.
REVIEW_GAPS = "gaps.change_gap"


def sees_unreviewed_gaps(user: User | AnonymousUser) -> bool:
    """Those who review proposals (VRU staff) also see proposed and declined gaps."""
    return has_permission(user, REVIEW_GAPS)


def may_propose_gap(user: User | AnonymousUser) -> bool:
    """Only Community and Youth ambassadors propose gaps from their portal."""
    return has_role(user, *AMBASSADOR_ROLES)


def _gaps_for(request: HttpRequest, form: GapFilterForm) -> QuerySet[Gap]:
    staff = sees_unreviewed_gaps(request.user)
    gaps = Gap.objects.all() if staff else Gap.objects.public()
    gaps = gaps.select_related("category", "action").prefetch_related("areas")
    return form.filter(gaps) if form.is_valid() else gaps.none()


def _forms(request: HttpRequest) -> tuple[MatrixForm, GapFilterForm]:
    staff = sees_unreviewed_gaps(request.user)
    return MatrixForm(request.GET), GapFilterForm(request.GET, staff=staff)


def gaps_page(request: HttpRequest) -> HttpResponse:
    """Public: the coverage matrix, a chart by area and the recorded gaps with the evidence
    behind each. Staff also see proposed and declined gaps. Bad filter values give the page
    with errors and a 400."""
    matrix_form, gap_form = _forms(request)
    valid = matrix_form.is_valid() & gap_form.is_valid()
    choice = matrix_form.cleaned_data if valid else {}
    # From the stored counts: the page's cost does not grow with the number of listings.
    coverage = StoredCoverage()
    matrix = coverage.matrix(choice.get("age", ""), choice.get("area"))
    area_totals = coverage.matrix(choice.get("age", ""))
    biggest = max((cell.count for cell in area_totals.totals), default=0) or 1
    gaps = _gaps_for(request, gap_form)
    context = {
        "matrix_form": matrix_form,
        "gap_form": gap_form,
        "matrix": matrix,
        "chart": [
            (name, cell, round(cell.count * 100 / biggest))
            for name, cell in zip(area_totals.columns, area_totals.totals, strict=True)
        ],
        "entries": evidence_for(gaps, request.user, coverage),
        "staff_view": sees_unreviewed_gaps(request.user),
        "can_propose": may_propose_gap(request.user),
        "population_note": populations.source_note(),
        "query": request.GET.urlencode(),
    }
    response = render(request, "gaps/gaps.html", context, status=200 if valid else 400)
    # Outcomes of the linked consultations show once they close; their pages' changes (PAGES)
    # and outreach logged by ambassadors (gaps/signals.py) drop it sooner.
    timeout = seconds_until_outcomes_change(ConsultationPage.objects.filter(gaps__in=gaps))
    return page_cache.mark_public(response, GAPS, PAGES, timeout=timeout)


@page_cache.public_page(GAPS)
def matrix_csv(request: HttpRequest) -> HttpResponse:
    """Public: the matrix shown on the Gaps page, as CSV, with the same choices applied."""
    form = MatrixForm(request.GET)
    if not form.is_valid():
        return HttpResponse(
            "Choose an age group and area from the lists.", status=400, content_type="text/plain"
        )
    matrix = StoredCoverage().matrix(form.cleaned_data["age"], form.cleaned_data["area"])
    return csv_response("coverage-matrix.csv", exports.matrix_rows(matrix))


@page_cache.public_page(GAPS)
def gaps_csv(request: HttpRequest) -> HttpResponse:
    """Public: the recorded gaps as CSV with the page's filters; staff also get proposals."""
    form = GapFilterForm(request.GET, staff=sees_unreviewed_gaps(request.user))
    if not form.is_valid():
        return HttpResponse(
            "Choose the filters from the lists.", status=400, content_type="text/plain"
        )
    return csv_response("gaps.csv", exports.gap_rows(_gaps_for(request, form)))


@login_required
@require_http_methods(["GET", "POST"])
def propose_gap(request: AuthenticatedRequest) -> HttpResponse:
    """Community and Youth ambassadors: propose a gap. It waits for staff review."""
    if not may_propose_gap(request.user):
        raise PermissionDenied("Only Community and Youth ambassadors can propose gaps here.")
    form = GapProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():  # staff are told once the gap and its areas are saved
            gap = form.save(commit=False)
            gap.status = Gap.Status.PROPOSED
            gap.source = Gap.Source.AMBASSADOR
            gap.proposed_by = request.user
            gap.save()
            form.save_m2m()
            edit_path = reverse("wagtailsnippets_gaps_gap:edit", args=[gap.pk])
            tell_role(VRU_STAFF, "gaps/email/proposed", {"gap": gap, "edit_path": edit_path})
        return render(request, "gaps/propose_done.html", {"gap": gap})
    status = 400 if request.method == "POST" else 200
    return render(request, "gaps/propose.html", {"form": form}, status=status)
