"""Forms people fill in: a consultation's questions, the optional "about you" section, and
applying to join the Citizen's Advisory Panel."""

from collections.abc import Iterable
from typing import Any

from django import forms

from cms.core.areas import slug_choices

from .blocks import DISTRICTS, options_for

PREFER_NOT_TO_SAY = "Prefer not to say"


def question_field_name(block_id: str) -> str:
    return f"q_{block_id}"


class RankingWidget(forms.MultiWidget):
    """One drop-down per option ("1" = most important), so ranking works without JavaScript."""

    template_name = "consultations/widgets/ranking.html"

    def __init__(self, options: list[str], attrs: dict | None = None) -> None:
        self.options = options
        ranks = [("", "Not ranked")] + [(str(n), str(n)) for n in range(1, len(options) + 1)]
        selects = [forms.Select(choices=ranks, attrs={"class": "govuk-select"}) for _ in options]
        super().__init__(selects, attrs)

    def decompress(self, value: list[str] | None) -> list[str]:
        order = value or []
        return [str(order.index(option) + 1) if option in order else "" for option in self.options]

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        context["widget"]["ranked"] = list(
            zip(self.options, context["widget"]["subwidgets"], strict=False)
        )
        return context


class RankingField(forms.MultiValueField):
    """Cleans to the options in rank order; every rank may be used only once."""

    def __init__(self, options: list[str], **kwargs: Any) -> None:
        self.options = options
        rank_choices = [(str(n), str(n)) for n in range(1, len(options) + 1)]
        invalid = {"invalid_choice": "Choose one of the options given."}
        fields = [
            forms.ChoiceField(choices=rank_choices, required=False, error_messages=invalid)
            for _ in options
        ]
        super().__init__(fields, widget=RankingWidget(options), require_all_fields=False, **kwargs)

    def compress(self, data_list: list[str]) -> list[str]:
        ranks = [
            (int(rank), option)
            for rank, option in zip(data_list, self.options, strict=False)
            if rank
        ]
        used = [rank for rank, _ in ranks]
        if len(used) != len(set(used)):
            raise forms.ValidationError("Give each option a different number.")
        if self.required and len(ranks) != len(self.options):
            raise forms.ValidationError("Give every option a number.")
        return [option for _, option in sorted(ranks)]


def _messages(label: str, max_length: int | None = None) -> dict[str, str]:
    messages = {
        "required": f"Answer the question: {label}",
        "invalid_choice": "Choose one of the options given.",
        "invalid_list": "Choose one of the options given.",
    }
    if max_length:
        messages["max_length"] = f"Your answer must be {max_length} characters or fewer."
    return messages


def question_field(block_type: str, value: dict, required: bool) -> forms.Field:
    """The Django form field that asks one question block."""
    label = value["question"]
    common = {"label": label, "help_text": value.get("help_text") or "", "required": required}
    choices = [(option, option) for option in options_for(block_type, value)]
    if block_type in ("short_text", "long_text"):
        max_length = value["max_length"]
        widget = forms.Textarea(attrs={"rows": 5}) if block_type == "long_text" else None
        return forms.CharField(
            max_length=max_length,
            widget=widget,
            error_messages=_messages(label, max_length),
            **common,
        )
    if block_type == "multiple_choice":
        return forms.MultipleChoiceField(
            choices=choices,
            widget=forms.CheckboxSelectMultiple,
            error_messages=_messages(label),
            **common,
        )
    if block_type == "ranking":
        return RankingField(
            options_for(block_type, value), error_messages=_messages(label), **common
        )
    if block_type == "area":
        return forms.ChoiceField(
            choices=[("", "Choose an area"), *choices], error_messages=_messages(label), **common
        )
    return forms.ChoiceField(
        choices=choices, widget=forms.RadioSelect, error_messages=_messages(label), **common
    )


class QuestionsForm(forms.Form):
    """A consultation's questions. As a draft nothing is required, but every answer given must
    still be valid, so a draft can never hold something the final form would reject."""

    def __init__(self, questions: Iterable, *args: Any, draft: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for block in self.questions:
            required = bool(block.value["required"]) and not draft
            self.fields[question_field_name(block.id)] = question_field(
                block.block_type, block.value, required
            )

    def answers(self) -> dict[str, Any]:
        """The cleaned answers keyed by question id, leaving out questions not answered."""
        answers = {}
        for block in self.questions:
            value = self.cleaned_data.get(question_field_name(block.id))
            if value not in (None, "", []):
                answers[block.id] = value
        return answers

    def resume(self, answers: dict[str, Any]) -> None:
        """Fill the form from saved answers (a draft), in the shape each widget shows."""
        for block in self.questions:
            if block.id not in answers:
                continue
            field = self.fields[question_field_name(block.id)]
            value = answers[block.id]
            if isinstance(field, RankingField):
                value = field.widget.decompress(value)
            self.initial[question_field_name(block.id)] = value


def _with_prefer_not(options: list[str]) -> list[tuple[str, str]]:
    return [(option, option) for option in [*options, PREFER_NOT_TO_SAY]]


# (field name, question, why we ask, options). Used for the form and for results breakdowns.
ABOUT_YOU_QUESTIONS = [
    (
        "age_band",
        "Your age",
        "Young people are affected by violence differently, so we check we are hearing from "
        "every age group.",
        ["Under 16", "16 to 24", "25 to 34", "35 to 49", "50 to 64", "65 or over"],
    ),
    (
        "gender",
        "Your gender",
        "Men and women experience violence differently. We check that what we hear reflects both.",
        ["Woman", "Man", "Non-binary", "Another gender"],
    ),
    (
        "ethnicity",
        "Your ethnic group",
        "Some communities are over-represented in the figures on violence and under-represented "
        "in consultations. We check whose voices are missing.",
        [
            "Asian or Asian British",
            "Black, Black British, Caribbean or African",
            "Mixed or multiple ethnic groups",
            "White",
            "Another ethnic group",
        ],
    ),
    (
        "disability",
        "Are you disabled or do you have a long-term health condition?",
        "Disabled people can find services harder to reach. We check their views are heard.",
        ["Yes", "No"],
    ),
    (
        "sexual_orientation",
        "Your sexual orientation",
        "Lesbian, gay and bisexual people can face hate crime and may need different support.",
        ["Heterosexual or straight", "Gay or lesbian", "Bisexual", "Another sexual orientation"],
    ),
    (
        "religion",
        "Your religion or belief",
        "Faith groups are part of community life and some face hate crime. We check we hear "
        "from people of every faith and none.",
        ["No religion", "Christian", "Muslim", "Sikh", "Hindu", "Jewish", "Buddhist", "Another"],
    ),
]
ABOUT_YOU_LABELS = {name: label for name, label, _, _ in ABOUT_YOU_QUESTIONS}


class AboutYouForm(forms.Form):
    """Optional equality questions. Each says why it is asked; each offers "Prefer not to say"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "about")
        super().__init__(*args, **kwargs)
        for name, label, why, options in ABOUT_YOU_QUESTIONS:
            self.fields[name] = forms.ChoiceField(
                label=f"{label} (optional)",
                help_text=f"Why we ask: {why}",
                choices=_with_prefer_not(options),
                widget=forms.RadioSelect,
                required=False,
                error_messages={"invalid_choice": "Choose one of the options given."},
            )

    def answers(self) -> dict[str, str]:
        return {name: value for name, value in self.cleaned_data.items() if value}


class ReceiptForm(forms.Form):
    """Where to send an anonymous respondent's receipt. Used once and never stored."""

    email = forms.EmailField(
        label="Email address for a receipt (optional)",
        help_text="We send your receipt to this address and do not keep it.",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.org."},
    )


class ResumeLinkForm(forms.Form):
    """Where to e-mail a respondent's link back to their draft (a signed-in respondent's
    account address is filled in for them to confirm). Used once and never stored."""

    email = forms.EmailField(
        label="Email address",
        help_text="We send your link to this address and do not keep it.",
        error_messages={
            "required": "Enter your email address.",
            "invalid": "Enter an email address like name@example.org.",
        },
    )


class PanelApplicationForm(forms.Form):
    reason = forms.CharField(
        label="Why do you want to join the panel?",
        help_text="Tell us in your own words. 2,000 characters at most.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Tell us why you want to join the panel.",
            "max_length": "Your answer must be 2,000 characters or fewer.",
        },
    )
    area = forms.ChoiceField(
        label="Where do you live, work or study?",
        choices=[("", "Choose an area")] + [(d, d) for d in DISTRICTS],
        error_messages={
            "required": "Choose the area you live, work or study in.",
            "invalid_choice": "Choose one of the areas given.",
        },
    )


class AttendanceForm(forms.Form):
    """Staff after a panel meeting: one choice per member who had a place."""

    def __init__(self, places: Iterable[Any], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.places = list(places)
        for place in self.places:
            self.fields[f"attendance-{place.pk}"] = forms.ChoiceField(
                label=place.user.get_full_name() or place.user.email,
                choices=type(place).Attendance.choices,
                required=False,
                initial=place.attendance,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": "Choose one of the attendance options given."},
            )

    def rows(self) -> list[tuple[Any, forms.BoundField]]:
        """Each sign-up with its choice, for the table."""
        return [(place, self[f"attendance-{place.pk}"]) for place in self.places]

    def attendance(self) -> dict[int, str]:
        """Each sign-up's id with the attendance chosen for it."""
        return {place.pk: self.cleaned_data[f"attendance-{place.pk}"] for place in self.places}


# --- Alerts and the outcomes list (alerts.py, views.outcomes) ---------------------------------

ALL_AREAS = "all"


class AlertSubscribeForm(forms.Form):
    """Who to e-mail when a consultation opens, and for which areas. Only the address is kept."""

    email = forms.EmailField(
        label="Email address",
        help_text="We send a link to this address to check it is yours. We keep only the "
        "address, and delete it when you unsubscribe.",
        max_length=254,
        error_messages={
            "required": "Enter your email address.",
            "invalid": "Enter an email address like name@example.org.",
        },
    )
    areas = forms.MultipleChoiceField(
        label="Which areas do you want to hear about?",
        help_text="Choose one or more areas, or all of them.",
        choices=[(ALL_AREAS, "All areas"), *slug_choices()],
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one area, or all areas.",
            "invalid_choice": "Choose from the areas given.",
        },
    )

    def chosen_areas(self) -> list[str]:
        """The area slugs chosen; an empty list for all areas."""
        chosen = self.cleaned_data["areas"]
        return [] if ALL_AREAS in chosen else [slug for slug, _ in slug_choices() if slug in chosen]


class OutcomeSearchForm(forms.Form):
    """Search and filter the published outcomes. Both are optional."""

    q = forms.CharField(
        label="Search outcomes",
        help_text="Words from the title, summary or outcome.",
        required=False,
        max_length=200,
        error_messages={"max_length": "Search for 200 characters or fewer."},
    )
    area = forms.ChoiceField(
        label="Area",
        choices=[("", "All areas"), *slug_choices()],
        required=False,
        error_messages={"invalid_choice": "Choose one of the areas given."},
    )
