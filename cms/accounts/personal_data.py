"""What the accounts app itself holds about a person."""

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import User

SECTION = "account"


def export(user: User) -> dict[str, Any]:
    """Account details; secrets (password hash, authenticator seeds) are never exported."""
    return {
        "username": user.get_username(),
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "roles": list(user.groups.values_list("name", flat=True)),
        "email_addresses": list(
            EmailAddress.objects.filter(user=user).values("email", "verified", "primary")
        ),
        "authenticators": list(
            Authenticator.objects.filter(user=user).values("type", "created_at", "last_used_at")
        ),
    }
