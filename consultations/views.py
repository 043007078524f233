"""Have your say: the consultation list, responding to a consultation, and the panel pages.

Who may see what is enforced here: panel-only consultations are for panel members and VRU
staff (`guard_audience`), responding needs the consultation to be open, and a person (an
account, or a browser session when anonymous) has one response per consultation.
"""

import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from cms.core.mail import send_email
from cms.core.roles import PANEL_MEMBER, VRU_STAFF, has_role

from . import panel
from .answers import display_answers, missing_required
from .forms import AboutYouForm, PanelApplicationForm, QuestionsForm, ReceiptForm
from .models import (
    Audience,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationResponse,
    PanelMeeting,
)

RESPONDENT_SESSION_KEY = "consultation_respondent"
# "31 March 2026 at 17:00": the 24-hour clock avoids "5:00p.m.." at the end of a sentence.
WHEN_FORMAT = r"j F Y \a\t H:i"


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), WHEN_FORMAT)


def listing_context(request: HttpRequest) -> dict:
    """Open consultations (closing soonest first) and closed ones, as this visitor may see."""
    pages = ConsultationPage.objects.live()
    if not has_role(request.user, PANEL_MEMBER, VRU_STAFF):
        pages = pages.filter(audience=Audience.PUBLIC)
    now = timezone.now()
    return {
        "open_consultations": pages.filter(opens_at__lte=now, closes_at__gt=now).order_by(
            "closes_at"
        ),
        "upcoming_consultations": pages.filter(opens_at__gt=now).order_by("opens_at"),
        "closed_consultations": pages.filter(closes_at__lte=now).order_by("-closes_at"),
    }


def index(request: HttpRequest) -> HttpResponse:
    """Public: the consultations this visitor may answer or read the outcomes of.

    A Django view rather than the section's Wagtail page, so the main navigation works before
    any pages exist; the page's title and introduction are used when it does exist."""
    section_page = ConsultationIndexPage.objects.live().first()
    return render(
        request, "consultations/index.html", {"page": section_page, **listing_context(request)}
    )


def guard_audience(page: ConsultationPage, request: HttpRequest) -> HttpResponse | None:
    """None when the visitor may see the page; otherwise a sign-in redirect or a refusal."""
    if page.is_visible_to(request.user):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "consultations/panel_only.html", {"page": page}, status=403)


def _refuse_unless_open(request: HttpRequest, page: ConsultationPage) -> HttpResponse | None:
    """Responses and drafts are only taken while the consultation is open."""
    if page.is_open:
        return None
    when = _when(page.closes_at)
    if page.is_closed:
        messages.error(request, f"This consultation closed on {when}. Your answers were not saved.")
    else:
        opens = _when(page.opens_at)
        messages.error(request, f"This consultation opens on {opens}. Your answers were not saved.")
    return redirect(page.url)


def _respondent_token(request: HttpRequest) -> str:
    """A random token kept in the anonymous visitor's session: one response per browser."""
    if RESPONDENT_SESSION_KEY not in request.session:
        request.session[RESPONDENT_SESSION_KEY] = secrets.token_hex(16)
    return request.session[RESPONDENT_SESSION_KEY]


def _existing_response(request: HttpRequest, page: ConsultationPage):
    if request.user.is_authenticated:
        return page.responses.filter(user=request.user).first()
    token = request.session.get(RESPONDENT_SESSION_KEY)
    return page.responses.filter(respondent_token=token).first() if token else None


def _start_response(request: HttpRequest, page: ConsultationPage) -> ConsultationResponse:
    if request.user.is_authenticated:
        return ConsultationResponse(consultation=page, user=request.user)
    return ConsultationResponse(consultation=page, respondent_token=_respondent_token(request))


def _entry_checks(request: HttpRequest, page: ConsultationPage) -> HttpResponse | None:
    if page.needs_sign_in and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return _refuse_unless_open(request, page)


def respond(request: HttpRequest, page: ConsultationPage) -> HttpResponse:
    """The consultation's audience (signed-in when anonymous responses are off): the questions
    and the optional "about you" section, saved as a draft or carried on to review."""
    if refusal := _entry_checks(request, page):
        return refusal
    response = _existing_response(request, page)
    if response and response.is_submitted:
        messages.info(request, "You have already responded to this consultation. Thank you.")
        return redirect(page.subpage_url("submitted"))
    saving_draft = "save_draft" in request.POST
    if request.method == "POST":
        form = QuestionsForm(page.questions, request.POST, draft=saving_draft)
        about_form = AboutYouForm(request.POST)
        if form.is_valid() and about_form.is_valid():
            response = response or _start_response(request, page)
            response.answers = form.answers()
            response.about_you = about_form.answers()
            try:
                with transaction.atomic():
                    response.save()
            except IntegrityError:  # the same person's other tab or double click got there first
                messages.info(request, "Your answers were already saved. Check them below.")
                return redirect(page.subpage_url("respond"))
            if saving_draft:
                closes = _when(page.closes_at)
                messages.success(
                    request,
                    f"Your draft is saved. Come back to finish it before {closes}.",
                )
                return redirect(page.subpage_url("respond"))
            return redirect(page.subpage_url("review"))
    else:
        form = QuestionsForm(page.questions)
        if response:
            form.resume(response.answers)
        about_form = AboutYouForm(initial=response.about_you if response else {})
    return render(
        request,
        "consultations/respond.html",
        {
            "page": page,
            "form": form,
            "about_form": about_form,
            "response": response,
            "retention_months": settings.CONSULTATION_ANONYMISE_AFTER_MONTHS,
        },
    )


def review(request: HttpRequest, page: ConsultationPage) -> HttpResponse:
    """The consultation's audience: check your answers, then submit them."""
    if refusal := _entry_checks(request, page):
        return refusal
    response = _existing_response(request, page)
    if response is None:
        return redirect(page.subpage_url("respond"))
    if response.is_submitted:
        return redirect(page.subpage_url("submitted"))
    receipt_form = ReceiptForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and receipt_form.is_valid():
        if missing := missing_required(page.questions, response.answers):
            messages.error(request, f"Answer the question: {missing[0]}")
            return redirect(page.subpage_url("respond"))
        email = request.user.email if request.user.is_authenticated else None
        _submit(response, email or receipt_form.cleaned_data["email"])
        return redirect(page.subpage_url("submitted"))
    return render(
        request,
        "consultations/review.html",
        {
            "page": page,
            "response": response,
            "answers": display_answers(page.questions, response.answers),
            "about_you": response.about_you,
            "receipt_form": None if request.user.is_authenticated else receipt_form,
        },
    )


def _submit(response: ConsultationResponse, receipt_email: str) -> None:
    """Mark the response submitted, once only even if the button is pressed twice, and send
    the receipt."""
    now = timezone.now()
    still_draft = ConsultationResponse.objects.filter(pk=response.pk, submitted_at__isnull=True)
    if not still_draft.update(submitted_at=now, updated_at=now):
        return
    response.submitted_at = now
    if receipt_email:
        page = response.consultation
        body = render_to_string(
            "consultations/email/receipt.txt",
            {
                "page": page,
                "response": response,
                "answers": display_answers(page.questions, response.answers),
                "site_url": settings.WAGTAILADMIN_BASE_URL,
            },
        )
        transaction.on_commit(
            lambda: send_email.delay(
                f"Your response to {page.title}",
                body,
                [receipt_email],
                settings.DEFAULT_FROM_EMAIL,
            )
        )


def submitted(request: HttpRequest, page: ConsultationPage) -> HttpResponse:
    """The respondent only: the confirmation and receipt number for their own response."""
    response = _existing_response(request, page)
    if response is None or not response.is_submitted:
        return redirect(page.url)
    return render(request, "consultations/submitted.html", {"page": page, "response": response})


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
    is_member = has_role(request.user, PANEL_MEMBER, VRU_STAFF)
    if not is_member and not meeting.minutes_approved:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return render(request, "consultations/panel_only.html", {"page": meeting}, status=403)
    return render(
        request, "consultations/meeting.html", {"meeting": meeting, "is_member": is_member}
    )


@login_required
def apply(request: HttpRequest) -> HttpResponse:
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
def leave(request: HttpRequest) -> HttpResponse:
    """Panel members: leave the panel at any time; the Panel member role is removed at once."""
    if panel.leave(request.user):
        messages.success(request, "You have left the Citizen's Advisory Panel.")
    return redirect("consultations:panel")
