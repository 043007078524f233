"""Pages for voluntary and community groups to list and keep their services up to date.

Signed-in users only. A person may edit an organisation's listings only when they are one
of its editors: because they registered it, or because staff approved their claim.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from cms.core.queue import enqueue
from cms.core.typing import AuthenticatedRequest

from . import lifecycle
from .forms import ClaimForm, OrganisationForm, ServiceForm
from .models import Organisation, OrganisationClaim, Service
from .tasks import geocode_location


def dashboard(request: HttpRequest) -> HttpResponse:
    """Public: how to list a service; signed in: the organisations this person edits,
    their listings and pending claims.

    Why public: "List your service" links lead here from the home page, the directory and
    every listing, so a newcomer must learn the steps before being asked to sign in.
    """
    if not request.user.is_authenticated:
        return render(request, "assets_directory/provider/start.html")
    organisations = request.user.directory_organisations.prefetch_related(
        models.Prefetch("services", queryset=Service.objects.with_review_state())
    )
    return render(
        request,
        "assets_directory/provider/dashboard.html",
        {
            "organisations": organisations,
            "claims": request.user.directory_claims.select_related("organisation"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def register_organisation(request: AuthenticatedRequest) -> HttpResponse:
    """Signed-in: add a new organisation, with this person as its first editor."""
    form = OrganisationForm(request.POST or None, initial={"name": request.GET.get("name", "")})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            organisation = form.save()
            organisation.add_editor(request.user, by=request.user)
        messages.success(request, f"{organisation.name} is registered. Now add a service.")
        return redirect("assets_directory:service_add", slug=organisation.slug)
    return render(
        request,
        "assets_directory/provider/organisation_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def claim_organisation(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """Signed-in: ask staff for the right to edit an organisation already listed."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if organisation.is_editor(request.user):
        return redirect("assets_directory:provider")
    pending = organisation.claims.filter(
        user=request.user, status=OrganisationClaim.Status.PENDING
    ).exists()
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and not pending and form.is_valid():
        form.instance.organisation = organisation
        form.instance.user = request.user
        form.save()
        messages.success(request, "Thank you. We will email you when we have checked your claim.")
        return redirect("assets_directory:provider")
    return render(
        request,
        "assets_directory/provider/claim_form.html",
        {"form": form, "organisation": organisation, "pending": pending},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_add(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """Organisation editors: start a new listing (saved as a draft, never published here)."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if not organisation.is_editor(request.user):
        raise PermissionDenied
    return _edit(request, Service(organisation=organisation, live=False))


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Organisation editors: change a listing. Changes wait for a moderator."""
    service = get_object_or_404(Service.objects.select_related("organisation"), pk=pk)
    if not service.organisation.is_editor(request.user):
        raise PermissionDenied
    if service.locked:
        messages.warning(
            request, f"A moderator is working on '{service.name}' just now. Try again later."
        )
        return redirect("assets_directory:provider")
    draft = service.get_latest_revision_as_object() if service.latest_revision_id else service
    return _edit(request, draft, service)


def _edit(
    request: AuthenticatedRequest, draft: Service, service: Service | None = None
) -> HttpResponse:
    form = ServiceForm(request.POST or None, instance=draft)
    submit = "submit" in request.POST
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            new_location = form.apply_to(draft)
            lifecycle.save_provider_edit(draft, request.user, submit=submit)
        if new_location:
            enqueue(geocode_location, new_location.pk)
        if submit:
            messages.success(
                request, f"'{draft.name}' is sent for review. We will email you when it is checked."
            )
        else:
            messages.success(request, f"Your draft of '{draft.name}' is saved.")
        return redirect("assets_directory:provider")
    return render(
        request,
        "assets_directory/provider/service_form.html",
        {"form": form, "service": service, "organisation": draft.organisation},
        status=400 if form.errors else 200,
    )


@login_required
def find_organisation(request: AuthenticatedRequest) -> HttpResponse:
    """Signed-in: search listed organisations to claim one, or register a new one."""
    name = request.GET.get("name", "").strip()[:100]
    found = (
        Organisation.objects.filter(Q(name__icontains=name) | Q(slug__icontains=name))[:20]
        if name
        else []
    )
    return render(
        request, "assets_directory/provider/find_organisation.html", {"name": name, "found": found}
    )
