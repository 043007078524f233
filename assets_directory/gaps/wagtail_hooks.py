"""Gaps in the Wagtail admin: staff record gaps, review ambassadors' proposals and keep the
Response Strategy actions (status, lead, progress updates, consultations) the public
tracker shows."""

from typing import ClassVar

from django.db.models import Model
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cms.core.choosers import HubSnippetViewSet
from cms.core.typing import AuthenticatedRequest

from .models import Gap, StrategyAction


class GapViewSet(HubSnippetViewSet):
    model = Gap
    icon = "warning"
    menu_label = "Gaps"
    list_display: ClassVar[list[str]] = ["title", "status", "source", "category", "created_at"]
    list_filter: ClassVar[list[str]] = ["status", "source", "age_group", "areas"]
    search_fields: ClassVar[list[str]] = ["title", "evidence"]


class StrategyActionViewSet(HubSnippetViewSet):
    model = StrategyAction
    icon = "tasks"
    menu_label = "Response Strategy actions"
    list_display: ClassVar[list[str]] = ["reference", "title", "status", "owner", "priority"]
    list_filter: ClassVar[list[str]] = ["status", "priority", "funded"]
    search_fields: ClassVar[list[str]] = ["reference", "title", "owner"]


class GapsGroup(SnippetViewSetGroup):
    menu_label = "Gaps assessment"
    menu_icon = "warning"
    menu_order = 210
    items = (GapViewSet, StrategyActionViewSet)


register_snippet(GapsGroup)


@hooks.register("after_edit_snippet")
def record_proposal_review(request: AuthenticatedRequest, instance: Model) -> None:
    """Staff decide a proposal by changing its status in the edit form: record the decision
    (who, when, why) and tell the ambassador who proposed it."""
    if isinstance(instance, Gap):
        instance.record_review(by=request.user)
