"""Form widgets shared by the apps."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

SELECTED = mark_safe(" selected")
CHECKED = mark_safe(" checked")


class _DrawnInPython(forms.widgets.ChoiceWidget):
    """A choice widget drawn in Python rather than through a template per option.

    Why: the directory's search page redraws lists of dozens of options, each with its
    count, on every search, and Django's template-per-option rendering was a tenth of the
    page's time (bench/directory_search.py). Flat choices only: no option groups.
    """

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        chosen = {str(v) for v in self.format_value(value)}
        return self.draw(name, chosen, self.build_attrs(self.attrs, attrs))

    def draw(self, name: str, chosen: set[str], attrs: dict[str, Any]) -> SafeString:
        raise NotImplementedError


class QuickSelect(_DrawnInPython, forms.Select):
    """A single-choice select."""

    def draw(self, name: str, chosen: set[str], attrs: dict[str, Any]) -> SafeString:
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((v, SELECTED if str(v) in chosen else "", label) for v, label in self.choices),
        )
        return format_html("<select{}>{}</select>", flatatt({"name": name, **attrs}), options)


class QuickCheckboxes(_DrawnInPython, forms.CheckboxSelectMultiple):
    """GOV.UK small checkboxes. The fieldset, legend, hint and error around them come from
    components/form_field.html."""

    def draw(self, name: str, chosen: set[str], attrs: dict[str, Any]) -> SafeString:
        base_id = attrs.get("id") or f"id_{name}"
        items = format_html_join(
            "",
            '<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" '
            'id="{}_{}" name="{}" type="checkbox" value="{}"{}>'
            '<label class="govuk-label govuk-checkboxes__label" for="{}_{}">{}</label></div>',
            (
                (base_id, i, name, v, CHECKED if str(v) in chosen else "", base_id, i, label)
                for i, (v, label) in enumerate(self.choices)
            ),
        )
        return format_html(
            '<div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">'
            "{}</div>",
            items,
        )
