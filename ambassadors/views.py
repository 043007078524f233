"""Ambassador pages: the public landing page and the signed-in ambassadors' portal.

Every portal view goes through `ambassador_required` and only ever queries the signed-in
ambassador's own records, so another ambassador's log or claim is simply not found (404).
"""

import uuid
from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST
from wagtail.documents import get_document_model

from cms.core.permissions import has_permission
from cms.core.roles import AMBASSADOR_ROLES, has_role
from cms.core.typing import AuthenticatedRequest

from .forms import CONFIRM_FIELD, ClaimForm, OutreachLogForm
from .models import AGE_BANDS, Ambassador, Claim, OutreachLog, ReadingDone
from .resources import REQUIRED_READING_TAG, required_documents, resources_collection
from .tasks import alert_safeguarding_lead


def index(request: HttpRequest) -> HttpResponse:
    """Public: what ambassadors do and how to sign in."""
    return render(request, "ambassadors/index.html")


class AmbassadorRequest(AuthenticatedRequest):
    """A request that passed `ambassador_required`: it carries the ambassador's own record."""

    ambassador: Ambassador


def ambassador_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed-in users with an ambassador role and a current ambassador record only."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        ambassador = Ambassador.objects.filter(user=request.user).first()
        if (
            ambassador is None
            or ambassador.status == Ambassador.Status.LEFT
            or not has_role(request.user, *AMBASSADOR_ROLES)
        ):
            raise PermissionDenied("The portal is for ambassadors.")
        ambassador_request = cast(AmbassadorRequest, request)
        ambassador_request.ambassador = ambassador
        return view(ambassador_request, *args, **kwargs)

    return wrapper


@ambassador_required
def portal(request: AmbassadorRequest) -> HttpResponse:
    """Ambassadors only: their totals, and what to do next."""
    ambassador = request.ambassador
    totals = ambassador.outreach_logs.aggregate(
        activities=Count("id"),
        minutes=Sum("duration_minutes"),
        **{field: Sum(field) for field, _ in AGE_BANDS},
    )
    people = sum(totals[field] or 0 for field, _ in AGE_BANDS)
    unread = (
        required_documents().exclude(pk__in=ambassador.reading_done.values("document_id")).count()
    )
    approved_minutes = ambassador.outreach_logs.filter(
        status=OutreachLog.Status.APPROVED
    ).aggregate(minutes=Sum("duration_minutes"))["minutes"]
    return render(
        request,
        "ambassadors/portal/home.html",
        {
            "ambassador": ambassador,
            "activities": totals["activities"],
            "hours": round((totals["minutes"] or 0) / 60, 1),
            "approved_hours": round((approved_minutes or 0) / 60, 1),
            "queried": ambassador.outreach_logs.filter(status=OutreachLog.Status.QUERIED).count(),
            "people": people,
            "unread_required": unread,
            "unread_messages": ambassador.message_receipts.filter(read_at=None).count(),
            "recent_logs": ambassador.outreach_logs.all()[:3],
        },
    )


@ambassador_required
def log_list(request: AmbassadorRequest) -> HttpResponse:
    """Ambassadors only: their own outreach history, newest first."""
    logs = request.ambassador.outreach_logs.prefetch_related("topics")
    page = Paginator(logs, 20).get_page(request.GET.get("page"))
    return render(request, "ambassadors/portal/log_list.html", {"page_obj": page})


@ambassador_required
def log_create(request: AmbassadorRequest) -> HttpResponse:
    """Ambassadors only: log an outreach activity.

    The page also works with no signal: its script keeps the activity on the phone and sends
    it to `offline.send_log` later; a log sent both ways is stored once (`client_reference`).
    """
    form = new_log_form(request.ambassador, request.POST or None)
    if request.method == "POST":
        earlier = logged_before(request.ambassador, request.POST.get("client_reference"))
        if earlier is not None:
            messages.success(request, f"Logged: {earlier}.")
            return redirect("ambassadors:portal")
        if form.is_valid():
            log = save_new_log(form, request.ambassador)
            messages.success(request, f"Logged: {log}.")
            return redirect("ambassadors:portal")
    return _render_log_form(request, form, title="Log an outreach activity", offline=True)


def new_log_form(ambassador: Ambassador, data: Mapping[str, Any] | None) -> OutreachLogForm:
    """The form for a new log, starting in the ambassador's usual area and offering the
    services signposted in their areas."""
    return OutreachLogForm(data, initial=_usual_area(ambassador), areas=_areas_covered(ambassador))


def logged_before(ambassador: Ambassador, reference: object) -> OutreachLog | None:
    """The log this ambassador already sent with this reference, if any: a phone sending its
    queue again after a lost reply gets success, not a second log.

    Raises PermissionDenied when another ambassador's log has the reference: it is never
    shown, changed or counted twice. A reference that is not a UUID matches nothing (the
    form reports it).
    """
    try:
        reference = uuid.UUID(str(reference)) if reference else None
    except ValueError:
        return None
    log = OutreachLog.objects.filter(client_reference=reference).first() if reference else None
    if log is not None and log.ambassador_id != ambassador.pk:
        raise PermissionDenied("That activity was logged from another account.")
    return log


def save_new_log(form: OutreachLogForm, ambassador: Ambassador) -> OutreachLog:
    """Save a valid new log for the ambassador, alerting the safeguarding lead if flagged.

    Two sends of the same activity at the same moment: the database's unique reference stops
    the second, which then answers with the first.
    """
    form.instance.ambassador = ambassador
    form.instance.client_reference = form.cleaned_data.get("client_reference")
    try:
        return _save_log(form, was_flagged=False)
    except IntegrityError:
        earlier = logged_before(ambassador, form.instance.client_reference)
        if earlier is None:
            raise
        return earlier


def _areas_covered(ambassador: Ambassador) -> list[str]:
    return list(ambassador.areas_covered.values_list("area", flat=True))


def _usual_area(ambassador: Ambassador) -> dict[str, str]:
    """Start the form in the ambassador's first area and ward: one less thing to pick."""
    covered = ambassador.areas_covered.order_by("pk").first()
    return {"area": covered.area, "ward": covered.ward} if covered else {}


@ambassador_required
def log_edit(request: AmbassadorRequest, pk: int) -> HttpResponse:
    """Ambassadors only: correct one of their own logs within 7 days of logging it."""
    log = get_object_or_404(request.ambassador.outreach_logs, pk=pk)
    if not log.can_be_edited_now():
        messages.info(request, "Logs can only be changed for 7 days after they are made.")
        return redirect("ambassadors:log_list")
    was_flagged = log.safeguarding_concern
    form = OutreachLogForm(
        request.POST or None, instance=log, areas=[*_areas_covered(request.ambassador), log.area]
    )
    if request.method == "POST" and form.is_valid():
        _save_log(form, was_flagged=was_flagged)
        messages.success(request, "Your changes are saved.")
        return redirect("ambassadors:log_list")
    return _render_log_form(request, form, title="Change an outreach log")


def _save_log(form: OutreachLogForm, *, was_flagged: bool) -> OutreachLog:
    """Save, and alert the safeguarding lead (in the same transaction) if newly flagged."""
    with transaction.atomic():
        log = form.save()
        if log.safeguarding_concern and not was_flagged:
            alert_safeguarding_lead(log)
    return log


def _render_log_form(
    request: HttpRequest, form: OutreachLogForm, *, title: str, offline: bool = False
) -> HttpResponse:
    """`offline`: the page may keep the log on the phone when there is no signal (new logs)."""
    return render(
        request,
        "ambassadors/portal/log_form.html",
        {"form": form, "title": title, "confirm_field": form[CONFIRM_FIELD], "offline": offline},
    )


@ambassador_required
def resources(request: AmbassadorRequest) -> HttpResponse:
    """Ambassadors only: training materials in the private collection, required reading first."""
    documents = (
        get_document_model()
        .objects.filter(collection=resources_collection())
        .prefetch_related("tags")
        .order_by("title")
    )
    done = set(request.ambassador.reading_done.values_list("document_id", flat=True))
    items = [
        {
            "document": doc,
            "required": REQUIRED_READING_TAG in {tag.name for tag in doc.tags.all()},
            "done": doc.pk in done,
        }
        for doc in documents
    ]
    items.sort(key=lambda item: (not item["required"], item["done"]))
    return render(request, "ambassadors/portal/resources.html", {"items": items})


@ambassador_required
@require_POST
def mark_read(request: AmbassadorRequest, document_id: int) -> HttpResponse:
    """Ambassadors only: record that they have read a required document."""
    document = get_object_or_404(required_documents(), pk=document_id)
    ReadingDone.objects.get_or_create(ambassador=request.ambassador, document=document)
    messages.success(request, f"Marked as read: {document.title}.")
    return redirect("ambassadors:resources")


@ambassador_required
def claim_list(request: AmbassadorRequest) -> HttpResponse:
    """Ambassadors only: their own claims and decisions."""
    return render(
        request, "ambassadors/portal/claim_list.html", {"claims": request.ambassador.claims.all()}
    )


@ambassador_required
def claim_create(request: AmbassadorRequest) -> HttpResponse:
    """Ambassadors only: claim a month's hours and expenses, with a receipt."""
    form = ClaimForm(request.POST or None, request.FILES or None, ambassador=request.ambassador)
    if request.method == "POST" and form.is_valid():
        form.instance.ambassador = request.ambassador
        claim = form.save()
        messages.success(request, f"Your claim for {claim.month:%B %Y} is sent for approval.")
        return redirect("ambassadors:claim_list")
    return render(request, "ambassadors/portal/claim_form.html", {"form": form})


@login_required
@cache_control(private=True, no_store=True)
def claim_receipt(request: AuthenticatedRequest, pk: int) -> FileResponse:
    """The claimant, and users who may view all claims (coordinators): download a receipt."""
    claims = Claim.objects.all()
    if not has_permission(request.user, "ambassadors.view_claim"):
        claims = claims.filter(ambassador__user=request.user)
    claim = get_object_or_404(claims, pk=pk)
    if not claim.receipt:
        raise Http404("This claim has no receipt.")
    return FileResponse(claim.receipt.open("rb"), as_attachment=True)


@ambassador_required
def message_list(request: AmbassadorRequest) -> HttpResponse:
    """Ambassadors only: the coordinators' messages sent to them, newest first."""
    receipts = request.ambassador.message_receipts.select_related("message")
    page = Paginator(receipts, 20).get_page(request.GET.get("page"))
    return render(request, "ambassadors/portal/message_list.html", {"page_obj": page})


@ambassador_required
def message_detail(request: AmbassadorRequest, pk: int) -> HttpResponse:
    """Ambassadors only: one message sent to them; opening it records that it was read."""
    receipt = get_object_or_404(
        request.ambassador.message_receipts.select_related("message"), message_id=pk
    )
    if receipt.read_at is None:
        receipt.read_at = timezone.now()
        receipt.save(update_fields=["read_at"])
    return render(request, "ambassadors/portal/message_detail.html", {"receipt": receipt})
