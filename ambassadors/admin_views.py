"""Coordinator views in the Wagtail admin: the dashboard, its CSV, claims and the finance CSV.

Who may see them: holders of `ambassadors.view_outreachlog` (the Ambassador coordinator role,
and superusers); deciding claims needs `ambassadors.change_claim`. Every check goes through
cms.core.permissions.
"""

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.core.exports import csv_response
from cms.core.permissions import PermissionRequiredMixin, has_permission, permission_required
from cms.core.typing import AuthenticatedRequest

from .models import Claim, expiring_ambassadors
from .reporting import (
    approved_claims_rows,
    claims_awaiting_approval,
    dashboard_sections,
    months_back,
    sections_rows,
)

VIEW_PERMISSION = "ambassadors.view_outreachlog"
DECIDE_PERMISSION = "ambassadors.change_claim"
# The claims page's buttons, and the outcome each records.
OUTCOMES = {"approve": Claim.Status.APPROVED, "reject": Claim.Status.REJECTED}
PERIODS = {"3": 3, "6": 6, "12": 12}
DEFAULT_PERIOD = "6"


def _period(request: HttpRequest) -> tuple[str, date, date]:
    """The months chosen on the dashboard (3, 6 or 12, ending this month)."""
    key = request.GET.get("months", DEFAULT_PERIOD)
    key = key if key in PERIODS else DEFAULT_PERIOD
    today = timezone.localdate()
    return key, months_back(today, PERIODS[key]), today


class CoordinatorPage(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """An admin page in Wagtail's furniture for holders of the view permission only."""

    permission_required = VIEW_PERMISSION

    def get_breadcrumbs_items(self) -> list[dict[str, str]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class DashboardView(CoordinatorPage):
    """Coordinators only: outreach by area and month, age bands, topics, claims, expiries."""

    template_name = "ambassadors/admin/dashboard.html"
    page_title = "Ambassadors dashboard"
    header_icon = "group"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        key, start, end = _period(self.request)
        context.update(
            period=key,
            periods=PERIODS,
            start=start,
            end=end,
            sections=dashboard_sections(start, end),
            claims=claims_awaiting_approval(),
            expiring=expiring_ambassadors(),
        )
        return context


# Exports hold records of people: no shared cache or browser history may keep a copy.
private_download = cache_control(private=True, no_store=True)


@permission_required(VIEW_PERMISSION)
@private_download
def dashboard_csv(request: HttpRequest) -> HttpResponse:
    """Coordinators only: the dashboard's tables as a CSV file."""
    _, start, end = _period(request)
    return csv_response(
        f"ambassador-outreach-{start:%Y-%m}.csv", sections_rows(dashboard_sections(start, end))
    )


class ClaimsView(CoordinatorPage):
    """Coordinators only: claims awaiting approval first, then decided ones."""

    template_name = "ambassadors/admin/claims.html"
    page_title = "Ambassador claims"
    header_icon = "doc-full"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        decided = Claim.objects.exclude(status=Claim.Status.SUBMITTED).select_related(
            "ambassador", "decided_by"
        )
        context.update(
            awaiting=claims_awaiting_approval(),
            decided=decided[:100],
            can_decide=has_permission(self.request.user, DECIDE_PERMISSION),
        )
        return context


@permission_required(DECIDE_PERMISSION)
def decide_claim(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Coordinators only (change_claim): approve, or reject with a reason. POST only.

    The ambassador is e-mailed the outcome once the decision is saved (StaffDecision).
    """
    if request.method != "POST":
        return redirect("ambassadors_claims")
    claim = get_object_or_404(Claim, pk=pk, status=Claim.Status.SUBMITTED)
    outcome = OUTCOMES.get(request.POST.get("decision", ""))
    if outcome is None:
        messages.error(request, "Choose whether to approve or reject the claim.")
        return redirect("ambassadors_claims")
    try:
        claim.decide(outcome, by=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("ambassadors_claims")
    messages.success(request, f"Claim {claim} {claim.get_status_display().lower()}.")
    return redirect("ambassadors_claims")


@permission_required(VIEW_PERMISSION)
@private_download
def finance_csv(request: HttpRequest) -> HttpResponse:
    """Coordinators only: approved claims for finance, optionally for one month (?month=YYYY-MM)."""
    claims = Claim.objects.all()
    month = request.GET.get("month", "")
    try:
        chosen = date.fromisoformat(f"{month}-01") if month else None
    except ValueError:
        chosen = None
    if chosen:
        claims = claims.filter(month=chosen)
    name = f"approved-claims-{chosen:%Y-%m}.csv" if chosen else "approved-claims.csv"
    return csv_response(name, approved_claims_rows(claims))
