"""Have your say: the consultation list and the Citizen's Advisory Panel's pages.

A consultation page and its respond, review and submitted routes serve themselves
(`ConsultationPage` in models.py); these views call the models, never the reverse.
"""

from functools import reduce
from operator import and_

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from cms.core import page_cache
from cms.core.models import PAGES
from cms.core.permissions import has_permission
from cms.core.roles import PANEL_MEMBER, has_role
from cms.core.typing import AuthenticatedRequest

from . import alerts, panel
from .areas import covers
from .calendar import meeting_ics
from .forms import AboutYouForm, AlertSubscribeForm, OutcomeSearchForm, PanelApplicationForm
from .models import (
    RUNS_THE_PANEL,
    ConsultationIndexPage,
    ConsultationPage,
    MeetingAction,
    PanelMeeting,
    sees_panel_business,
)
from .sending_limits import count_one, has_had_its_share

OUTCOMES_PER_PAGE = 10
# Words searched in each outcome: its title, summary, the three parts and the easy read.
OUTCOME_SEARCH_FIELDS = (
    "title",
    "introduction",
    "we_asked",
    "you_said",
    "we_did",
    "easy_read_outcome",
)
MAX_SEARCH_WORDS = 10
# The subscribe form sends e-mail to any address typed in, so it is no spam relay: a few
# confirmation links per browser session, and a few more an hour from one network address.
ALERT_EMAILS_SESSION_KEY = "consultation_alert_emails"
MAX_ALERT_EMAILS_PER_SESSION = 3
MAX_ALERT_EMAILS_PER_ADDRESS_HOUR = 10


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


def outcomes(request: HttpRequest) -> HttpResponse:
    """Public: every published "We asked, you said, we did", most recently closed first, found
    by words and area. Panel-only consultations' outcomes are listed only for those who may see
    them (`visible_to`), which is why this searches the database itself: site search never
    indexes panel-only pages."""
    published = (
        ConsultationPage.objects.live()
        .public()
        .visible_to(request.user)
        .filter(outcome_published=True)
    )
    found = published.closed()
    form = OutcomeSearchForm(request.GET)
    if form.is_valid():
        found = _matching_outcomes(found, form.cleaned_data["q"], form.cleaned_data["area"])
    page_obj = Paginator(found, OUTCOMES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page_obj,
        "searched": form.is_valid() and any(form.cleaned_data.values()),
    }
    response = render(request, "consultations/outcomes.html", context)
    # An outcome is listed once its consultation closes: cached until the next one does.
    next_closing = published.filter(closes_at__gt=timezone.now()).order_by("closes_at").first()
    timeout = None
    if next_closing is not None:
        timeout = max(int((next_closing.closes_at - timezone.now()).total_seconds()), 0)
    return page_cache.mark_public(response, PAGES, timeout=timeout)


def _matching_outcomes(pages: QuerySet, text: str, area: str) -> QuerySet:
    """Outcomes with every word of `text` in one of their fields, and about `area` (or about
    every area). Plain `icontains`, so it works the same on PostgreSQL and SQLite."""
    words = text.split()[:MAX_SEARCH_WORDS]
    if words:
        pages = pages.filter(
            reduce(
                and_,
                (
                    reduce(
                        lambda a, b: a | b,
                        (Q(**{f"{field}__icontains": word}) for field in OUTCOME_SEARCH_FIELDS),
                    )
                    for word in words
                ),
            )
        )
    if area:
        about = [pk for pk, areas in pages.values_list("pk", "areas") if covers(areas, [area])]
        pages = pages.filter(pk__in=about)
    return pages


# --- Alerts when a consultation opens ------------------------------------------------------


@require_http_methods(["GET", "POST"])
def alerts_subscribe(request: HttpRequest) -> HttpResponse:
    """Public: ask to be e-mailed when a consultation opens in your areas. The same answer
    follows whether or not the address is already subscribed, so the form tells nobody who is."""
    form = AlertSubscribeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if _too_many_alert_emails(request):
            form.add_error(
                None,
                "We have sent several links from here already. Check your e-mail, or try "
                "again in an hour.",
            )
            status = 429
        else:
            alerts.subscribe(form.cleaned_data["email"], form.chosen_areas())
            return redirect("consultations:alerts_sent")
    return render(request, "consultations/alerts/subscribe.html", {"form": form}, status=status)


def _too_many_alert_emails(request: HttpRequest) -> bool:
    """Count this confirmation e-mail against the browser and its network address; True when
    either has had its share. The address is kept only as a keyed hash, in the cache, for an
    hour."""
    sent = request.session.get(ALERT_EMAILS_SESSION_KEY, 0)
    address = request.META.get("REMOTE_ADDR", "")
    if sent >= MAX_ALERT_EMAILS_PER_SESSION or has_had_its_share(
        "alert-emails", address, MAX_ALERT_EMAILS_PER_ADDRESS_HOUR
    ):
        return True
    request.session[ALERT_EMAILS_SESSION_KEY] = sent + 1
    count_one("alert-emails", address, 60 * 60)
    return False


def alerts_sent(request: HttpRequest) -> HttpResponse:
    """Public: what happens next after asking for alerts."""
    return render(request, "consultations/alerts/sent.html", {"days": alerts.ALERT_CONFIRM_DAYS})


@require_http_methods(["GET", "POST"])
def alerts_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Whoever holds the e-mailed link: see the areas and press the button to start the
    alerts (a button, so a mail scanner that opens links confirms nothing)."""
    try:
        link = alerts.read_confirm_link(token)
    except alerts.LinkProblem as problem:
        return _link_problem(request, problem)
    if request.method == "POST":
        alerts.confirm(link)
        return render(
            request, "consultations/alerts/confirmed.html", {"area_names": link.area_names}
        )
    return render(request, "consultations/alerts/confirm.html", {"area_names": link.area_names})


@csrf_exempt  # the signed link is the secret; a mail client's one-click POST has no cookie
@require_http_methods(["GET", "POST"])
def alerts_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Whoever holds the link in an alert: a button that stops the alerts and deletes the
    address. A POST needs no CSRF token, so a mail client's one-click unsubscribe (RFC 8058:
    `List-Unsubscribe=One-Click`, sent with no cookies) works; without the signed link a
    forged POST changes nothing."""
    try:
        subscription = alerts.read_unsubscribe_link(token)
    except alerts.LinkProblem as problem:
        return _link_problem(request, problem)
    if subscription is None:
        return render(request, "consultations/alerts/unsubscribed.html", {"already": True})
    if request.method == "POST":
        alerts.unsubscribe(subscription)
        return render(request, "consultations/alerts/unsubscribed.html", {"already": False})
    return render(request, "consultations/alerts/unsubscribe.html")


def _link_problem(request: HttpRequest, problem: alerts.LinkProblem) -> HttpResponse:
    return render(
        request, "consultations/alerts/link_problem.html", {"problem": str(problem)}, status=400
    )


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
