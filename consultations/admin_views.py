"""Staff admin views: consultation results with exports, reading responses one by one with
their themes, and panel applications.

Results, and reading responses, need the `consultations.view_consultationresponse`
permission (VRU staff); tagging answers needs `consultations.add_answertag`, making themes
`consultations.add_responsetheme` and deleting them `consultations.delete_responsetheme`
(VRU staff, migration 0007); panel decisions need `consultations.change_panelapplication`
(VRU staff).
"""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from cms.core.exports import csv_response, xlsx_response
from cms.core.permissions import check_permission, has_permission, permission_required
from cms.core.suppression import MIN_GROUP_SIZE
from cms.core.typing import AuthenticatedRequest

from . import analysis, panel, results
from .answers import display_answers
from .forms import ABOUT_YOU_LABELS
from .models import ConsultationPage, ConsultationResponse, PanelApplication

VIEW_RESULTS = "consultations.view_consultationresponse"
TAG_ANSWERS = "consultations.add_answertag"
ADD_THEMES = "consultations.add_responsetheme"
DELETE_THEMES = "consultations.delete_responsetheme"
DECIDE_APPLICATIONS = "consultations.change_panelapplication"
RESPONSES_PER_PAGE = 50


@permission_required(VIEW_RESULTS)
def consultation_list(request: HttpRequest) -> HttpResponse:
    """VRU staff: every consultation with its live count of submitted responses."""
    pages = ConsultationPage.objects.order_by("-closes_at")
    rows = [(page, results.submitted_responses(page).count()) for page in pages]
    return TemplateResponse(request, "consultations/admin/consultation_list.html", {"rows": rows})


@permission_required(VIEW_RESULTS)
def consultation_results(request: HttpRequest, page_id: int) -> HttpResponse:
    """VRU staff: live counts, per-question charts and tables, searchable free text, and
    breakdowns by area or "about you" answers with small groups suppressed."""
    page = get_object_or_404(ConsultationPage, pk=page_id)
    search = request.GET.get("q", "")[:200]
    dimensions = results.breakdown_dimensions(page)
    dimension = request.GET.get("by", dimensions[0][0] if dimensions else "")
    questions = results.question_results(page, search)
    counts = {question.question_id: question for question in analysis.theme_counts(page)}
    return TemplateResponse(
        request,
        "consultations/admin/results.html",
        {
            "page": page,
            "total": results.submitted_responses(page).count(),
            "drafts": page.responses.filter(submitted_at__isnull=True).count(),
            "question_rows": [
                (question, counts.get(question.question_id)) for question in questions
            ],
            "has_free_text": any(question.is_text for question in questions),
            "has_ranking": any(question.ranking for question in questions),
            "search": search,
            "dimensions": dimensions,
            "dimension": dimension,
            "breakdowns": results.breakdowns(page, dimension),
            "min_group_size": MIN_GROUP_SIZE,
        },
    )


@permission_required(VIEW_RESULTS)
def export_results(request: HttpRequest, page_id: int, file_type: str) -> HttpResponse:
    """VRU staff: every submitted response as CSV or XLSX (no names, emails or "about you")."""
    if file_type not in ("csv", "xlsx"):
        raise Http404("Unknown export type")
    page = get_object_or_404(ConsultationPage, pk=page_id)
    rows = results.export_rows(page)
    filename = f"{slugify(page.title)}-responses.{file_type}"
    if file_type == "csv":
        return csv_response(filename, rows)
    return xlsx_response(filename, rows, sheet_title="Responses")


@permission_required(VIEW_RESULTS)
def export_rankings(request: HttpRequest, page_id: int) -> HttpResponse:
    """VRU staff: each ranking question's options with Borda score and mean rank, as CSV."""
    page = get_object_or_404(ConsultationPage, pk=page_id)
    return csv_response(f"{slugify(page.title)}-rankings.csv", results.ranking_rows(page))


def _chosen_filter(request: HttpRequest, page: ConsultationPage) -> analysis.ResponseFilter:
    """The theme filter in the query string; a bad one is said so and shows every response."""
    try:
        return analysis.parse_filter(
            page, request.GET.get("theme", ""), request.GET.get("question", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return analysis.ResponseFilter()


def _response_url(page: ConsultationPage, reference: str, chosen: analysis.ResponseFilter) -> str:
    url = reverse("consultations_admin:response", args=[page.pk, reference])
    return f"{url}?{chosen.query}" if chosen.query else url


def _submitted_response(page: ConsultationPage, reference: str) -> ConsultationResponse:
    return get_object_or_404(results.submitted_responses(page), reference=reference)


@permission_required(VIEW_RESULTS)
def response_list(request: HttpRequest, page_id: int) -> HttpResponse:
    """VRU staff: the submitted responses by reference and date, with their themes,
    filtered by theme (and question) if asked, each linking to the whole response."""
    page = get_object_or_404(ConsultationPage, pk=page_id)
    chosen = _chosen_filter(request, page)
    listing = Paginator(analysis.filtered_responses(page, chosen), RESPONSES_PER_PAGE)
    shown = listing.get_page(request.GET.get("p"))
    themes_of: dict[int, set[str]] = defaultdict(set)
    for (response_pk, _), names in results.tag_names(page).items():
        themes_of[response_pk].update(names)
    rows = [
        (
            response,
            _response_url(page, response.reference, chosen),
            sorted(themes_of[response.pk], key=str.casefold),
        )
        for response in shown
    ]
    return TemplateResponse(
        request,
        "consultations/admin/responses.html",
        {
            "page": page,
            "chosen": chosen,
            "described": chosen.describe(page),
            "rows": rows,
            "shown": shown,
            "total": listing.count,
            "themes": page.themes.all(),
            "questions": analysis.free_text_questions(page),
        },
    )


@permission_required(VIEW_RESULTS)
def response_detail(request: HttpRequest, page_id: int, reference: str) -> HttpResponse:
    """VRU staff: one submitted response, every answer and the "about you" answers as given
    (never who gave it: responses hold no identity), with the previous and next responses
    (in the theme filter, if any) and, for those who tag, a themes form on each free-text
    answer."""
    page = get_object_or_404(ConsultationPage, pk=page_id)
    response = _submitted_response(page, reference)
    chosen = _chosen_filter(request, page)
    position = analysis.position_of(page, response, chosen)
    tagged = analysis.themes_by_question(response)
    answers = [
        (answer, tagged.get(answer.question_id, []))
        for answer in display_answers(page.questions, response.answers)
    ]
    about_you = [
        (label, response.about_you[name])
        for name, label in ABOUT_YOU_LABELS.items()
        if name in response.about_you
    ]
    return TemplateResponse(
        request,
        "consultations/admin/response.html",
        {
            "page": page,
            "response": response,
            "chosen": chosen,
            "described": chosen.describe(page),
            "position": position,
            "previous_url": position.previous and _response_url(page, position.previous, chosen),
            "next_url": position.next and _response_url(page, position.next, chosen),
            "answers": answers,
            "about_you": about_you,
            "themes": list(page.themes.all()),
            "can_tag": has_permission(request.user, TAG_ANSWERS),
            "can_add_themes": has_permission(request.user, ADD_THEMES),
            "max_length": analysis.THEME_NAME_MAX_LENGTH,
        },
    )


@require_POST
@permission_required(TAG_ANSWERS)
def tag_answer(request: HttpRequest, page_id: int, reference: str) -> HttpResponse:
    """VRU staff: set the themes of one free-text answer (those ticked, and a new one if
    typed), then back to the same response and answer."""
    page = get_object_or_404(ConsultationPage, pk=page_id)
    response = _submitted_response(page, reference)
    chosen = _chosen_filter(request, page)
    question_id = request.POST.get("answer_to", "")
    new_theme = request.POST.get("new_theme", "")
    back = _response_url(page, reference, chosen)
    if new_theme.strip():
        check_permission(request, ADD_THEMES)
    try:
        themes = analysis.set_answer_themes(
            response, question_id, request.POST.getlist("themes"), new_theme
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    question = analysis.free_text_questions(page)[question_id]
    names = ", ".join(theme.name for theme in themes) or "no themes"
    messages.success(request, f"The answer to “{question}” now has {names}.")
    return redirect(f"{back}#answer-{question_id}")


@permission_required(VIEW_RESULTS)
def themes(request: HttpRequest, page_id: int) -> HttpResponse:
    """VRU staff: the consultation's themes with how many answers carry each; those who may,
    add a theme here (POST)."""
    page = get_object_or_404(ConsultationPage, pk=page_id)
    error, name = "", ""
    if request.method == "POST":
        check_permission(request, ADD_THEMES)
        name = request.POST.get("name", "")
        try:
            theme = analysis.create_theme(page, name)
        except ValidationError as invalid:
            error = " ".join(invalid.messages)
        else:
            messages.success(request, f"Theme “{theme.name}” added.")
            return redirect("consultations_admin:themes", page.pk)
    return TemplateResponse(
        request,
        "consultations/admin/themes.html",
        {
            "page": page,
            "themes": analysis.themes_with_use(page),
            "error": error,
            "name": name,
            "max_length": analysis.THEME_NAME_MAX_LENGTH,
            "can_add": has_permission(request.user, ADD_THEMES),
            "can_delete": has_permission(request.user, DELETE_THEMES),
        },
        status=400 if error else 200,
    )


@permission_required(DELETE_THEMES)
def delete_theme(request: HttpRequest, page_id: int, theme_id: int) -> HttpResponse:
    """VRU staff: delete a theme after confirming; its tags go, the answers stay."""
    page = get_object_or_404(ConsultationPage, pk=page_id)
    theme = get_object_or_404(analysis.themes_with_use(page), pk=theme_id)
    if request.method == "POST":
        theme.delete()
        messages.success(request, f"Theme “{theme.name}” deleted.")
        return redirect("consultations_admin:themes", page.pk)
    return TemplateResponse(
        request, "consultations/admin/delete_theme.html", {"page": page, "theme": theme}
    )


@permission_required(DECIDE_APPLICATIONS)
def application_list(request: HttpRequest) -> HttpResponse:
    """VRU staff: applications to join the panel, those waiting for a decision first."""
    applications = PanelApplication.objects.select_related("user")
    return TemplateResponse(
        request,
        "consultations/admin/applications.html",
        {
            "waiting": applications.filter(status=PanelApplication.Status.PENDING),
            "decided": applications.exclude(status=PanelApplication.Status.PENDING)[:50],
        },
    )


@require_POST
@permission_required(DECIDE_APPLICATIONS)
def decide_application(request: AuthenticatedRequest, application_id: int) -> HttpResponse:
    """VRU staff: approve (gives the Panel member role) or decline a waiting application."""
    application = get_object_or_404(
        PanelApplication, pk=application_id, status=PanelApplication.Status.PENDING
    )
    approve = request.POST.get("decision") == "approve"
    reason = request.POST.get("reason", "")
    try:
        panel.decide(application, approve=approve, by=request.user, reason=reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("consultations_admin:applications")
    name = application.user.get_full_name() or application.user.email
    messages.success(request, f"{name} was {'approved' if approve else 'declined'}.")
    return redirect("consultations_admin:applications")
