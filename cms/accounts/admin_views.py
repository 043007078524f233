"""People and roles in the admin: staff give and take away roles, each change recorded.

Who may see it: anyone whose role may change some role (`cms.core.roles.changeable_roles`:
VRU staff any role, ambassador coordinators the ambassador roles) and superusers. A person
is found by their exact e-mail address, so the screen never lists every account.
"""

from allauth.account.models import EmailAddress
from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from cms.core.models import RoleChange
from cms.core.roles import change_role, changeable_roles
from cms.core.typing import AuthenticatedRequest


class RoleChangeForm(forms.Form):
    email = forms.EmailField(
        label="Their email address",
        max_length=254,
        help_text="The address they signed up with.",
        error_messages={"required": "Enter the email address of the person's account."},
    )
    role = forms.ChoiceField(label="Role")
    action = forms.ChoiceField(
        choices=[("grant", "Give this role"), ("revoke", "Take this role away")],
        widget=forms.RadioSelect,
        initial="grant",
    )

    def __init__(self, *args: object, roles: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["role"].choices = [(role, role) for role in roles]  # type: ignore[attr-defined]

    def clean_email(self) -> User:
        email = self.cleaned_data["email"].strip().lower()
        address = EmailAddress.objects.filter(email=email).select_related("user").first()
        person = address.user if address else User.objects.filter(email=email).first()
        if person is None:
            raise forms.ValidationError("No account uses that email address.")
        return person


def roles(request: AuthenticatedRequest) -> HttpResponse:
    """Staff who may change roles: give or take away a role, and see the recent changes."""
    allowed = changeable_roles(request.user)
    if not allowed:
        raise PermissionDenied
    form = RoleChangeForm(request.POST or None, roles=allowed)
    if request.method == "POST" and form.is_valid():
        person, role = form.cleaned_data["email"], form.cleaned_data["role"]
        grant = form.cleaned_data["action"] == "grant"
        if person.pk == request.user.pk:
            messages.error(
                request, "You cannot change your own roles. Ask another member of staff."
            )
        elif change_role(person, role, grant=grant, by=request.user):
            done = "now has" if grant else "no longer has"
            messages.success(request, f"{person.email} {done} the role {role}.")
        else:
            messages.info(request, f"Nothing changed: {person.email} already had it that way.")
        return redirect("accounts_roles")
    changes = RoleChange.objects.filter(role__in=allowed).select_related("user", "changed_by")
    return TemplateResponse(
        request,
        "accounts/admin/roles.html",
        {"form": form, "changes": changes[:50], "roles": allowed},
        status=400 if request.method == "POST" else 200,
    )
