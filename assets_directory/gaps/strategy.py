"""The public Response Strategy tracker: every action, how far it has got, and what it
answers (gaps) and grew from (consultations, with what came of them)."""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from cms.core import page_cache
from cms.core.models import PAGES
from consultations.models import ConsultationPage

from .coverage import GAPS
from .forms import StrategyFilterForm
from .gap_evidence import consultations_seen_by, seconds_until_outcomes_change
from .models import Gap, StrategyAction


def _reference_order(action: StrategyAction) -> tuple[int, ...]:
    """T2-10 after T2-9: references in the strategy's own table order, not as text."""
    return tuple(int(number) for number in re.findall(r"\d+", action.reference))


def strategy_index(request: HttpRequest) -> HttpResponse:
    """Public: the strategy's actions grouped by strategic priority, each with its status,
    filtered by status and priority. Bad filter values give the page with errors and a 400."""
    form = StrategyFilterForm(request.GET)
    valid = form.is_valid()
    actions = form.filter(StrategyAction.objects.all()) if valid else StrategyAction.objects.none()
    actions_list = sorted(actions, key=_reference_order)
    groups = [
        (label, [action for action in actions_list if action.priority == value])
        for value, label in StrategyAction.Priority.choices
    ]
    context = {
        "form": form,
        "groups": [(label, members) for label, members in groups if members],
        "count": len(actions_list),
        "statuses": StrategyAction.Status.choices,
    }
    response = render(request, "gaps/strategy_index.html", context, status=200 if valid else 400)
    return page_cache.mark_public(response, GAPS)


def strategy_action(request: HttpRequest, reference: str) -> HttpResponse:
    """Public: one action with its lead, status, published updates (newest first), the gaps
    it answers, and the consultations behind it with their outcomes. Panel-only
    consultations are shown only to those who may see them."""
    action = get_object_or_404(StrategyAction, reference=reference)
    linked = ConsultationPage.objects.filter(strategy_actions=action)
    context = {
        "action": action,
        "updates": action.published_updates(),
        "gaps": Gap.objects.public().filter(action=action).prefetch_related("areas"),
        "consultations": consultations_seen_by(request.user, linked),
    }
    response = render(request, "gaps/strategy_action.html", context)
    timeout = seconds_until_outcomes_change(linked)
    return page_cache.mark_public(response, GAPS, PAGES, timeout=timeout)
