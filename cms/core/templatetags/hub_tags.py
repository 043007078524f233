"""Template helpers that put Django form widgets into GOV.UK Frontend markup."""

from django import template
from django.core.paginator import Page
from django.forms import BoundField

register = template.Library()

WIDGET_CLASSES = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "quickselect": "govuk-select",
    "selectmultiple": "govuk-select",
    "radioselect": "govuk-radios__input",
    "checkboxselectmultiple": "govuk-checkboxes__input",
    "quickcheckboxes": "govuk-checkboxes__input",
    "checkbox": "govuk-checkboxes__input",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}


GROUPED_WIDGETS = ("radioselect", "checkboxselectmultiple", "quickcheckboxes")


@register.filter
def govuk_prepare(field: BoundField) -> BoundField:
    """Give a field's widget GOV.UK classes and tie its hint and errors to it for screen readers.

    The hint is `<id>-hint` and the error `<id>-error` (form_field.html draws them). A single
    control is described by both; a group of radios or checkboxes is described through its
    fieldset (see `described_by`), so each option is not read out with the whole hint.
    """
    widget = field.field.widget
    css = WIDGET_CLASSES.get(field.widget_type, "govuk-input")
    if field.errors and css in ("govuk-input", "govuk-textarea", "govuk-select"):
        css += f" {css}--error"
    widget.attrs["class"] = css
    # A placeholder repeating the label vanishes as you type and fails contrast: never used.
    widget.attrs.pop("placeholder", None)
    if getattr(widget, "input_type", "") == "email":
        # Browsers fill a person's own address (WCAG 1.3.5); forms asking for someone
        # else's address say so with their own token, e.g. "work email".
        widget.attrs.setdefault("autocomplete", "email")
    if field.widget_type not in GROUPED_WIDGETS and (ids := described_by(field)):
        widget.attrs["aria-describedby"] = ids
    return field


@register.filter
def described_by(field: BoundField) -> str:
    """The ids of the field's hint and error message, as `aria-describedby` lists them."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.simple_tag
def results_title(query: str, page: Page | str | None) -> str:
    """The title of a page of search results, the same on every search the site has:
    Search results for (quoted) youth club (page 2 of 5)."""
    title = f"Search results for \u2018{query}\u2019" if query else "Search results"
    # A page that failed validation has no page of results (the template gives "").
    return title + (page_of(page) if isinstance(page, Page) else "")


@register.filter
def page_of(page: Page) -> str:
    """A page title's " (page 2 of 5)" when a list has more than one page, else nothing,
    so a screen-reader user hears at once where they are."""
    if not page.has_other_pages():
        return ""
    return f" (page {page.number} of {page.paginator.num_pages})"
