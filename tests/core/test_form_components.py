"""The shared GOV.UK form components link every error to a field a person can reach."""

import re

from django import forms
from django.template.loader import render_to_string

from cms.core.widgets import QuickCheckboxes, QuickNumberInput, QuickSelect, QuickTextInput


class ChoiceForm(forms.Form):
    colour = forms.ChoiceField(choices=[("r", "Red"), ("b", "Blue")], widget=forms.RadioSelect)
    name = forms.CharField()


def test_error_summary_links_to_the_first_radio_and_to_text_inputs():
    form = ChoiceForm(data={})
    assert not form.is_valid()
    html = render_to_string("components/form_errors.html", {"form": form})
    assert 'href="#id_colour_0"' in html
    assert 'href="#id_name"' in html


def test_form_field_marks_errors_and_ties_hints_to_inputs():
    class HintForm(forms.Form):
        postcode = forms.CharField(help_text="For example, NG1 5FS")

    form = HintForm(data={})
    form.is_valid()
    html = render_to_string("components/form_field.html", {"field": form["postcode"]})
    assert "govuk-form-group--error" in html
    assert 'aria-describedby="id_postcode-hint id_postcode-error"' in html
    assert 'id="id_postcode-error" class="govuk-error-message"' in html
    assert 'id="id_postcode-hint"' in html
    assert 'class="govuk-input govuk-input--error"' in html


def test_fieldsets_and_single_checkboxes_are_described_by_their_hint_and_error():
    class ConsentForm(forms.Form):
        colour = forms.ChoiceField(
            choices=[("r", "Red")], widget=forms.RadioSelect, help_text="Pick one"
        )
        safe = forms.BooleanField(help_text="If they are in danger now, call 999.")

    form = ConsentForm(data={})
    form.is_valid()
    radios = render_to_string("components/form_field.html", {"field": form["colour"]})
    assert 'aria-describedby="id_colour-hint id_colour-error"' in radios
    assert 'id="id_colour-error"' in radios
    checkbox = render_to_string("components/form_field.html", {"field": form["safe"]})
    assert 'aria-describedby="id_safe-hint id_safe-error"' in checkbox
    assert 'id="id_safe-hint"' in checkbox and "call 999" in checkbox


def test_quick_select_draws_what_djangos_select_draws_escaped_and_chosen():
    choices = [("", "Any"), ("a&b", "Fish & <chips>"), ("2", "Two (3)")]

    class PickForm(forms.Form):
        quick = forms.ChoiceField(choices=choices, required=False, widget=QuickSelect)
        plain = forms.ChoiceField(choices=choices, required=False)

    for chosen in ("", "a&b", "2"):
        form = PickForm(data={"quick": chosen, "plain": chosen})
        assert form.is_valid()
        quick = render_to_string("components/form_field.html", {"field": form["quick"]})
        plain = render_to_string("components/form_field.html", {"field": form["plain"]})
        assert _options(quick) == _options(plain)
        assert 'class="govuk-select"' in quick
        assert 'name="quick"' in quick and 'id="id_quick"' in quick
    assert "Fish &amp; &lt;chips&gt;" in quick
    assert '<option value="2" selected>' in quick


def test_quick_checkboxes_are_govuk_checkboxes_in_a_fieldset_escaped_and_ticked():
    choices = [("a&b", "Fish & <chips> (2)"), ("c", "Chips (0)")]

    class FilterForm(forms.Form):
        kind = forms.MultipleChoiceField(
            label="Kind", choices=choices, required=False, widget=QuickCheckboxes
        )

    form = FilterForm(data={"kind": ["a&b"]})
    assert form.is_valid()
    html = render_to_string("components/form_field.html", {"field": form["kind"]})
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Kind</legend>' in html
    assert re.findall(r'<input class="govuk-checkboxes__input" id="(\w+)" name="kind"', html) == [
        "id_kind_0",
        "id_kind_1",
    ]
    assert 'value="a&amp;b" checked><label class="govuk-label govuk-checkboxes__label" ' in html
    assert 'for="id_kind_0">Fish &amp; &lt;chips&gt; (2)</label>' in html
    assert 'value="c"><label' in html  # not ticked


def test_quick_inputs_draw_what_djangos_inputs_draw():
    hint = "For example, NG1 5FS"

    class BoxForm(forms.Form):
        quick = forms.CharField(label="Box", required=False, help_text=hint, widget=QuickTextInput)
        plain = forms.CharField(label="Box", required=False, help_text=hint)
        quick_age = forms.IntegerField(label="Age", min_value=0, widget=QuickNumberInput)
        plain_age = forms.IntegerField(label="Age", min_value=0)

    typed = {"quick": 'a "b" & <c>', "plain": 'a "b" & <c>', "quick_age": "-1", "plain_age": "-1"}
    for data in ({}, typed):
        form = BoxForm(data=data)
        form.is_valid()
        for quick, plain in (("quick_age", "plain_age"), ("quick", "plain")):
            drawn = render_to_string("components/form_field.html", {"field": form[quick]})
            django = render_to_string("components/form_field.html", {"field": form[plain]})
            assert drawn.replace(quick, "X") == django.replace(plain, "X")
    assert 'value="a &quot;b&quot; &amp; &lt;c&gt;"' in drawn
    assert 'type="text" name="quick"' in drawn


def _options(html: str) -> list[str]:
    return re.findall(r"<option[^>]*>[^<]*</option>", html)
