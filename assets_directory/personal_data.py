"""What the directory holds about a person, for the account data export and deletion.

Retention: claims are kept while the account exists (they record who may edit what);
a reporter's email on a problem report is cleared when the report is resolved.
"""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from .models import Organisation, OrganisationClaim


def export(user: AbstractBaseUser) -> dict[str, Any]:
    claims = OrganisationClaim.objects.filter(user_id=user.pk).select_related("organisation")
    return {
        "organisations_you_edit": list(
            Organisation.objects.filter(editors__pk=user.pk).values_list("name", flat=True)
        ),
        "claims": [
            {
                "organisation": claim.organisation.name,
                "role_at_organisation": claim.role_at_organisation,
                "evidence": claim.evidence,
                "status": claim.status,
                "created_at": claim.created_at,
            }
            for claim in claims
        ],
    }


def erase(user: AbstractBaseUser) -> None:
    """Claims go with the account (cascade); editing rights are removed here explicitly."""
    Organisation.editors.through.objects.filter(user_id=user.pk).delete()
