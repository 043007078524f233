"""Staff who run the panel, in the admin: who has a place at a meeting, and who came."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from cms.core.permissions import permission_required

from . import panel
from .forms import AttendanceForm
from .models import RUNS_THE_PANEL, PanelMeeting


@permission_required(RUNS_THE_PANEL)
def attendance(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The members with a place, and (once the meeting has started) who attended."""
    meeting = get_object_or_404(PanelMeeting, pk=meeting_id)
    places = meeting.signed_up().select_related("user")
    form = AttendanceForm(places, request.POST or None)
    if request.method == "POST":
        if meeting.is_upcoming:
            messages.error(request, "Attendance can be recorded once the meeting has started.")
            return redirect("consultations_meetings:attendance", meeting.pk)
        if form.is_valid():
            changed = panel.record_attendance(meeting, form.attendance())
            messages.success(request, f"Attendance saved ({changed} changed).")
            return redirect("consultations_meetings:attendance", meeting.pk)
        messages.error(request, "Attendance was not saved. Check the choices below.")
    context = {"meeting": meeting, "form": form, "places": places}
    return TemplateResponse(request, "consultations/admin/attendance.html", context)
