"""The review cycle: listings are confirmed by their providers at least once a year.

At 12 months without review, each editor of the organisation gets a signed, expiring
"still correct" link. At 18 months the listing is hidden from search and staff are told.
Nothing is ever deleted: confirming (or publishing an edit) brings it straight back.

A listing imported from another directory keeps upstream's `assured_date` as its
`last_reviewed` (upstream's fact, served back in our feed), but our clock for it starts when
it was imported, and again each time upstream changes it: a record that upstream last
assured years ago is not hidden, nor its provider emailed, the night it arrives.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core import signing
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from cms.core.mail import send_templated
from cms.core.roles import VRU_STAFF, tell_role

from . import lifecycle
from .models import Service

REMIND_AFTER = timedelta(days=365)
HIDE_AFTER = timedelta(days=548)  # about 18 months
LINK_VALID_FOR = timedelta(days=30)
_SALT = "assets_directory.still-correct"


def still_correct_token(service: Service) -> str:
    """Signed: the listing and the review date it confirms, so a used link cannot repeat."""
    return signing.dumps({"s": service.pk, "r": service.last_reviewed.isoformat()}, salt=_SALT)


class InvalidReviewLink(Exception):
    """The link is broken, expired or already used; the message says which, kindly."""


def service_for_token(token: str) -> Service:
    try:
        data = signing.loads(token, salt=_SALT, max_age=LINK_VALID_FOR)
    except signing.SignatureExpired as error:
        raise InvalidReviewLink("This link has expired. Sign in to check your listing.") from error
    except signing.BadSignature as error:
        raise InvalidReviewLink("This link is not valid. Check you copied all of it.") from error
    service = Service.objects.filter(pk=data.get("s")).first()
    if service is None:
        raise InvalidReviewLink("This listing no longer exists.")
    if service.last_reviewed.isoformat() != data.get("r"):
        raise InvalidReviewLink("Thank you, this listing has already been confirmed.")
    return service


def _not_reviewed_since(since: date) -> QuerySet[Service]:
    """Live listings neither reviewed nor (if imported) changed from upstream since then."""
    return Service.objects.filter(live=True, last_reviewed__lte=since).exclude(
        listing_source__synced_at__date__gt=since
    )


def send_reminders(today: date) -> int:
    """Email editors of listings reviewed 12+ months ago, once per review cycle."""
    due = (
        _not_reviewed_since(today - REMIND_AFTER)
        .filter(archived=False)
        .filter(
            Q(review_reminder_sent_at__isnull=True)
            | Q(review_reminder_sent_at__date__lt=F("last_reviewed"))
        )
        .select_related("organisation")
        .prefetch_related("organisation__editors")
    )
    sent = 0
    for service in due:
        sent += _remind(service)
    return sent


@transaction.atomic
def _remind(service: Service) -> int:
    """One listing's reminder and its bookkeeping together, so a run cut short and run
    again reminds nobody twice."""
    recipients = [u.email for u in service.organisation.editors.all() if u.email]
    recipients = recipients or ([service.email] if service.email else [])
    if recipients:
        send_templated(
            "assets_directory/email/review_reminder",
            recipients,
            {
                "service": service,
                "link_path": reverse(
                    "assets_directory:still_correct", args=[still_correct_token(service)]
                ),
                "valid_days": LINK_VALID_FOR.days,
            },
        )
    # Bookkeeping of the cycle, not a change of state: what residents find is unchanged.
    Service.objects.filter(pk=service.pk).update(review_reminder_sent_at=timezone.now())
    return 1 if recipients else 0


def hide_overdue(today: date) -> list[int]:
    """Hide listings not reviewed for 18 months and tell VRU staff which ones."""
    overdue = list(
        _not_reviewed_since(today - HIDE_AFTER)
        .filter(hidden_for_review=False)
        .values_list("pk", "name")
    )
    if not overdue:
        return []
    ids = [pk for pk, _ in overdue]
    lifecycle.hide_for_review(ids)
    tell_role(
        VRU_STAFF,
        "assets_directory/email/hidden_for_review",
        {"names": [name for _, name in overdue]},
    )
    return ids
