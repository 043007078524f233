"""The shared GOV.UK form components link every error to a field a person can reach."""

from django import forms
from django.template.loader import render_to_string


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
    assert 'aria-describedby="id_postcode-hint"' in html
    assert 'class="govuk-input govuk-input--error"' in html
