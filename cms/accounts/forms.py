import copy
from typing import Any, TypeVar

from allauth.account import forms as allauth_forms
from django import forms
from django.contrib.auth.models import User
from django.core.validators import MaxLengthValidator


class DeleteAccountForm(forms.Form):
    """Deleting an account cannot be undone, so the password is asked for again."""

    password = forms.CharField(
        label="Your password",
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("The password is not correct.")
        return password


# What to say when a sign-in field is left empty, by field name: GOV.UK style, naming the
# field, never Django's "This field is required."
REQUIRED_MESSAGES = {
    "login": "Enter your email address",
    "email": "Enter your email address",
    "password": "Enter your password",
    "oldpassword": "Enter your current password",
    "password1": "Enter a password",
    "password2": "Enter the password again",
    "code": "Enter the code",
}


# No password, code or e-mail address we accept is longer; a limit keeps hashing and
# validation cheap for whatever an attacker sends.
FREE_TEXT_LIMIT = 254
FormT = TypeVar("FormT", bound=forms.Form)


def limited(form: type[FormT]) -> type[FormT]:
    """Give each text field of allauth's form (passwords, codes) a maximum length."""
    fields = {}
    for name, field in form.base_fields.items():
        if isinstance(field, forms.CharField) and field.max_length is None:
            field = copy.deepcopy(field)
            field.max_length = FREE_TEXT_LIMIT
            field.validators.append(MaxLengthValidator(FREE_TEXT_LIMIT))
        fields[name] = field
    form.base_fields = fields
    return form


class SpecificErrors(forms.Form):
    """Mixed into allauth's forms so each empty field gets its own message."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name in REQUIRED_MESSAGES:
                field.error_messages["required"] = REQUIRED_MESSAGES[name]
            if isinstance(field, forms.EmailField):
                field.error_messages["invalid"] = (
                    "Enter an email address in the correct format, like name@example.org"
                )


@limited
class LoginForm(SpecificErrors, allauth_forms.LoginForm):
    pass


@limited
class SignupForm(SpecificErrors, allauth_forms.SignupForm):
    pass


@limited
class ResetPasswordForm(SpecificErrors, allauth_forms.ResetPasswordForm):
    pass


@limited
class ResetPasswordKeyForm(SpecificErrors, allauth_forms.ResetPasswordKeyForm):
    pass


@limited
class ChangePasswordForm(SpecificErrors, allauth_forms.ChangePasswordForm):
    pass


@limited
class AddEmailForm(SpecificErrors, allauth_forms.AddEmailForm):
    pass
