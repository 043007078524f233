"""Coordinator views in the Wagtail admin: the dashboard and its CSV, claims and the finance
CSV, hours approval, the required reading report, and messages to ambassadors.

Who may see them: holders of `ambassadors.view_outreachlog` (the Ambassador coordinator role,
and superusers); deciding claims needs `ambassadors.change_claim`, deciding hours
`ambassadors.change_outreachlog`; the reading report needs `ambassadors.view_ambassador`;
messages need `ambassadors.view_coordinatormessage` to list and `add_coordinatormessage` to
send. Every check goes through cms.core.permissions.
"""

from collections.abc import Mapping
from datetime import date
from typing import Any, ClassVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.core.areas import slug_choices
from cms.core.exports import csv_response
from cms.core.mail import send_templated
from cms.core.permissions import PermissionRequiredMixin, has_permission, permission_required
from cms.core.typing import AuthenticatedRequest

from .models import (
    Ambassador,
    Claim,
    CoordinatorMessage,
    MessageReceipt,
    OutreachLog,
    expiring_ambassadors,
    message_audience,
)
from .reporting import (
    LogFilters,
    approved_claims_rows,
    claims_awaiting_approval,
    dashboard_matrices,
    dashboard_sections,
    hours_awaiting_approval,
    months_back,
    reading_report,
    reading_report_rows,
    sections_rows,
)

VIEW_PERMISSION = "ambassadors.view_outreachlog"
DECIDE_PERMISSION = "ambassadors.change_claim"
DECIDE_HOURS_PERMISSION = "ambassadors.change_outreachlog"
READING_PERMISSION = "ambassadors.view_ambassador"
MESSAGES_PERMISSION = "ambassadors.view_coordinatormessage"
SEND_PERMISSION = "ambassadors.add_coordinatormessage"
# The claims page's buttons, and the outcome each records.
OUTCOMES = {"approve": Claim.Status.APPROVED, "reject": Claim.Status.REJECTED}
# The hours page's buttons, and the outcome each records.
HOURS_OUTCOMES = {"approve": OutreachLog.Status.APPROVED, "query": OutreachLog.Status.QUERIED}
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


class DashboardFilterForm(forms.Form):
    """Whose outreach the dashboard counts: one ambassador, a type, an area (empty: all)."""

    ambassador = forms.ModelChoiceField(
        queryset=Ambassador.objects.all(),
        required=False,
        empty_label="All ambassadors",
        error_messages={"invalid_choice": "Choose an ambassador from the list."},
    )
    kind = forms.ChoiceField(
        label="Type",
        choices=[("", "All types"), *Ambassador.Kind.choices],
        required=False,
        error_messages={"invalid_choice": "Choose a type of ambassador from the list."},
    )
    area = forms.ChoiceField(
        choices=[("", "All areas"), *slug_choices()],
        required=False,
        error_messages={"invalid_choice": "Choose an area from the list."},
    )

    def log_filters(self) -> LogFilters:
        """The chosen filters; none when any value was not one offered (nothing is guessed)."""
        if not self.is_valid():
            return LogFilters()
        return LogFilters(
            self.cleaned_data["ambassador"], self.cleaned_data["kind"], self.cleaned_data["area"]
        )


def _error_messages(form: forms.Form) -> list[str]:
    return [str(error) for errors in form.errors.values() for error in errors]


def _filter_query(request: HttpRequest, period: str) -> str:
    """The dashboard's period and filters as a query string, for its CSV link."""
    query = request.GET.copy()
    query["months"] = period
    return query.urlencode()


class DashboardView(CoordinatorPage):
    """Coordinators only: outreach by area and month, age bands, topics, claims, expiries,
    approved hours; filtered by ambassador, type and area."""

    template_name = "ambassadors/admin/dashboard.html"
    page_title = "Ambassadors dashboard"
    header_icon = "group"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        key, start, end = _period(self.request)
        form = DashboardFilterForm(self.request.GET)
        filters = form.log_filters()
        context.update(
            period=key,
            periods=PERIODS,
            start=start,
            end=end,
            filter_form=form,
            filter_errors=_error_messages(form),
            query=_filter_query(self.request, key),
            sections=dashboard_sections(start, end, filters),
            matrices=dashboard_matrices(start, end, filters),
            hours_awaiting=hours_awaiting_approval().count(),
            claims=claims_awaiting_approval(),
            expiring=expiring_ambassadors(),
        )
        return context


# Exports hold records of people: no shared cache or browser history may keep a copy.
private_download = cache_control(private=True, no_store=True)


@permission_required(VIEW_PERMISSION)
@private_download
def dashboard_csv(request: HttpRequest) -> HttpResponse:
    """Coordinators only: the dashboard's tables as a CSV file, with the same filters."""
    _, start, end = _period(request)
    form = DashboardFilterForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(
            " ".join(_error_messages(form)), content_type="text/plain; charset=utf-8"
        )
    filters = form.log_filters()
    return csv_response(
        f"ambassador-outreach-{start:%Y-%m}.csv",
        sections_rows(
            dashboard_sections(start, end, filters), dashboard_matrices(start, end, filters)
        ),
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
    return _record_decision(
        request, claim, OUTCOMES, noun="the claim", what=f"Claim {claim}", back="ambassadors_claims"
    )


def _record_decision(
    request: AuthenticatedRequest,
    decision: Claim | OutreachLog,
    outcomes: Mapping[str, str],
    *,
    noun: str,
    what: str,
    back: str,
) -> HttpResponse:
    """The coordinator's choice and reason from the form, applied to a claim or to a log's
    hours: a missing choice or a refused reason changes nothing and says why."""
    outcome = outcomes.get(request.POST.get("decision", ""))
    if outcome is None:
        messages.error(request, f"Choose whether to {' or '.join(outcomes)} {noun}.")
        return redirect(back)
    try:
        decision.decide(outcome, by=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, f"{what}: {' '.join(error.messages)}")
        return redirect(back)
    messages.success(request, f"{what} {decision.get_status_display().lower()}.")
    return redirect(back)


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


class HoursView(CoordinatorPage):
    """Coordinators only: logs whose hours await approval (oldest first), and queried ones
    waiting for the ambassador's answer."""

    template_name = "ambassadors/admin/hours.html"
    page_title = "Hours approval"
    header_icon = "time"
    LIMIT = 200

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        awaiting = hours_awaiting_approval()
        queried = OutreachLog.objects.filter(status=OutreachLog.Status.QUERIED).select_related(
            "ambassador", "decided_by"
        )
        context.update(
            awaiting_count=awaiting.count(),
            awaiting=awaiting[: self.LIMIT],
            queried=queried.order_by("-decided_at")[: self.LIMIT],
            can_decide=has_permission(self.request.user, DECIDE_HOURS_PERMISSION),
        )
        return context


@permission_required(DECIDE_HOURS_PERMISSION)
def decide_hours(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Coordinators only (change_outreachlog): approve a log's hours, or query them with a
    reason (e-mailed to the ambassador). POST only; an approved log is settled."""
    if request.method != "POST":
        return redirect("ambassadors_hours")
    log = get_object_or_404(
        OutreachLog.objects.select_related("ambassador__user").exclude(
            status=OutreachLog.Status.APPROVED
        ),
        pk=pk,
    )
    return _record_decision(
        request,
        log,
        HOURS_OUTCOMES,
        noun="the hours",
        what=f"Hours for {log} ({log.ambassador})",
        back="ambassadors_hours",
    )


@permission_required(DECIDE_HOURS_PERMISSION)
def approve_selected_hours(request: AuthenticatedRequest) -> HttpResponse:
    """Coordinators only (change_outreachlog): approve the hours of every ticked activity at
    once, as each would be approved on its own (who and when recorded; approvals send no
    e-mail). Nobody approves their own; a query still goes one at a time, with its reason."""
    if request.method != "POST":
        return redirect("ambassadors_hours")
    chosen = [pk for pk in request.POST.getlist("log") if pk.isdigit()]
    if not chosen:
        messages.error(request, "Tick the activities whose hours you want to approve.")
        return redirect("ambassadors_hours")
    logs = OutreachLog.objects.filter(pk__in=chosen).exclude(status=OutreachLog.Status.APPROVED)
    approved, refused = 0, []
    with transaction.atomic():
        for log in logs.select_related("ambassador__user").select_for_update(of=("self",)):
            try:
                log.decide(OutreachLog.Status.APPROVED, by=request.user)
                approved += 1
            except ValidationError as error:
                refused.append(f"{log} ({log.ambassador}): {' '.join(error.messages)}")
    if approved:
        messages.success(request, f"Hours approved for {approved} {_activities(approved)}.")
    for problem in refused:
        messages.error(request, problem)
    if not approved and not refused:
        messages.info(request, "Those hours were already approved.")
    return redirect("ambassadors_hours")


def _activities(count: int) -> str:
    return "activity" if count == 1 else "activities"


class ReadingReportView(CoordinatorPage):
    """Coordinators only (view_ambassador): for each required document, which active
    ambassadors have read it, when, and who has not."""

    permission_required = READING_PERMISSION
    template_name = "ambassadors/admin/reading_report.html"
    page_title = "Required reading"
    header_icon = "doc-full"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["report"] = reading_report()
        return context


@permission_required(READING_PERMISSION)
@private_download
def reading_report_csv(request: HttpRequest) -> HttpResponse:
    """Coordinators only (view_ambassador): the reading report, a row per document and
    active ambassador."""
    return csv_response("required-reading.csv", reading_report_rows(reading_report()))


class MessageForm(forms.ModelForm):
    """A message to the active ambassadors of a type, in an area (empty: all)."""

    class Meta:
        model = CoordinatorMessage
        fields: ClassVar[list[str]] = ["subject", "body", "kind", "area"]
        labels: ClassVar[dict[str, str]] = {"body": "Message"}
        widgets: ClassVar[dict[str, forms.Widget]] = {"body": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        area = self.fields["area"]
        assert isinstance(kind, forms.ChoiceField) and isinstance(area, forms.ChoiceField)
        kind.choices = [("", "All types"), *Ambassador.Kind.choices]
        area.choices = [("", "All areas"), *slug_choices()]

    def clean(self) -> dict[str, Any]:
        super().clean()
        if not self.errors and not self.audience().exists():
            raise ValidationError(
                "No active ambassador matches that type and area: nothing was sent. "
                "Choose another group."
            )
        return self.cleaned_data

    def audience(self) -> QuerySet[Ambassador]:
        """The active ambassadors the chosen type and area pick out."""
        return message_audience(
            self.cleaned_data.get("kind", ""), self.cleaned_data.get("area", "")
        )


class MessagesView(CoordinatorPage):
    """Coordinators only (view_coordinatormessage): messages sent, to whom, how many read."""

    permission_required = MESSAGES_PERMISSION
    template_name = "ambassadors/admin/messages.html"
    page_title = "Messages to ambassadors"
    header_icon = "mail"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        sent = CoordinatorMessage.objects.select_related("sent_by").annotate(
            recipients=Count("receipts"),
            read=Count("receipts", filter=Q(receipts__read_at__isnull=False)),
        )
        context.update(sent=sent[:100], can_send=has_permission(self.request.user, SEND_PERMISSION))
        return context


class NewMessageView(CoordinatorPage):
    """Coordinators only (add_coordinatormessage): write a message and send it to a group.

    Each recipient gets it in the portal and once by e-mail (once_key per recipient, so a
    repeated request cannot send it twice to anyone)."""

    permission_required = SEND_PERMISSION
    template_name = "ambassadors/admin/message_form.html"
    page_title = "New message to ambassadors"
    header_icon = "mail"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.setdefault("form", MessageForm())
        return context

    def post(self, request: AuthenticatedRequest) -> HttpResponse:
        form = MessageForm(request.POST)
        if not form.is_valid():
            return TemplateResponse(request, self.template_name, self.get_context_data(form=form))
        with transaction.atomic():
            message = form.save(commit=False)
            message.sent_by = request.user
            message.save()
            recipients = list(form.audience().select_related("user"))
            MessageReceipt.objects.bulk_create(
                MessageReceipt(message=message, ambassador=ambassador) for ambassador in recipients
            )
            for ambassador in recipients:
                send_templated(
                    "ambassadors/email/coordinator_message",
                    [ambassador.user.email] if ambassador.user else [],
                    {"message": message, "ambassador": ambassador},
                    once_key=f"coordinator-message:{message.pk}:{ambassador.pk}",
                )
        messages.success(
            request,
            f"Sent “{message.subject}” to {len(recipients)} ambassador"
            f"{'' if len(recipients) == 1 else 's'}.",
        )
        return redirect("ambassadors_messages")
