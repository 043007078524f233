"""Template tags other apps' templates use to link to the gaps app."""

from django import template
from django.template import Context

from ..portal import proposal_link

register = template.Library()


@register.simple_tag(takes_context=True)
def gap_proposal_link(context: Context) -> str:
    """The "propose a gap" URL when the signed-in person may propose one, else ""."""
    request = context.get("request")
    return (proposal_link(request.user) or "") if request else ""
