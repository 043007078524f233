"""Wagtail's content checks (the "Checks" panel in the editor and the userbar's checker) set
to WCAG 2.2 AA and to the easy-read rules, so an editor sees one list of findings.

Wagtail runs axe-core in the page preview. axe brings the WCAG rules; the easy-read rules are
the checker's (`checker.py`): a preview of an easy-read page marks each text with the rules it
breaks (`data-easy-read-check="hard_word passive_voice"`), and one axe rule per easy-read rule
reports the marked texts, so the Checks panel counts, lists and points at them beside the
WCAG findings. The public page never carries the marks.
"""

from typing import Any, ClassVar

from django.http import HttpRequest
from wagtail.admin.userbar import ContentCheckerItem

from . import checker

WCAG_22_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
EASY_READ_TAG = "easy-read"
FINDING_CHECK = "easy-read-finding"


def easy_read_rule_id(rule: str) -> str:
    return f"easy-read-{rule.replace('_', '-')}"


def _easy_read_rule(rule: str) -> dict[str, Any]:
    name, help_text = checker.RULE_GUIDANCE[rule]
    return {
        "id": easy_read_rule_id(rule),
        "impact": "serious" if rule in checker.BLOCKING_RULES else "moderate",
        "selector": f'[data-easy-read-check~="{rule}"]',
        "tags": [EASY_READ_TAG],
        "none": [FINDING_CHECK],
        "metadata": {"description": help_text, "help": name},
        "enabled": True,
    }


class HubContentChecker(ContentCheckerItem):
    """WCAG 2.2 AA (every rule axe tags with it), Wagtail's own content rules, and the
    easy-read rules."""

    axe_run_only: ClassVar[list[str]] = [*WCAG_22_AA_TAGS, EASY_READ_TAG]
    # Wagtail's default rules that are not tagged WCAG (heading order, empty headings, alt
    # text that is a file name, an empty meta description) stay on.
    axe_rules: ClassVar[dict[str, dict[str, bool]]] = {
        rule: {"enabled": True} for rule in ContentCheckerItem.axe_run_only
    }
    axe_custom_rules: ClassVar[list[dict[str, Any]]] = [
        *ContentCheckerItem.axe_custom_rules,
        *(_easy_read_rule(rule) for rule in checker.RULE_GUIDANCE),
    ]
    # A marked text always has words, so "has text" in the rule's `none` list makes each marked
    # text a finding. axe's own evaluate function, named: no code is sent as text.
    axe_custom_checks: ClassVar[list[dict[str, Any]]] = [
        *ContentCheckerItem.axe_custom_checks,
        {"id": FINDING_CHECK, "evaluate": "has-text-content-evaluate"},
    ]
    axe_messages: ClassVar[dict[str, Any]] = {
        **ContentCheckerItem.axe_messages,
        **{
            easy_read_rule_id(rule): {"error_name": name, "help_text": help_text}
            for rule, (name, help_text) in checker.RULE_GUIDANCE.items()
        },
    }


def use_hub_content_checker(request: HttpRequest, items: list, page: Any) -> None:
    """Swap Wagtail's checker for ours wherever Wagtail builds one (userbar, editor panel)."""
    for index, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, HubContentChecker):
            items[index] = HubContentChecker(in_editor=item.in_editor)
