"""Portal forms: an outreach log quick to fill on a phone, and a monthly claim with a receipt."""

from collections.abc import Iterable
from datetime import date
from typing import Any, ClassVar, cast

from django import forms
from django.core.files import File
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm

from assets_directory.picker import signposting_choices
from cms.core.areas import slug_choices

from .models import AGE_BANDS, Ambassador, Claim, OutreachLog
from .notes_check import personal_detail_kinds
from .receipts import validate_receipt

NO_PERSONAL_DETAILS_HINT = (
    "Do not write names, phone numbers, email addresses or anything else that could identify "
    "a member of the public. Write what people told you about the area, not who told you."
)
CONFIRM_FIELD = "notes_have_no_personal_details"
# The log's fields in the order the form shows them.
OUTREACH_FIELDS = [
    "date",
    "duration_minutes",
    "area",
    "ward",
    "setting",
    "activity_type",
    *[field for field, _ in AGE_BANDS],
    "topics",
    "services_signposted",
    "what_we_heard",
    "safeguarding_concern",
]


def offer_findable_services(form: forms.ModelForm, areas: Iterable[str] = ()) -> None:
    """Offer only listings residents can find (never drafts or hidden ones), plus those the
    log already names, so correcting an old log keeps its links."""
    log = form.instance
    earlier = log.services_signposted.values_list("pk", flat=True) if log.pk else []
    services = cast(forms.ModelMultipleChoiceField, form.fields["services_signposted"])
    services.queryset = signposting_choices(areas, keep_ids=list(earlier))


class OutreachLogAdminForm(WagtailAdminModelForm):
    """A coordinator correcting a log in the admin: the same choice of listings as the
    portal, so the admin shows no draft listing."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_findable_services(self)


class OutreachLogForm(forms.ModelForm):
    """One outreach activity, with a check that the notes hold no personal details.

    `areas` are the ambassador's area slugs: the services offered for signposting are the
    directory's listings there, so the list stays short enough to use on a phone.
    """

    notes_have_no_personal_details = forms.BooleanField(
        required=False,
        label="I have checked: my notes do not identify anyone",
    )
    # Filled in by the page's script (ambassadors/static/ambassadors/js/outreach-offline.js):
    # the same activity sent twice, once from the phone's queue, is logged once.
    client_reference = forms.UUIDField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = OutreachLog
        fields = OUTREACH_FIELDS
        widgets: ClassVar[dict[str, forms.Widget | type[forms.Widget]]] = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "duration_minutes": forms.NumberInput(attrs={"inputmode": "numeric", "min": 5}),
            "setting": forms.RadioSelect,
            "topics": forms.CheckboxSelectMultiple,
            # A checkbox list works by touch and by keyboard; on long lists a filter box
            # (cms/static/js/checkbox-filter.js) finds a service by name as you type.
            "services_signposted": forms.CheckboxSelectMultiple(
                attrs={"data-filter-list": "Find a service by name"}
            ),
            "what_we_heard": forms.Textarea(attrs={"rows": 4}),
            **{
                field: forms.NumberInput(attrs={"inputmode": "numeric", "min": 0})
                for field, _ in AGE_BANDS
            },
        }
        labels: ClassVar[dict[str, str]] = {
            "duration_minutes": "How long, in minutes",
            "ward": "Ward or neighbourhood",
            "what_we_heard": "What you heard (community intelligence)",
            "safeguarding_concern": "I have a safeguarding concern about this activity",
            **{field: f"People reached aged {label.lower()}" for field, label in AGE_BANDS},
        }
        help_texts: ClassVar[dict[str, str]] = {
            "services_signposted": (
                "Services in your areas from the directory. Tick every one you told people about."
            ),
            "what_we_heard": NO_PERSONAL_DETAILS_HINT,
            "safeguarding_concern": (
                "The designated safeguarding lead is told straight away and will contact you. "
                "If someone is in immediate danger, call 999."
            ),
        }

    def __init__(self, *args: Any, areas: Iterable[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Selects open on words saying what to choose, not "---------"; radios need no blank.
        _offer(self.fields["area"], [("", "Choose an area"), *slug_choices()])
        _offer(
            self.fields["activity_type"],
            [("", "Choose an activity"), *OutreachLog.ActivityType.choices],
        )
        _offer(self.fields["setting"], OutreachLog.Setting.choices)
        offer_findable_services(self, areas)
        if self.instance.pk:
            del self.fields["client_reference"]  # a correction is not sent from the queue
        else:
            self.initial.setdefault("date", timezone.localdate())
        self.personal_details_found: list[str] = []

    def clean_date(self) -> date:
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError("The date cannot be in the future.")
        return value

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if not any(cleaned.get(field) for field, _ in AGE_BANDS) and not self.errors:
            self.add_error(
                AGE_BANDS[0][0], "Enter how many people you reached, in at least one age band."
            )
        self.personal_details_found = personal_detail_kinds(cleaned.get("what_we_heard", ""))
        if self.personal_details_found and not cleaned.get(CONFIRM_FIELD):
            self.add_error(
                "what_we_heard",
                f"Your notes seem to contain {' and '.join(self.personal_details_found)}. "
                "Remove anything that could identify a member of the public, or tick the box "
                "below if there is nothing that could.",
            )
        return cleaned

    def save(self, commit: bool = True) -> OutreachLog:
        """Save the ambassador's log; a change may send its hours back for approval."""
        if self.instance.pk:
            self.instance.reopen_hours_after_edit(self.changed_data)
        return super().save(commit)


class ClaimForm(forms.ModelForm):
    """A month's hours and expenses; a receipt is needed whenever expenses are claimed."""

    month = forms.TypedChoiceField(coerce=date.fromisoformat, label="Month you are claiming for")

    class Meta:
        model = Claim
        fields: ClassVar[list[str]] = [
            "month",
            "hours",
            "expenses",
            "expenses_description",
            "receipt",
        ]
        labels: ClassVar[dict[str, str]] = {
            "hours": "Hours worked",
            "expenses": "Expenses, in pounds",
            "expenses_description": "What the expenses were for",
            "receipt": "Receipt (photo or PDF)",
        }
        help_texts: ClassVar[dict[str, str]] = {
            "hours": "For example, 12.5",
            "receipt": "A JPG, PNG or WEBP photo, or a PDF, smaller than 5MB.",
        }
        widgets: ClassVar[dict[str, forms.Widget | type[forms.Widget]]] = {
            "hours": forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.25"}),
            "expenses": forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
            "receipt": forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp,.pdf"}),
        }

    def __init__(self, *args: Any, ambassador: Ambassador, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ambassador = ambassador
        _offer(self.fields["month"], [(m.isoformat(), f"{m:%B %Y}") for m in recent_months()])

    def clean_receipt(self) -> File | None:
        receipt = self.cleaned_data.get("receipt")
        if receipt and hasattr(receipt, "content_type"):  # a new upload, not a stored file
            validate_receipt(receipt)
        return receipt

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("expenses") and not cleaned.get("receipt"):
            self.add_error("receipt", "Upload a receipt for the expenses you are claiming.")
        if cleaned.get("expenses") and not cleaned.get("expenses_description"):
            self.add_error("expenses_description", "Say what the expenses were for.")
        month = cleaned.get("month")
        already = self.ambassador.claims.filter(month=month).exclude(status=Claim.Status.REJECTED)
        if month and already.exists():
            self.add_error("month", f"You have already claimed for {month:%B %Y}.")
        return cleaned


def _offer(field: forms.Field, choices: list[tuple[str, str]]) -> None:
    """Set the choices of a field that the model (or the form) made a choice field."""
    cast(forms.ChoiceField, field).choices = choices


def recent_months(count: int = 3) -> list[date]:
    """This month and the ones before it: claims are made monthly, soon after the month ends."""
    today = timezone.localdate()
    months = []
    year, month = today.year, today.month
    for _ in range(count):
        months.append(date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months
