"""Have your say: the consultation list and the Citizen's Advisory Panel's pages.

A consultation page and its respond, review and submitted routes serve themselves
(`ConsultationPage` in models.py); these views call the models, never the reverse.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from cms.core import page_cache
from cms.core.models import PAGES
from cms.core.permissions import has_permission
from cms.core.roles import PANEL_MEMBER, has_role
from cms.core.typing import AuthenticatedRequest

from . import panel
from .calendar import meeting_ics
from .forms import AboutYouForm, PanelApplicationForm
from .models import (
    RUNS_THE_PANEL,
    ConsultationIndexPage,
    ConsultationPage,
    MeetingAction,
    PanelMeeting,
    sees_panel_business,
)


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
    """Public: what the panel is, its published minutes and papers. Members also see upcoming
    meetings (with their places), the actions from meetings, and can leave; other signed-in
    people see how to apply. The staff who run the panel see the actions too."""
    is_member = has_role(request.user, PANEL_MEMBER)
    meetings = PanelMeeting.objects.all()
    upcoming = []
    if request.user.is_authenticated and is_member:
        mine = set(
            request.user.meeting_sign_ups.filter(cancelled_at__isnull=True).values_list(
                "meeting_id", flat=True
            )
        )
        upcoming = [
            (meeting, meeting.pk in mine)
            for meeting in meetings.filter(starts_at__gte=timezone.now()).order_by("starts_at")
        ]
    sees_actions = sees_panel_business(request.user)
    return render(
        request,
        "consultations/panel.html",
        {
            "is_member": is_member,
            "upcoming_meetings": upcoming,
            "published_minutes": meetings.filter(minutes_approved=True),
            "published_papers": meetings.filter(papers_published=True, minutes_approved=False),
            "meeting_actions": (
                MeetingAction.objects.select_related("meeting").prefetch_related("updates")
                if sees_actions
                else []
            ),
            "sees_actions": sees_actions,
            "application": panel.latest_application(request.user),
        },
    )


def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Panel members and the staff who run the panel: the whole meeting, its places (members
    sign up or cancel here; staff see who has a place) and its actions. Everyone else: only
    approved minutes and published papers."""
    meeting = get_object_or_404(PanelMeeting, pk=meeting_id)
    is_member = sees_panel_business(request.user)
    if not is_member and not (meeting.minutes_approved or meeting.papers_published):
        return _panel_only(request, meeting)
    runs_panel = has_permission(request.user, RUNS_THE_PANEL)
    context = {
        "meeting": meeting,
        "is_member": is_member,
        "can_sign_up": has_role(request.user, PANEL_MEMBER),
        "runs_panel": runs_panel,
        "my_place": meeting.sign_up_of(request.user),
        "places_left": meeting.places_left(),
        "places": meeting.signed_up().select_related("user") if runs_panel else [],
        "papers": (
            [block.value for block in meeting.papers if block.value]
            if meeting.shows_papers_to(request.user)
            else []
        ),
        "tracked_actions": (
            meeting.tracked_actions.prefetch_related("updates") if is_member else []
        ),
    }
    return render(request, "consultations/meeting.html", context)


def _panel_only(request: HttpRequest, meeting: PanelMeeting) -> HttpResponse:
    """Sign-in for the anonymous; a refusal for signed-in people outside the panel."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "consultations/panel_only.html", {"page": meeting}, status=403)


@require_POST
@login_required
def meeting_sign_up(request: AuthenticatedRequest, meeting_id: int) -> HttpResponse:
    """Panel members: take a place at an upcoming meeting, while places are left."""
    meeting = get_object_or_404(PanelMeeting, pk=meeting_id)
    if not has_role(request.user, PANEL_MEMBER):
        return _panel_only(request, meeting)
    try:
        panel.sign_up(meeting, request.user)
    except panel.SignUpRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request, "You have a place at this meeting. We have e-mailed you the details."
        )
    return redirect("consultations:meeting", meeting.pk)


@require_POST
@login_required
def meeting_cancel(request: AuthenticatedRequest, meeting_id: int) -> HttpResponse:
    """Panel members with a place: give it up before the meeting, freeing it for others."""
    meeting = get_object_or_404(PanelMeeting, pk=meeting_id)
    try:
        panel.cancel(meeting, request.user)
    except panel.SignUpRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, "You have given up your place. Thank you for letting us know.")
    return redirect("consultations:meeting", meeting.pk)


def meeting_calendar(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Panel members and the staff who run the panel: the meeting as an .ics file; where it
    is only for members with a place (and staff)."""
    meeting = get_object_or_404(PanelMeeting, pk=meeting_id)
    if not sees_panel_business(request.user):
        return _panel_only(request, meeting)
    with_place = meeting.sign_up_of(request.user) is not None or has_permission(
        request.user, RUNS_THE_PANEL
    )
    response = HttpResponse(
        meeting_ics(meeting, with_place=with_place),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="panel-meeting-{meeting.pk}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


def meeting_paper(
    request: HttpRequest, meeting_id: int, document_id: int
) -> HttpResponse | FileResponse:
    """One of a meeting's papers: panel members and VRU staff always; everyone once staff
    publish the meeting's papers. (Wagtail's own document address stays members-only.)"""
    meeting = get_object_or_404(PanelMeeting, pk=meeting_id)
    paper = next((b.value for b in meeting.papers if b.value and b.value.pk == document_id), None)
    if paper is None:
        raise Http404
    if not meeting.shows_papers_to(request.user):
        return _panel_only(request, meeting)
    response = FileResponse(
        paper.file.open("rb"),
        as_attachment=True,
        filename=paper.filename,
        content_type=paper.content_type,
    )
    if not meeting.papers_published:
        response["Cache-Control"] = "private, no-store"
    return response


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
