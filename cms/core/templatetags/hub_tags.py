"""Template helpers that put Django form widgets into GOV.UK Frontend markup."""

from django import template
from django.forms import BoundField

register = template.Library()

WIDGET_CLASSES = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "quickselect": "govuk-select",
    "selectmultiple": "govuk-select",
    "radioselect": "govuk-radios__input",
    "checkboxselectmultiple": "govuk-checkboxes__input",
    "checkbox": "govuk-checkboxes__input",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}


@register.filter
def govuk_prepare(field: BoundField) -> BoundField:
    """Give a field's widget GOV.UK classes and tie its hint and errors to it for screen readers."""
    widget = field.field.widget
    css = WIDGET_CLASSES.get(field.widget_type, "govuk-input")
    if field.errors and css in ("govuk-input", "govuk-textarea", "govuk-select"):
        css += f" {css}--error"
    widget.attrs["class"] = css
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-hint")
    if described_by and field.widget_type not in ("radioselect", "checkboxselectmultiple"):
        widget.attrs["aria-describedby"] = " ".join(described_by)
    return field
