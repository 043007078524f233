"""What the directory holds about a person, for the account data export and deletion.

Retention: claims are kept while the account exists (they record who may edit what);
a reporter's email on a problem report is cleared when the report is resolved.
"""

from django.contrib.auth.models import User

SECTION = "directory"


def export(user: User) -> dict:
    return {
        "organisations_you_edit": list(user.directory_organisations.values_list("name", flat=True)),
        "claims": [
            {
                "organisation": claim.organisation.name,
                "role_at_organisation": claim.role_at_organisation,
                "evidence": claim.evidence,
                "status": claim.status,
                "created_at": claim.created_at,
                **claim.decision_for_export(),
            }
            for claim in user.directory_claims.select_related("organisation")
        ],
    }


def erase(user: User) -> None:
    """Claims go with the account (cascade); editing rights are removed here explicitly."""
    user.directory_organisations.clear()
