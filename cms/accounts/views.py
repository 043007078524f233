"""A person's own account: overview, data download and deletion. Signed-in users only."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from cms.core.roles import needs_mfa
from cms.core.typing import AuthenticatedRequest

from . import data_rights
from .forms import DeleteAccountForm


@login_required
def overview(request: AuthenticatedRequest) -> HttpResponse:
    """Signed-in user: their account, roles and the privacy controls."""
    return render(
        request,
        "account/overview.html",
        {"roles": request.user.groups.order_by("name"), "needs_mfa": needs_mfa(request.user)},
    )


@login_required
def export_data(request: AuthenticatedRequest) -> HttpResponse:
    """Signed-in user: a JSON file of everything held about them (their right of access)."""
    data = {
        "exported_at": timezone.now(),
        **data_rights.export_for(request.user),
    }
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="my-notts-community-hub-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: AuthenticatedRequest) -> HttpResponse:
    """Signed-in user: delete their own account after confirming their password."""
    form = DeleteAccountForm(request.user, request.POST or None)
    kept = data_rights.retained_for(request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        with transaction.atomic():
            data_rights.erase_for(user)
            logout(request)
            user.delete()
        messages.success(
            request,
            " ".join(["Your account and your personal details have been deleted.", *kept]),
        )
        return redirect("/")
    return render(request, "account/delete.html", {"form": form, "kept": kept})
