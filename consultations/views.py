"""Have your say: the consultation list and the Citizen's Advisory Panel's pages.

A consultation page and its respond, review and submitted routes serve themselves
(`ConsultationPage` in models.py); these views call the models, never the reverse.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from cms.core import page_cache
from cms.core.models import PAGES
from cms.core.roles import PANEL_MEMBER, has_role
from cms.core.typing import AuthenticatedRequest

from . import panel
from .forms import AboutYouForm, PanelApplicationForm
from .models import ConsultationIndexPage, ConsultationPage, PanelMeeting, sees_panel_business


def index(request: HttpRequest) -> HttpResponse:
    """Public: the consultations this visitor may answer or read the outcomes of.

    A Django view rather than the section's Wagtail page, so the main navigation works before
    any pages exist; the page's title and introduction are used when it does exist."""
    pages = ConsultationPage.objects.live().visible_to(request.user)
    context = {
        "page": ConsultationIndexPage.objects.live().first(),
        "open_consultations": pages.open_now(),
        "upcoming_consultations": pages.upcoming(),
        "closed_consultations": pages.closed(),
    }
    response = render(request, "consultations/index.html", context)
    # Cached until a page changes, or until the next consultation opens or closes.
    next_change = pages.next_opening_or_closing()
    timeout = None
    if next_change is not None:
        timeout = max(int((next_change - timezone.now()).total_seconds()), 0)
    return page_cache.mark_public(response, PAGES, timeout=timeout)


# --- The Citizen's Advisory Panel -------------------------------------------------------------


def panel_home(request: HttpRequest) -> HttpResponse:
    """Public: what the panel is and its published minutes. Members also see upcoming meetings
    and papers, and can leave; other signed-in people see how to apply."""
    is_member = has_role(request.user, PANEL_MEMBER)
    meetings = PanelMeeting.objects.all()
    return render(
        request,
        "consultations/panel.html",
        {
            "is_member": is_member,
            "upcoming_meetings": (
                meetings.filter(starts_at__gte=timezone.now()).order_by("starts_at")
                if is_member
                else []
            ),
            "published_minutes": meetings.filter(minutes_approved=True),
            "application": panel.latest_application(request.user),
        },
    )


def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Panel members: the whole meeting. Everyone else: only approved minutes and actions."""
    meeting = get_object_or_404(PanelMeeting, pk=meeting_id)
    is_member = sees_panel_business(request.user)
    if not is_member and not meeting.minutes_approved:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return render(request, "consultations/panel_only.html", {"page": meeting}, status=403)
    return render(
        request, "consultations/meeting.html", {"meeting": meeting, "is_member": is_member}
    )


@login_required
def apply(request: AuthenticatedRequest) -> HttpResponse:
    """Signed-in people who are not members and have no application waiting: apply to join."""
    if reason := panel.why_cannot_apply(request.user):
        messages.info(request, reason)
        return redirect("consultations:panel")
    form = PanelApplicationForm(request.POST or None)
    about_form = AboutYouForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and about_form.is_valid():
        panel.apply(request.user, **form.cleaned_data, about_you=about_form.answers())
        messages.success(
            request, "Thank you for applying. We will email you when we have made a decision."
        )
        return redirect("consultations:panel")
    return render(
        request,
        "consultations/panel_apply.html",
        {
            "form": form,
            "about_form": about_form,
            "for_application": True,
            "retention_months": settings.CONSULTATION_ANONYMISE_AFTER_MONTHS,
        },
    )


@require_POST
@login_required
def leave(request: AuthenticatedRequest) -> HttpResponse:
    """Panel members: leave the panel at any time; the Panel member role is removed at once."""
    if panel.leave(request.user):
        messages.success(request, "You have left the Citizen's Advisory Panel.")
    return redirect("consultations:panel")
