"""What the ambassadors app holds about a person, for their data export.

No `erase`: when the account is deleted, `Ambassador.user` is set to empty by the database
relation, so outreach logs (the VRU's record, holding no personal details of the public)
and claims (financial records, kept six years) stay but are no longer linked to the account.
"""

from datetime import date
from typing import Any

from django.contrib.auth.models import User

from .models import AGE_BANDS, Ambassador

SECTION = "ambassador"


def export(user: User) -> dict[str, Any] | None:
    """The ambassador record of `user` with its training, outreach logs and claims, if any."""
    ambassador = Ambassador.objects.filter(user=user).first()
    if ambassador is None:
        return None
    return {
        "name": ambassador.display_name,
        "kind": ambassador.get_kind_display(),
        "status": ambassador.get_status_display(),
        "start_date": ambassador.start_date.isoformat(),
        "dbs_checked_on": _iso(ambassador.dbs_checked_on),
        "dbs_expires_on": _iso(ambassador.dbs_expires_on),
        "under_18": ambassador.under_18,
        "parental_consent_recorded_on": _iso(ambassador.parental_consent_recorded_on),
        "areas": [str(area) for area in ambassador.areas_covered.all()],
        "training": [
            {
                "module": record.module,
                "completed_on": _iso(record.completed_on),
                "expires_on": _iso(record.expires_on),
            }
            for record in ambassador.training_records.all()
        ],
        "outreach_logs": [
            {
                "date": log.date.isoformat(),
                "area": log.area_display,
                "ward": log.ward,
                "setting": log.get_setting_display(),
                "activity": log.get_activity_type_display(),
                "minutes": log.duration_minutes,
                "people_reached": {label: getattr(log, field) for field, label in AGE_BANDS},
                "what_we_heard": log.what_we_heard,
                "safeguarding_concern": log.safeguarding_concern,
            }
            for log in ambassador.outreach_logs.all()
        ],
        "claims": [
            {
                "month": claim.month.isoformat(),
                "hours": str(claim.hours),
                "expenses": str(claim.expenses),
                "status": claim.get_status_display(),
                "decision_reason": claim.decision_reason,
            }
            for claim in ambassador.claims.all()
        ],
    }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
