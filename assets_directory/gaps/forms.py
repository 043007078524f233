"""Forms of the Gaps page: choosing the matrix view, filtering gaps, proposing a gap.

The page's lists are drawn in Python (QuickSelect), not through a template per option:
Django's way took a third of the page's time to draw its seven lists.
"""

from __future__ import annotations

from typing import Any, ClassVar, cast

from django import forms
from django.db.models import QuerySet

from assets_directory.models import Area, Taxonomy
from cms.core.widgets import QuickSelect

from .age_groups import AGE_GROUP_CHOICES
from .models import Gap, StrategyAction

ALL_AGES = [("", "All ages")]


class MatrixForm(forms.Form):
    """Which slice of the matrix to show: an age group, and optionally one area's wards."""

    age = forms.ChoiceField(
        label="Age group served",
        choices=ALL_AGES + AGE_GROUP_CHOICES,
        required=False,
        widget=QuickSelect,
    )
    area = forms.ModelChoiceField(
        label="Show the wards of",
        queryset=Area.objects.all(),
        required=False,
        empty_label="All areas (no ward detail)",
        to_field_name="slug",
        widget=QuickSelect,
    )


class GapFilterForm(forms.Form):
    """Filters for the list of recorded gaps. Staff may also filter by review statuses."""

    gap_area = forms.ModelChoiceField(
        label="Area",
        queryset=Area.objects.all(),
        required=False,
        empty_label="Any area",
        to_field_name="slug",
        widget=QuickSelect,
    )
    gap_category = forms.ModelChoiceField(
        label="Category",
        queryset=Taxonomy.objects.filter(parent__isnull=True),
        required=False,
        empty_label="Any category",
        to_field_name="slug",
        widget=QuickSelect,
    )
    gap_age = forms.ChoiceField(
        label="Age group",
        required=False,
        choices=[("", "Any age group"), *AGE_GROUP_CHOICES],
        widget=QuickSelect,
    )
    gap_source = forms.ChoiceField(
        label="Source",
        required=False,
        choices=[("", "Any source"), *Gap.Source.choices],
        widget=QuickSelect,
    )
    gap_status = forms.ChoiceField(label="Status", required=False, widget=QuickSelect)

    def __init__(self, *args: Any, staff: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        statuses = (
            Gap.Status.choices
            if staff
            else [choice for choice in Gap.Status.choices if choice[0] in Gap.PUBLIC_STATUSES]
        )
        cast(forms.ChoiceField, self.fields["gap_status"]).choices = [("", "Any status"), *statuses]

    def filter(self, gaps: QuerySet[Gap]) -> QuerySet[Gap]:
        data = self.cleaned_data
        if data.get("gap_area"):
            gaps = gaps.filter(areas=data["gap_area"])
        if data.get("gap_category"):
            gaps = gaps.filter(
                category__in=[data["gap_category"], *data["gap_category"].children.all()]
            )
        if data.get("gap_age"):
            gaps = gaps.filter(age_group=data["gap_age"])
        if data.get("gap_source"):
            gaps = gaps.filter(source=data["gap_source"])
        if data.get("gap_status"):
            gaps = gaps.filter(status=data["gap_status"])
        return gaps.distinct()


class GapProposalForm(forms.ModelForm):
    """What an ambassador tells us about a missing service. Staff review it before it shows."""

    class Meta:
        model = Gap
        fields: ClassVar[list[str]] = ["title", "areas", "category", "age_group", "evidence"]
        labels: ClassVar[dict[str, str]] = {
            "title": "What is missing?",
            "areas": "Which areas does this affect?",
            "category": "Which kind of support is it?",
            "age_group": "Which age group?",
            "evidence": "What have you seen or been told?",
        }
        help_texts: ClassVar[dict[str, str]] = {
            "title": "For example: no weekend youth club in Worksop.",
            "evidence": "Do not include names or details that could identify anyone.",
            "category": "",
            "age_group": "",
        }
        widgets: ClassVar[dict[str, type[forms.Widget]]] = {
            "areas": forms.CheckboxSelectMultiple,
            "evidence": forms.Textarea,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["category"]).empty_label = "Not sure"
        age_group = cast(forms.ChoiceField, self.fields["age_group"])
        age_group.choices = [("", "All ages or not sure"), *AGE_GROUP_CHOICES]
        self.fields["areas"].error_messages["required"] = "Choose at least one area."
        self.fields["title"].error_messages["required"] = "Say what is missing."
        self.fields["evidence"].error_messages["required"] = "Tell us what you have seen or heard."


class StrategyFilterForm(forms.Form):
    """Filters for the Response Strategy tracker: an action's status and priority."""

    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), *StrategyAction.Status.choices],
    )
    priority = forms.ChoiceField(
        label="Strategic priority",
        required=False,
        choices=[("", "Any priority"), *StrategyAction.Priority.choices],
    )

    def filter(self, actions: QuerySet[StrategyAction]) -> QuerySet[StrategyAction]:
        data = self.cleaned_data
        if data.get("status"):
            actions = actions.filter(status=data["status"])
        if data.get("priority"):
            actions = actions.filter(priority=data["priority"])
        return actions
