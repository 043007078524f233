"""Template helpers for consultation pages and lists."""

from django import template

from ..areas import area_names
from ..easy_read import OUTCOME, SUMMARY, easy_read_report
from ..models import ConsultationPage

register = template.Library()

EASY_READ_LABELS = {"summary": SUMMARY, "outcome": OUTCOME}


@register.filter
def consultation_areas(page: ConsultationPage) -> str:
    """ "About Ashfield and Gedling"; "About all areas" for a consultation about everywhere."""
    return f"About {area_names(page.areas)}"


@register.simple_tag
def easy_read_checks(page: ConsultationPage, which: str) -> str:
    """The easy-read rules the summary (`which` is "summary" or "outcome") breaks, as the
    space-separated names the editor's Checks panel looks for (cms/publications/
    content_checks.py). Only previews call this; the public page never carries the marks."""
    rules = easy_read_report(page).rules_for(EASY_READ_LABELS[which])
    return " ".join(sorted(rules))
