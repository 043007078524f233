"""Form widgets shared by the apps."""

from __future__ import annotations

import html
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import SafeString, mark_safe


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
        options = "".join(
            f'<option value="{_escape(v)}"{" selected" if str(v) in chosen else ""}>'
            f"{_escape(label)}</option>"
            for v, label in self.choices
        )
        return mark_safe(f"<select{flatatt({'name': name, **attrs})}>{options}</select>")


class QuickCheckboxes(_DrawnInPython, forms.CheckboxSelectMultiple):
    """GOV.UK small checkboxes. The fieldset, legend, hint and error around them come from
    components/form_field.html."""

    def draw(self, name: str, chosen: set[str], attrs: dict[str, Any]) -> SafeString:
        base_id = _escape(attrs.get("id") or f"id_{name}")
        items = "".join(
            '<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" '
            f'id="{base_id}_{i}" name="{_escape(name)}" type="checkbox" value="{_escape(v)}"'
            f"{' checked' if str(v) in chosen else ''}>"
            f'<label class="govuk-label govuk-checkboxes__label" for="{base_id}_{i}">'
            f"{_escape(label)}</label></div>"
            for i, (v, label) in enumerate(self.choices)
        )
        return mark_safe(
            '<div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">'
            f"{items}</div>"
        )


def _escape(value: Any) -> str:
    """Django's conditional_escape without its lazy-string wrapper, which cost more than
    the escaping itself over a few hundred options a page."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


class _QuickInput(forms.widgets.Input):
    """An <input> drawn in Python, the same markup as Django's input.html and attrs.html
    draw through two templates: the search page's boxes are redrawn on every search."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else f' value="{_escape(widget["value"])}"'
        # Not flatatt: it sorts the attributes, where Django's template keeps their order.
        attributes = "".join(
            f" {key}" if value is True else f' {key}="{_escape(value)}"'
            for key, value in widget["attrs"].items()
            if value is not False
        )
        return mark_safe(
            f'<input type="{widget["type"]}" name="{_escape(widget["name"])}"{shown}{attributes}>'
        )


class QuickTextInput(_QuickInput, forms.TextInput):
    """A text box."""


class QuickNumberInput(_QuickInput, forms.NumberInput):
    """A number box."""
