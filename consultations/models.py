"""Consultations (Wagtail pages), the responses to them, and the Citizen's Advisory Panel.

A consultation page serves itself and its respond, review and submitted routes (Wagtail
page routes); the section list and the panel pages are Django views in views.py, which call
the models. Nothing here imports views.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any, ClassVar

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser, User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Lower
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, Panel
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.routable_page.models import path as route
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import PageManager, PageQuerySet
from wagtail.search import index

from cms.core import mail
from cms.core.decisions import StaffDecision
from cms.core.models import BasePage
from cms.core.permissions import has_permission
from cms.core.roles import PANEL_MEMBER, has_role

from .answers import (
    QuestionPage,
    answers_to,
    branch_problems,
    display_answers,
    drop_hidden,
    first_incomplete_page,
    missing_required,
    question_pages,
    shown_pages,
)
from .areas import AreaListField
from .blocks import DISTRICTS, QuestionStreamBlock
from .forms import AboutYouForm, QuestionsForm, ReceiptForm, ResumeLinkForm
from .papers import PanelPaperChooserBlock
from .respondents import (
    ResumeLink,
    account_token,
    display_resume_code,
    new_resume_code,
    normalise_resume_code,
    read_resume_link,
    resume_code_token,
    sign_resume_link,
)
from .sending_limits import may_send_to

OUTCOME_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link"]
RESPONDENT_SESSION_KEY = "consultation_respondent"
# A browser may have its resume link e-mailed a few times, so the form is no spam relay.
RESUME_EMAILS_SESSION_KEY = "consultation_resume_emails"
MAX_RESUME_EMAILS = 3
# Drafts this browser opened from an e-mailed link: {consultation pk: respondent token}.
LINKED_DRAFTS_SESSION_KEY = "consultation_linked_drafts"
# On a page of questions opened from a "Change" link on check-your-answers.
CHANGING_PARAMETER = "change"
# "31 March 2026 at 17:00": the 24-hour clock avoids "5:00p.m.." at the end of a sentence.
WHEN_FORMAT = r"j F Y \a\t H:i"
# A meeting with no end given is shown in calendars as this long.
DEFAULT_MEETING_LENGTH = timedelta(hours=2)
# An easy-read summary is a few short sentences, not a second document.
EASY_READ_MAX_LENGTH = 1000


def _when(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), WHEN_FORMAT)


def _question_errors(problems: list[tuple[int, str, str]]) -> StreamBlockValidationError:
    """Branching problems as errors on the questions' own fields, where editors look."""
    by_question: dict[int, dict[str, ValidationError]] = {}
    for position, field_name, message in problems:
        by_question.setdefault(position, {})[field_name] = ValidationError(message)
    return StreamBlockValidationError(
        block_errors={
            position: StructBlockValidationError(block_errors=errors)
            for position, errors in by_question.items()
        }
    )


# Held by VRU staff, who run the panel (granted in migration 0002), and by superusers.
RUNS_THE_PANEL = "consultations.view_panelmeeting"


def sees_panel_business(user: User | AnonymousUser) -> bool:
    """Panel members, and the staff who run the panel, see what is for the panel only:
    panel-only consultations, meetings' papers and unapproved minutes."""
    return has_role(user, PANEL_MEMBER) or has_permission(user, RUNS_THE_PANEL)


class Audience(models.TextChoices):
    PUBLIC = "public", "Everyone"
    PANEL = "panel", "Citizen's Advisory Panel members only"


class ConsultationIndexPage(BasePage):
    """The "Have your say" section: open consultations first, then closed ones."""

    template = "consultations/index.html"
    parent_page_types: ClassVar[list[str]] = ["core.HomePage"]
    subpage_types: ClassVar[list[str]] = ["consultations.ConsultationPage"]
    max_count = 1
    # /have-your-say/ itself is served by views.index (a Django route, so the navigation
    # works before any pages exist), which uses this page's title and introduction.


class ConsultationPageQuerySet(PageQuerySet):
    def visible_to(self, user: User | AnonymousUser) -> ConsultationPageQuerySet:
        """Panel-only consultations are for panel members (and the staff who run them)."""
        if sees_panel_business(user):
            return self
        return self.filter(audience=Audience.PUBLIC)

    def open_now(self) -> ConsultationPageQuerySet:
        """Open consultations, closing soonest first."""
        now = timezone.now()
        return self.filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at")

    def upcoming(self) -> ConsultationPageQuerySet:
        return self.filter(opens_at__gt=timezone.now()).order_by("opens_at")

    def closed(self) -> ConsultationPageQuerySet:
        """Closed consultations, most recently closed first."""
        return self.filter(closes_at__lte=timezone.now()).order_by("-closes_at")

    def next_opening_or_closing(self) -> datetime | None:
        """When the next of these opens or closes: the lists change then."""
        now = timezone.now()
        moments = self.aggregate(
            opening=models.Min("opens_at", filter=models.Q(opens_at__gt=now)),
            closing=models.Min("closes_at", filter=models.Q(closes_at__gt=now)),
        )
        return min((moment for moment in moments.values() if moment), default=None)


class ConsultationPage(RoutablePageMixin, BasePage):
    """One consultation: what we are asking, who may answer, when, and what came of it.

    Who may see what is enforced here: panel-only consultations are for panel members and
    VRU staff (`serve`), responding needs the consultation to be open, and a person (an
    account, or a browser session when anonymous) has one response per consultation.
    """

    template = "consultations/consultation_page.html"
    parent_page_types: ClassVar[list[str]] = ["consultations.ConsultationIndexPage"]
    subpage_types: ClassVar[list[str]] = []

    documents = StreamField([("document", DocumentChooserBlock())], blank=True, use_json_field=True)
    easy_read_url = models.URLField(
        "Easy-read version", blank=True, help_text="A link to the easy-read version."
    )
    easy_read_summary = models.TextField(
        "Easy-read summary",
        max_length=EASY_READ_MAX_LENGTH,
        blank=True,
        help_text="What we are asking, in a few short sentences. The easy-read checker "
        "reads it when you save.",
    )
    areas = AreaListField(
        "Areas",
        blank=True,
        default=list,
        help_text="Where this consultation is about. Tick none if it is about every area. "
        "People who asked for alerts about these areas are e-mailed when it opens.",
    )
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.PUBLIC)
    allow_anonymous = models.BooleanField(
        "Allow anonymous responses",
        default=True,
        help_text="When off, people must sign in to respond. Panel consultations always need it.",
    )
    questions = StreamField(QuestionStreamBlock(), blank=True, use_json_field=True)
    we_asked = RichTextField(blank=True, features=OUTCOME_FEATURES)
    you_said = RichTextField(blank=True, features=OUTCOME_FEATURES)
    we_did = RichTextField(blank=True, features=OUTCOME_FEATURES)
    easy_read_outcome = models.TextField(
        "Easy-read outcome",
        max_length=EASY_READ_MAX_LENGTH,
        blank=True,
        help_text="What you told us and what we did, in a few short sentences. Shown with "
        "the outcome; the easy-read checker reads it when you save.",
    )
    outcome_published = models.BooleanField(
        'Publish "We asked, you said, we did"',
        default=False,
        help_text="Shown on the page once the consultation has closed.",
    )

    content_panels: ClassVar[list[Panel]] = [
        *BasePage.content_panels,
        FieldPanel("documents"),
        FieldPanel("easy_read_url"),
        FieldPanel("easy_read_summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("audience"),
                FieldPanel("allow_anonymous"),
                FieldPanel("areas"),
            ],
            heading="Who can respond, and when",
        ),
        FieldPanel("questions"),
        MultiFieldPanel(
            [
                FieldPanel("we_asked"),
                FieldPanel("you_said"),
                FieldPanel("we_did"),
                FieldPanel("easy_read_outcome"),
                FieldPanel("outcome_published"),
            ],
            heading="We asked, you said, we did",
        ),
    ]
    search_fields: ClassVar[list] = [*BasePage.search_fields, index.FilterField("audience")]

    objects = PageManager.from_queryset(ConsultationPageQuerySet)()

    @classmethod
    def get_indexed_objects(cls) -> ConsultationPageQuerySet:
        """Panel-only consultations stay out of site search, so the public never sees them."""
        return super().get_indexed_objects().exclude(audience=Audience.PANEL)

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        if self.is_panel_only:  # e.g. a public consultation turned panel-only after indexing
            index.remove_object(self)

    def clean(self) -> None:
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "The closing time must be after the opening time."})
        if self.outcome_published and not (self.we_asked and self.you_said and self.we_did):
            raise ValidationError(
                {"outcome_published": "Fill in all three parts before publishing the outcome."}
            )
        if problems := branch_problems(self.questions):
            raise ValidationError({"questions": _question_errors(problems)})

    @property
    def is_open(self) -> bool:
        return self.opens_at <= timezone.now() < self.closes_at

    @property
    def is_closed(self) -> bool:
        return timezone.now() >= self.closes_at

    @property
    def is_panel_only(self) -> bool:
        return self.audience == Audience.PANEL

    @property
    def needs_sign_in(self) -> bool:
        return self.is_panel_only or not self.allow_anonymous

    @property
    def shows_outcome(self) -> bool:
        return self.is_closed and self.outcome_published

    def is_visible_to(self, user: User | AnonymousUser) -> bool:
        """Panel-only consultations are for panel members (and the staff who run them)."""
        return not self.is_panel_only or sees_panel_business(user)

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """The page and each of its routes: only for those who may see the consultation."""
        return self._audience_refusal(request) or super().serve(request, *args, **kwargs)

    def _audience_refusal(self, request: HttpRequest) -> HttpResponse | None:
        """None when the visitor may see the page; otherwise a sign-in redirect or a refusal."""
        if self.is_visible_to(request.user):
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return render(request, "consultations/panel_only.html", {"page": self}, status=403)

    def _entry_refusal(self, request: HttpRequest) -> HttpResponse | None:
        """Sign-in when anonymous responses are off; answers only while it is open."""
        if self.needs_sign_in and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if self.is_open:
            return None
        messages.error(request, f"{self._not_open_message()}. Your answers were not saved.")
        return redirect(self.url)

    def _not_open_message(self) -> str:
        if self.is_closed:
            return f"This consultation closed on {_when(self.closes_at)}"
        return f"This consultation opens on {_when(self.opens_at)}"

    def response_of(self, request: HttpRequest) -> ConsultationResponse | None:
        """The visitor's response: by the one-way token of their account, of a draft they
        opened from an e-mailed link, or of the resume code their browser holds (see
        respondents.py)."""
        if request.user.is_authenticated:
            token = account_token(request.user.pk, self.pk)
        elif linked := request.session.get(LINKED_DRAFTS_SESSION_KEY, {}).get(str(self.pk)):
            token = linked
        elif code := request.session.get(RESPONDENT_SESSION_KEY):
            token = resume_code_token(code, self.pk)
        else:
            return None
        return self.responses.filter(respondent_token=token).first()

    def _new_response(self, request: HttpRequest) -> ConsultationResponse:
        if request.user.is_authenticated:
            token = account_token(request.user.pk, self.pk)
        else:
            # The anonymous visitor's resume code, shown to them with their draft.
            code = request.session.setdefault(RESPONDENT_SESSION_KEY, new_resume_code())
            token = resume_code_token(code, self.pk)
        return ConsultationResponse(consultation=self, respondent_token=token)

    def _resume_code_of(self, request: HttpRequest, response: ConsultationResponse | None) -> str:
        """The anonymous draft's resume code, when this browser holds the one it was made
        with (not when it was opened from an e-mailed link, which carries no code)."""
        code = request.session.get(RESPONDENT_SESSION_KEY)
        if request.user.is_authenticated or not code or response is None:
            return ""
        return code if resume_code_token(code, self.pk) == response.respondent_token else ""

    def _forget_linked_draft(self, request: HttpRequest) -> None:
        linked = request.session.get(LINKED_DRAFTS_SESSION_KEY, {})
        if str(self.pk) in linked:
            request.session[LINKED_DRAFTS_SESSION_KEY] = {
                key: token for key, token in linked.items() if key != str(self.pk)
            }

    @route("resume/", name="resume")
    def resume(self, request: HttpRequest) -> HttpResponse:
        """Anyone, while it is open: carry on an anonymous draft from any browser with its
        resume code (typed in, or from the link `resume/?code=...`)."""
        if refusal := self._entry_refusal(request):
            return refusal
        code = normalise_resume_code(request.POST.get("code") or request.GET.get("code", ""))
        token = resume_code_token(code, self.pk)
        if code and self.responses.filter(respondent_token=token).exists():
            request.session[RESPONDENT_SESSION_KEY] = code
            self._forget_linked_draft(request)
            return redirect(self.subpage_url("respond"))
        error = "We found no draft with that code. Check it and try again." if code else ""
        return render(request, "consultations/resume.html", {"page": self, "error": error})

    @route("resume/email/", name="email_resume_link")
    def email_resume_link(self, request: HttpRequest) -> HttpResponse:
        """Anyone with a draft here, signed in or not: have a signed link back to it e-mailed.
        The address (the account's, unless they change it) goes only into the outbox, blanked
        once sent, never onto the response, and is never logged."""
        if refusal := self._entry_refusal(request):
            return refusal
        response = self.response_of(request)
        if response is None or response.is_submitted:
            return redirect(self.subpage_url("respond"))
        account_email = request.user.email if request.user.is_authenticated else ""
        form = ResumeLinkForm(request.POST or None, initial={"email": account_email})
        if request.method == "POST" and form.is_valid():
            self._send_resume_link(request, response, form.cleaned_data["email"])
            return redirect(self.subpage_url("respond"))
        return render(request, "consultations/resume_email.html", {"page": self, "form": form})

    def _send_resume_link(
        self, request: HttpRequest, response: ConsultationResponse, email: str
    ) -> None:
        """Send the link, a few times per browser at most, so the form is no spam relay."""
        sent = request.session.get(RESUME_EMAILS_SESSION_KEY, 0)
        if sent >= MAX_RESUME_EMAILS or not may_send_to("resume-link", email):
            messages.error(request, "We have already sent your link several times.")
            return
        request.session[RESUME_EMAILS_SESSION_KEY] = sent + 1
        link = ResumeLink(self.pk, response.respondent_token, request.user.is_authenticated)
        code = self._resume_code_of(request, response)
        context = {
            "page": self,
            "path": self.resume_link_path(link),
            "code": display_resume_code(code) if code else "",
            "for_account": link.for_account,
            "closes": _when(self.closes_at),
        }
        mail.send_templated("consultations/email/resume_link", [email], context)
        messages.success(request, "We have e-mailed you the link. We do not keep your address.")

    def resume_link_path(self, link: ResumeLink) -> str:
        return f"{self.subpage_url('resume_link')}?{urlencode({'token': sign_resume_link(link)})}"

    @route("resume/link/", name="resume_link")
    def resume_link(self, request: HttpRequest) -> HttpResponse:
        """Whoever holds an e-mailed link, while the consultation is open: back to the draft
        in this browser. An account's draft goes only to that account, signed in; a link
        that was altered, is for another consultation or has run out changes nothing."""
        link = read_resume_link(request.GET.get("token", ""))
        if link is None:
            return self._link_problem(
                request,
                "This link does not work. Copy the whole link from the e-mail, or ask for a "
                "new one from your draft.",
                status=400,
            )
        if link.consultation_id != self.pk:
            return self._link_problem(
                request, "This link is for a different consultation.", status=400
            )
        if not self.is_open:
            message = f"{self._not_open_message()}. Drafts can be finished only while it is open."
            return self._link_problem(request, message, status=410)
        draft = self.responses.filter(respondent_token=link.respondent_token).first()
        if draft is None or draft.is_submitted:
            done = draft is not None
            message = (
                "This response has already been submitted. Thank you."
                if done
                else "We found no draft for this link."
            )
            return self._link_problem(request, message, status=410 if done else 404)
        if link.for_account:
            return self._resume_account_draft(request, link)
        if request.user.is_authenticated:
            return self._link_problem(
                request,
                "You started this draft without signing in. Sign out, then open the link "
                "again to carry it on.",
                status=403,
            )
        linked = request.session.get(LINKED_DRAFTS_SESSION_KEY, {})
        request.session[LINKED_DRAFTS_SESSION_KEY] = {
            **linked,
            str(self.pk): draft.respondent_token,
        }
        messages.success(request, "Welcome back. Your answers so far are filled in.")
        return redirect(self.subpage_url("respond"))

    def _resume_account_draft(self, request: HttpRequest, link: ResumeLink) -> HttpResponse:
        """Sign in first (then back here); never the draft of one account to another."""
        if not request.user.is_authenticated:
            messages.info(request, "Sign in with the account you used to carry on your draft.")
            return redirect_to_login(request.get_full_path())
        if account_token(request.user.pk, self.pk) != link.respondent_token:
            return self._link_problem(
                request,
                "This link is for a draft saved by a different account. Sign out, sign in "
                "with the account you used, then open the link again.",
                status=403,
            )
        messages.success(request, "Welcome back. Your answers so far are filled in.")
        return redirect(self.subpage_url("respond"))

    def _link_problem(self, request: HttpRequest, message: str, status: int) -> HttpResponse:
        context = {"page": self, "message": message}
        return render(request, "consultations/resume_link_problem.html", context, status=status)

    @route("respond/", name="respond")
    @route("respond/<int:page_number>/", name="respond_page")
    def respond(self, request: HttpRequest, page_number: int = 1) -> HttpResponse:
        """The consultation's audience (signed-in when anonymous responses are off): one page
        of the questions (the last with the optional "about you" section), saved as a draft
        or carried on to the next page shown, then to review. A page is reached only once
        the pages before it have their required answers, so nobody submits half a path."""
        if refusal := self._entry_refusal(request):
            return refusal
        response = self.response_of(request)
        if response and response.is_submitted:
            messages.info(request, "You have already responded to this consultation. Thank you.")
            return redirect(self.subpage_url("submitted"))
        pages = question_pages(self.questions)
        if not 1 <= page_number <= len(pages):
            raise Http404("This consultation has no such page of questions.")
        answers = response.answers if response else {}
        first_incomplete = first_incomplete_page(pages, answers)
        if first_incomplete is not None and first_incomplete < page_number:
            messages.error(request, "Answer the questions on this page before going on.")
            return redirect(self.page_url(first_incomplete))
        shown = {page.number: page for page in shown_pages(pages, answers)}
        if page_number not in shown:  # every question on it is hidden by earlier answers
            return redirect(self._next_page_url(pages, page_number, answers))
        this_page, is_last = shown[page_number], page_number == len(pages)
        saving_draft = "save_draft" in request.POST
        if request.method == "POST":
            form = QuestionsForm(this_page.questions, request.POST, draft=saving_draft)
            about_form = AboutYouForm(request.POST) if is_last else None
            if form.is_valid() and (about_form is None or about_form.is_valid()):
                return self._save_page(
                    request, response, pages[page_number - 1], form, about_form, saving_draft
                )
        else:
            form = QuestionsForm(this_page.questions)
            form.resume(answers)
            about_you = response.about_you if response else {}
            about_form = AboutYouForm(initial=about_you) if is_last else None
        return self._render_page(request, response, pages, this_page, form, about_form)

    def _save_page(
        self,
        request: HttpRequest,
        response: ConsultationResponse | None,
        question_page: QuestionPage,
        form: QuestionsForm,
        about_form: AboutYouForm | None,
        saving_draft: bool,
    ) -> HttpResponse:
        """Keep this page's answers with the others, dropping any to questions they hide."""
        response = response or self._new_response(request)
        on_this_page = {block.id for block in question_page.questions}
        kept = {key: value for key, value in response.answers.items() if key not in on_this_page}
        response.answers = drop_hidden(self.questions, {**kept, **form.answers()})
        if about_form is not None:
            response.about_you = about_form.answers()
        this_url = self.page_url(question_page.number)
        try:
            with transaction.atomic():
                response.save()
        except IntegrityError:  # the same person's other tab or double click was first
            messages.info(request, "Your answers were already saved. Check them below.")
            return redirect(this_url)
        if saving_draft:
            closes = _when(self.closes_at)
            messages.success(
                request, f"Your draft is saved. Come back to finish it before {closes}."
            )
            return redirect(this_url)
        return redirect(self._after_page_url(request, question_page.number, response.answers))

    def _after_page_url(self, request: HttpRequest, after: int, answers: dict[str, Any]) -> str:
        """Where "Continue" goes: the next page with a question shown; or, for someone who
        came from check-your-answers to change an answer, straight back there, unless the
        change brought up a page whose required questions are still to be answered."""
        pages = question_pages(self.questions)
        if CHANGING_PARAMETER not in request.GET:
            return self._next_page_url(pages, after, answers)
        incomplete = first_incomplete_page(pages, answers)
        if incomplete is None:
            return self.subpage_url("review")
        return f"{self.page_url(incomplete)}?{CHANGING_PARAMETER}=1"

    def _render_page(
        self,
        request: HttpRequest,
        response: ConsultationResponse | None,
        pages: list[QuestionPage],
        this_page: QuestionPage,
        form: QuestionsForm,
        about_form: AboutYouForm | None,
    ) -> HttpResponse:
        answers = response.answers if response else {}
        shown = shown_pages(pages, answers)
        code = self._resume_code_of(request, response)
        context = {
            "page": self,
            "form": form,
            "about_form": about_form,
            "response": response,
            "question_page": this_page,
            "page_position": shown.index(this_page) + 1,
            "page_count": len(shown),
            "is_last_page": this_page.number == len(pages),
            "back_url": self._previous_page_url(pages, this_page.number, answers),
            "retention_months": settings.CONSULTATION_ANONYMISE_AFTER_MONTHS,
            "resume_code": display_resume_code(code) if code else "",
        }
        return render(request, "consultations/respond.html", context)

    def page_url(self, page_number: int) -> str:
        """The address of a page of questions; the first is plain `respond/`."""
        if page_number == 1:
            return self.subpage_url("respond")
        return self.url + self.reverse_subpage("respond_page", kwargs={"page_number": page_number})

    def _next_page_url(self, pages: list[QuestionPage], after: int, answers: dict[str, Any]) -> str:
        """The next page with a question shown, or check-your-answers after the last."""
        later = [page.number for page in shown_pages(pages, answers) if page.number > after]
        return self.page_url(later[0]) if later else self.subpage_url("review")

    def _previous_page_url(
        self, pages: list[QuestionPage], before: int, answers: dict[str, Any]
    ) -> str:
        earlier = [page.number for page in shown_pages(pages, answers) if page.number < before]
        return self.page_url(earlier[-1]) if earlier else self.url

    @route("review/", name="review")
    def review(self, request: HttpRequest) -> HttpResponse:
        """The consultation's audience: check the answers shown on every page, then submit;
        a required answer missing sends them back to its page."""
        if refusal := self._entry_refusal(request):
            return refusal
        response = self.response_of(request)
        if response is None:
            return redirect(self.subpage_url("respond"))
        if response.is_submitted:
            return redirect(self.subpage_url("submitted"))
        pages = question_pages(self.questions)
        receipt_form = ReceiptForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and receipt_form.is_valid():
            if (incomplete := first_incomplete_page(pages, response.answers)) is not None:
                missing = missing_required(self.questions, response.answers)
                messages.error(request, f"Answer the question: {missing[0]}")
                return redirect(self.page_url(incomplete))
            email = request.user.email if request.user.is_authenticated else ""
            response.submit(receipt_email=email or receipt_form.cleaned_data["email"])
            return redirect(self.subpage_url("submitted"))
        context = {
            "page": self,
            "response": response,
            "sections": self._review_sections(pages, response.answers),
            "last_page_url": self.page_url(len(pages)),
            "about_you": response.about_you,
            "receipt_form": None if request.user.is_authenticated else receipt_form,
        }
        return render(request, "consultations/review.html", context)

    def _review_sections(
        self, pages: list[QuestionPage], answers: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Each page with a question shown: its heading, its address and its answers."""
        return [
            {
                "title": page.title,
                "url": self.page_url(page.number),
                "answers": answers_to(page.questions, answers),
            }
            for page in shown_pages(pages, answers)
            if page.questions
        ]

    @route("submitted/", name="submitted")
    def submitted(self, request: HttpRequest) -> HttpResponse:
        """The respondent only: the confirmation and receipt number for their own response."""
        response = self.response_of(request)
        if response is None or not response.is_submitted:
            return redirect(self.url)
        return render(request, "consultations/submitted.html", {"page": self, "response": response})

    def subpage_url(self, name: str) -> str:
        return self.url + self.reverse_subpage(name)

    @property
    def respond_url(self) -> str:
        return self.subpage_url("respond")

    def get_sitemap_urls(self, request: HttpRequest | None = None) -> list[dict[str, Any]]:
        return [] if self.is_panel_only else super().get_sitemap_urls(request)


def new_reference() -> str:
    """A short receipt number people can quote; random so it reveals nothing."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


class ConsultationResponse(models.Model):
    """One person's answers to one consultation, as a draft until they submit it.

    Who responded is never stored, only a one-way token of the account or of the anonymous
    respondent's resume code (respondents.py), so answers are anonymous from submission; the
    token too is removed by `anonymise_old_responses` a set number of months after the
    consultation closes, leaving the answers, which are what the consultation is for.
    """

    consultation = models.ForeignKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="responses"
    )
    # Who responded, as a one-way token (respondents.py); blank once anonymised.
    respondent_token = models.CharField(max_length=64, blank=True, default="")
    reference = models.CharField(max_length=12, unique=True, default=new_reference)
    answers = models.JSONField(default=dict, blank=True)
    about_you = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["submitted_at", "pk"]
        constraints: ClassVar[list] = [
            models.UniqueConstraint(
                fields=["consultation", "respondent_token"],
                condition=~models.Q(respondent_token=""),
                name="one_response_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"Response {self.reference} to {self.consultation.title}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    def submit(self, receipt_email: str = "") -> bool:
        """Mark the response submitted and send the receipt, once only: a second press of
        the button, or a second request that read the draft first, changes nothing."""
        now = timezone.now()
        still_draft = ConsultationResponse.objects.filter(pk=self.pk, submitted_at__isnull=True)
        if not still_draft.update(submitted_at=now, updated_at=now):
            return False
        self.submitted_at = now
        if receipt_email:
            page = self.consultation
            context = {
                "page": page,
                "response": self,
                "answers": display_answers(page.questions, self.answers),
            }
            mail.send_templated("consultations/email/receipt", [receipt_email], context)
        return True


class ResponseTheme(models.Model):
    """A theme staff found in a consultation's free-text answers ("Street lighting"), one of
    the consultation's own tag set; staff tag answers with it (`AnswerTag`) to count them."""

    NAME_MAX_LENGTH = 80

    consultation = models.ForeignKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="themes"
    )
    name = models.CharField(max_length=NAME_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["name", "pk"]
        constraints: ClassVar[list] = [
            models.UniqueConstraint(
                "consultation", Lower("name"), name="one_theme_name_per_consultation"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AnswerTag(models.Model):
    """One free-text answer (a response's answer to one question) tagged with one theme.

    A tag is staff's reading of an answer, not something about the person who gave it: it
    stays when the response is anonymised and goes with the response if that is deleted.
    """

    response = models.ForeignKey(
        ConsultationResponse, on_delete=models.CASCADE, related_name="tags"
    )
    # The question's StreamField block id, which is where its answer is stored.
    question_id = models.CharField(max_length=64)
    theme = models.ForeignKey(ResponseTheme, on_delete=models.CASCADE, related_name="tags")
    tagged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["theme__name", "pk"]
        constraints: ClassVar[list] = [
            models.UniqueConstraint(
                fields=["response", "question_id", "theme"], name="one_tag_per_answer_and_theme"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.theme} on {self.response.reference} ({self.question_id})"


class PanelApplication(StaffDecision):
    """A request to join the Citizen's Advisory Panel, and staff's decision on it (who, when,
    why: `StaffDecision`; the applicant is told from consultations/email/panel_decision).

    Declined applications, and those of members who left, are deleted
    CONSULTATION_ANONYMISE_AFTER_MONTHS after the decision or the leaving (see retention.py).
    """

    decision_email = "consultations/email/panel_decision"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        APPROVED = "approved", "Member"
        DECLINED = "declined", "Not approved"
        LEFT = "left", "Left the panel"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="panel_applications"
    )
    reason = models.TextField(max_length=2000)
    area = models.CharField(max_length=40, choices=[(d, d) for d in DISTRICTS])
    about_you = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    left_at = models.DateTimeField("left the panel at", null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at"]

    def __str__(self) -> str:
        return f"Panel application {self.pk} ({self.get_status_display()})"

    @property
    def status_since(self) -> datetime | None:
        """When the application reached its status: the decision, or leaving the panel."""
        return self.left_at or self.decided_at

    def requester(self) -> User:
        return self.user

    def decision_context(self) -> dict[str, Any]:
        return {"approved": self.status == self.Status.APPROVED}


# The stubs' plugin cannot build MeetingAction's manager through its (untyped) cluster base.
class PanelMeeting(models.Model):  # type: ignore[django-manager-missing]
    """A meeting of the panel. Members see papers; everyone sees minutes once approved."""

    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    location = models.CharField(max_length=250, blank=True, help_text="Leave blank if online.")
    online_link = models.URLField(blank=True)
    agenda = RichTextField(features=OUTCOME_FEATURES)
    # Papers are documents in the private "Panel papers" collection only (consultations/papers.py).
    papers = StreamField([("paper", PanelPaperChooserBlock())], blank=True, use_json_field=True)
    minutes = RichTextField(blank=True, features=OUTCOME_FEATURES)
    actions = RichTextField(blank=True, features=OUTCOME_FEATURES)
    minutes_approved = models.BooleanField(
        default=False, help_text="Approved minutes and actions are published to everyone."
    )
    ends_at = models.DateTimeField(
        null=True, blank=True, help_text="Leave blank for two hours after the start."
    )
    places = models.PositiveIntegerField(
        "Places",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="How many members may sign up. Leave blank for no limit.",
    )
    papers_published = models.BooleanField(
        "Publish the papers",
        default=False,
        help_text="Until then only panel members and VRU staff can open the papers.",
    )

    panels: ClassVar[list[Panel]] = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldRowPanel([FieldPanel("location"), FieldPanel("places")]),
        FieldPanel("online_link"),
        FieldPanel("agenda"),
        FieldPanel("papers"),
        FieldPanel("papers_published"),
        FieldPanel("minutes"),
        FieldPanel("actions"),
        FieldPanel("minutes_approved"),
    ]

    class Meta:
        ordering: ClassVar[list[str]] = ["-starts_at"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The end must be after the start."})

    @property
    def is_upcoming(self) -> bool:
        return self.starts_at >= timezone.now()

    @property
    def finishes_at(self) -> datetime:
        """The end staff gave, or two hours after the start (for calendars)."""
        return self.ends_at or self.starts_at + DEFAULT_MEETING_LENGTH

    def signed_up(self) -> models.QuerySet[MeetingSignUp]:
        """The sign-ups still standing (not cancelled), first come first."""
        return self.sign_ups.filter(cancelled_at__isnull=True).order_by("signed_up_at")

    def places_left(self) -> int | None:
        """None when there is no limit."""
        if self.places is None:
            return None
        return max(self.places - self.signed_up().count(), 0)

    def sign_up_of(self, user: User | AnonymousUser) -> MeetingSignUp | None:
        """The person's standing sign-up, or None."""
        if not user.is_authenticated:
            return None
        return self.signed_up().filter(user_id=user.pk).first()

    def shows_papers_to(self, user: User | AnonymousUser) -> bool:
        """Papers are for members and the staff who run the panel until staff publish them."""
        return self.papers_published or sees_panel_business(user)


class MeetingSignUp(models.Model):
    """A panel member's place at a meeting, and (after it) whether they came.

    Cancelling keeps the row with `cancelled_at` set, so the place is free again and no
    reminder goes; signing up again clears it. Deleted with the account, and
    CONSULTATION_ANONYMISE_AFTER_MONTHS after the meeting (see retention.py).
    """

    class Attendance(models.TextChoices):
        NOT_RECORDED = "", "Not recorded"
        ATTENDED = "attended", "Attended"
        APOLOGIES = "apologies", "Sent apologies"
        ABSENT = "absent", "Did not attend"

    meeting = models.ForeignKey(PanelMeeting, on_delete=models.CASCADE, related_name="sign_ups")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_sign_ups"
    )
    signed_up_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attendance = models.CharField(
        max_length=10, choices=Attendance.choices, blank=True, default=Attendance.NOT_RECORDED
    )

    class Meta:
        ordering: ClassVar[list[str]] = ["signed_up_at", "pk"]
        constraints: ClassVar[list] = [
            models.UniqueConstraint(fields=["meeting", "user"], name="one_sign_up_per_member"),
        ]

    def __str__(self) -> str:
        return f"Sign-up {self.pk} to {self.meeting}"


class MeetingAction(ClusterableModel):
    """Something a meeting agreed should be done: who owns it, by when, and how it is going.
    Shown to panel members on the meeting page and the panel's page; edited by VRU staff."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    meeting = models.ForeignKey(
        PanelMeeting, on_delete=models.CASCADE, related_name="tracked_actions"
    )
    description = models.TextField(max_length=1000)
    owner = models.CharField(
        max_length=200, help_text="Who will do it: a role or an organisation, e.g. VRU data team."
    )
    due_on = models.DateField("Due date", null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)

    panels: ClassVar[list[Panel]] = [
        FieldPanel("meeting"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("owner"), FieldPanel("due_on"), FieldPanel("status")]),
        InlinePanel("updates", heading="Updates", label="Update"),
    ]

    class Meta:
        ordering: ClassVar[list[str]] = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.DROPPED)

    @property
    def is_overdue(self) -> bool:
        """Past its due date and neither done nor dropped."""
        return bool(self.due_on and not self.is_finished and self.due_on < timezone.localdate())


class ActionUpdate(models.Model):
    """A note on how an action is going: when, what, and who gave it (a role or organisation)."""

    action = ParentalKey(MeetingAction, on_delete=models.CASCADE, related_name="updates")
    written_on = models.DateField("Date", default=timezone.localdate)
    note = models.TextField(max_length=2000)
    by = models.CharField(
        "By", max_length=200, help_text="Who gave the update: a role or an organisation."
    )

    panels: ClassVar[list[Panel]] = [
        FieldRowPanel([FieldPanel("written_on"), FieldPanel("by")]),
        FieldPanel("note"),
    ]

    class Meta:
        ordering: ClassVar[list[str]] = ["-written_on", "-pk"]

    def __str__(self) -> str:
        return f"Update of {self.written_on:%d %B %Y}"


def new_link_key() -> str:
    """A random key that ties signed links to one subscription, so a link made for an
    address that unsubscribed never works for a later subscription."""
    return secrets.token_urlsafe(16)


class AlertSubscription(models.Model):
    """Someone who asked to be e-mailed when a consultation opens in their areas (alerts.py).

    Only the e-mail address is kept: no name, no account. Nothing but the confirmation link is
    sent until they follow it (double opt-in); unconfirmed subscriptions are deleted after
    ALERT_CONFIRM_DAYS and unsubscribing deletes the row (retention.py). The address is never
    logged or shown in the admin; `__str__` leaves it out.
    """

    email = models.EmailField(unique=True)
    # Chosen in the confirmed link, so nobody can change another person's areas.
    areas = AreaListField(blank=True, default=list)
    link_key = models.CharField(max_length=32, default=new_link_key, editable=False)
    # When the latest confirmation link was asked for: the week it works starts then.
    requested_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        state = "confirmed" if self.confirmed_at else "unconfirmed"
        return f"Alert subscription {self.pk} ({state})"
