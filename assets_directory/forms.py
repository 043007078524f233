"""Forms for residents reporting problems and for providers managing their listings."""

from __future__ import annotations

from datetime import time
from typing import Any, ClassVar

from django import forms
from django.forms.boundfield import BoundWidget

from .geocoding import normalise_postcode
from .models import (
    ACCESS_NEEDS,
    WEEKDAYS,
    Area,
    Contact,
    Language,
    Location,
    Organisation,
    OrganisationClaim,
    RegularSchedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
)
from .search_form import tree_order


class ReportProblemForm(forms.Form):
    problem = forms.CharField(
        label="What is wrong with this listing?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="For example: the phone number does not work, or it has closed.",
        error_messages={"required": "Tell us what is wrong with this listing."},
    )
    reporter_email = forms.EmailField(
        label="Your email address",
        required=False,
        max_length=254,
        help_text="Only if you want a reply. We delete it once the problem is dealt with.",
        error_messages={
            "invalid": "Enter an email address like name@example.org.",
            "max_length": "Enter an email address of 254 characters or fewer.",
        },
    )


class OrganisationForm(forms.ModelForm):
    url = forms.URLField(label="Website", required=False, max_length=200, assume_scheme="https")

    class Meta:
        model = Organisation
        fields: ClassVar[list[str]] = ["name", "description", "email", "url", "charity_number"]
        labels: ClassVar[dict[str, str]] = {
            "name": "Name of your organisation or group",
            "charity_number": "Charity number",
        }
        help_texts: ClassVar[dict[str, str]] = {
            "description": "What your group does, in a sentence or two."
        }


class ClaimForm(forms.ModelForm):
    class Meta:
        model = OrganisationClaim
        fields: ClassVar[list[str]] = ["role_at_organisation", "evidence"]


# The location's answers copied as they are (the other access needs are one list of boxes).
LOCATION_ANSWERS = ("address_1", "city", "postal_code", "wheelchair_accessible")

# The service form's parts, each under its own heading so a long form can be read, and
# saved as a draft, a part at a time on a phone.
SERVICE_FORM_SECTIONS = (
    ("About the service", ("name", "description", "categories")),
    ("Who it is for", ("areas", "minimum_age", "maximum_age", "eligibility_description")),
    ("Cost and languages", ("is_free", "fees_description", "languages")),
    (
        "Where it happens",
        (
            "address_1",
            "city",
            "postal_code",
            "wheelchair_accessible",
            "access_needs",
            "accessibility",
        ),
    ),
    ("How to get in touch", ("email", "url", "phone")),
)


class ServiceForm(forms.ModelForm):
    """The friendly public form: plain words, everything an HSDS service needs, in parts."""

    url = forms.URLField(
        label="Website",
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={"invalid": "Enter the website's address, like www.example.org."},
    )
    phone = forms.CharField(
        label="Phone number",
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "work tel"}),
    )
    address_1 = forms.CharField(
        label="Address", max_length=200, required=False, help_text="Leave empty if online only."
    )
    city = forms.CharField(label="Town or city", max_length=100, required=False)
    postal_code = forms.CharField(label="Postcode", max_length=10, required=False)
    wheelchair_accessible = forms.BooleanField(
        label="The building is wheelchair accessible", required=False
    )
    access_needs = forms.MultipleChoiceField(
        label="What else the place offers",
        required=False,
        choices=[(n, label) for n, label in ACCESS_NEEDS.items() if n not in LOCATION_ANSWERS],
        widget=forms.CheckboxSelectMultiple,
        help_text="Residents can search for these. Tick only what is there every time.",
    )
    accessibility = forms.CharField(
        label="Accessibility details",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: step-free entrance, hearing loop, accessible toilet.",
    )

    class Meta:
        model = Service
        fields: ClassVar[list[str]] = [
            "name",
            "description",
            "categories",
            "areas",
            "minimum_age",
            "maximum_age",
            "eligibility_description",
            "is_free",
            "fees_description",
            "languages",
            "email",
            "url",
        ]
        labels: ClassVar[dict[str, str]] = {
            "name": "Name of the service",
            "categories": "Types of help",
            "areas": "Areas you serve",
            "minimum_age": "Youngest age",
            "maximum_age": "Oldest age",
            "is_free": "It is free",
            "fees_description": "If it is not free, what does it cost?",
            "languages": "Languages you offer it in",
            "email": "Email address for enquiries",
        }
        # Each message names its field, so the error summary makes sense on its own.
        error_messages: ClassVar[dict[str, dict[str, str]]] = {
            "name": {"required": "Enter the service's name."},
            "description": {"required": "Describe what the service does."},
            "minimum_age": {"invalid": "Enter the youngest age as a number, like 11."},
            "maximum_age": {"invalid": "Enter the oldest age as a number, like 16."},
            "email": {"invalid": "Enter the email address like name@example.org."},
        }
        widgets: ClassVar[dict[str, Any]] = {
            "email": forms.EmailInput(attrs={"autocomplete": "work email"}),
            "categories": forms.CheckboxSelectMultiple,
            "areas": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 6}),
            "eligibility_description": forms.Textarea(attrs={"rows": 3}),
            "fees_description": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = {
            "categories": (Taxonomy.objects.select_related("parent"), "one type of help"),
            "areas": (Area.objects.all(), "one area"),
            "languages": (Language.objects.all(), ""),
        }
        for name, (queryset, at_least) in choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.ModelMultipleChoiceField)
            field.queryset = queryset
            if at_least:
                field.required = True
                field.error_messages["required"] = f"Choose at least {at_least} you offer."
        for day, name in WEEKDAYS:
            for part in ("opens", "closes"):
                self.fields[f"{part}_{day}"] = forms.TimeField(
                    label=f"{name} {'opens' if part == 'opens' else 'closes'}",
                    required=False,
                    widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                    error_messages={"invalid": "Enter a time like 09:30."},
                )
        if self.instance.pk and not self.is_bound:
            self._fill_from(self.instance)

    def _fill_from(self, service: Service) -> None:
        location = service.primary_location()
        if location:
            for name in (*LOCATION_ANSWERS, "accessibility"):
                self.initial[name] = getattr(location, name)
            self.initial["access_needs"] = [
                name for name in location.access_needs_met() if name not in LOCATION_ANSWERS
            ]
        contact = next(iter(service.contacts.all()), None)
        self.initial["phone"] = contact.phone if contact else ""
        for schedule in service.regular_schedules.all():
            self.initial[f"opens_{schedule.weekday}"] = schedule.opens_at
            self.initial[f"closes_{schedule.weekday}"] = schedule.closes_at

    def schedule_fields(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [(name, self[f"opens_{day}"], self[f"closes_{day}"]) for day, name in WEEKDAYS]

    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names]) for title, names in SERVICE_FORM_SECTIONS]

    def category_tree(self) -> list[tuple[BoundWidget, list[BoundWidget]]]:
        """Types of help as the search page lists them: each top-level type, then its own."""
        options = sorted(self["categories"], key=lambda o: tree_order(o.data["value"].instance))
        tree: list[tuple[BoundWidget, list[BoundWidget]]] = []
        for option in options:
            if option.data["value"].instance.parent_id is None:
                tree.append((option, []))
            else:
                tree[-1][1].append(option)
        return tree

    def clean_postal_code(self) -> str:
        raw = self.cleaned_data["postal_code"].strip()
        if not raw:
            return ""
        postcode = normalise_postcode(raw)
        if postcode is None:
            raise forms.ValidationError("Enter a real postcode, like NG1 5FS.")
        return postcode

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        address = [data.get("address_1"), data.get("city"), data.get("postal_code")]
        if any(address) and not all(address):
            self.add_error(
                "postal_code" if not data.get("postal_code") else "address_1",
                "Give the address, town and postcode, or leave all three empty.",
            )
        for day, name in WEEKDAYS:
            opens, closes = data.get(f"opens_{day}"), data.get(f"closes_{day}")
            if bool(opens) != bool(closes):
                self.add_error(f"closes_{day}", f"Give both times for {name}, or neither.")
            elif opens and closes and closes <= opens:
                self.add_error(f"closes_{day}", f"On {name}, closing must be after opening.")
        return data

    def apply_to(self, draft: Service) -> Location | None:
        """Copy the answers onto a draft (not saved). Returns a new Location to geocode."""
        data = self.cleaned_data
        for name in self.Meta.fields:
            setattr(draft, name, data[name])
        draft.contacts = [Contact(phone=data["phone"])] if data["phone"] else []
        draft.regular_schedules = [
            RegularSchedule(weekday=day, opens_at=opens, closes_at=data[f"closes_{day}"])
            for day, _ in WEEKDAYS
            if isinstance(opens := data.get(f"opens_{day}"), time)
        ]
        return self._apply_location(draft, data)

    @staticmethod
    def _apply_location(draft: Service, data: dict[str, Any]) -> Location | None:
        """A changed address is a new Location, so the published one is never altered."""
        fields = {name: data[name] for name in (*LOCATION_ANSWERS, "accessibility")}
        fields |= {
            name: name in data["access_needs"] for name in ACCESS_NEEDS if name not in fields
        }
        if not data["postal_code"]:
            draft.service_at_locations = []
            return None
        current = draft.primary_location()
        if current and all(getattr(current, k) == v for k, v in fields.items()):
            return None
        location = Location.objects.create(organisation=draft.organisation, **fields)
        draft.service_at_locations = [ServiceAtLocation(location=location)]
        return location
