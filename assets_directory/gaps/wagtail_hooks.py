"""Gaps in the Wagtail admin: staff record gaps, review ambassadors' proposals and keep the
list of Response Strategy actions."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Gap, StrategyAction


class GapViewSet(SnippetViewSet):
    model = Gap
    icon = "warning"
    menu_label = "Gaps"
    list_display = ["title", "status", "source", "category", "created_at"]
    list_filter = ["status", "source", "age_group", "areas"]
    search_fields = ["title", "evidence"]


class StrategyActionViewSet(SnippetViewSet):
    model = StrategyAction
    icon = "tasks"
    menu_label = "Response Strategy actions"
    list_display = ["reference", "title", "priority", "funded"]
    list_filter = ["priority", "funded"]


class GapsGroup(SnippetViewSetGroup):
    menu_label = "Gaps assessment"
    menu_icon = "warning"
    menu_order = 210
    items = (GapViewSet, StrategyActionViewSet)


register_snippet(GapsGroup)
