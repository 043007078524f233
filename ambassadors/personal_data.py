"""What the ambassadors app holds about a person: their data download and account deletion.

Retention when the account is deleted: the ambassador record stays as an anonymous
"Former ambassador", because its outreach logs are the VRU's record of work done (they hold
no personal details of the public) and its claims are financial records kept for six years.
Everything that identifies the person goes: name, DBS and consent dates, training, areas,
reading records, the messages they were sent (with when they read them), the notes they wrote
in their logs and the coordinators' reasons for querying their hours.
"""

from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Prefetch

from .models import AGE_BANDS, Ambassador, OutreachLog

SECTION = "ambassador"


def export(user: User) -> dict[str, Any] | None:
    """Every record about the ambassador of `user`, if there is one."""
    ambassador = _ambassador_of(user)
    if ambassador is None:
        return None
    return {
        "name": ambassador.display_name,
        "kind": ambassador.get_kind_display(),
        "status": ambassador.get_status_display(),
        "start_date": _iso(ambassador.start_date),
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
        "required_reading_done": [
            {"document": reading.document.title, "read_at": _iso(reading.done_at)}
            for reading in ambassador.reading_done.select_related("document")
        ],
        "outreach_logs": [_log(log) for log in ambassador.outreach_logs.all()],
        "claims": [
            {
                "month": _iso(claim.month),
                "hours": str(claim.hours),
                "expenses": str(claim.expenses),
                "expenses_description": claim.expenses_description,
                "has_receipt": bool(claim.receipt),
                "submitted_at": _iso(claim.submitted_at),
                "status": claim.get_status_display(),
                **claim.decision_for_export(),
            }
            for claim in ambassador.claims.all()
        ],
        "messages_received": [
            {
                "subject": receipt.message.subject,
                "sent_at": _iso(receipt.message.sent_at),
                "read_at": _iso(receipt.read_at),
            }
            for receipt in ambassador.message_receipts.select_related("message")
        ],
    }


def retained(user: User) -> list[str]:
    """What deleting the account keeps, and why, in the person's words."""
    if not Ambassador.objects.filter(user=user).exists():
        return []
    return [
        "Your outreach logs stay, without your name or your notes, because they are the VRU's "
        "record of the work done in each area.",
        "Your expense claims stay, without your name, for six years, because they are "
        "financial records.",
    ]


def erase(user: User) -> None:
    """Anonymise the ambassador record of `user`; keep only what `retained` says."""
    ambassador = _ambassador_of(user)
    if ambassador is None:
        return
    ambassador.outreach_logs.update(what_we_heard="", decision_reason="")
    ambassador.message_receipts.all().delete()
    ambassador.training_records.all().delete()
    ambassador.areas_covered.all().delete()
    ambassador.reading_done.all().delete()
    Ambassador.objects.filter(pk=ambassador.pk).update(
        user=None,
        display_name=f"Former ambassador {ambassador.pk}",
        status=Ambassador.Status.LEFT,
        dbs_checked_on=None,
        dbs_expires_on=None,
        parental_consent_recorded_on=None,
    )


def _ambassador_of(user: User) -> Ambassador | None:
    logs = OutreachLog.objects.prefetch_related("topics", "services_signposted")
    return (
        Ambassador.objects.filter(user=user)
        .prefetch_related(Prefetch("outreach_logs", queryset=logs))
        .first()
    )


def _log(log: OutreachLog) -> dict[str, Any]:
    return {
        "date": _iso(log.date),
        "area": log.area_display,
        "ward": log.ward,
        "setting": log.get_setting_display(),
        "activity": log.get_activity_type_display(),
        "minutes": log.duration_minutes,
        "people_reached": {label: getattr(log, field) for field, label in AGE_BANDS},
        "topics": [topic.name for topic in log.topics.all()],
        "services_signposted": [service.name for service in log.services_signposted.all()],
        "what_we_heard": log.what_we_heard,
        "safeguarding_concern": log.safeguarding_concern,
        "logged_at": _iso(log.created_at),
        "hours_approval": log.get_status_display(),
        **log.decision_for_export(),
    }


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None
