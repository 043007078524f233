"""The review cycle: listings are confirmed by their providers at least once a year.

At 12 months without review, each editor of the organisation gets a signed, expiring
"still correct" link. At 18 months the listing is hidden from search and staff are told.
Nothing is ever deleted: confirming (or publishing an edit) brings it straight back.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core import signing
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from cms.core.mail import send_email
from search.tasks import enqueue_index_update

from . import indexing
from .models import Service
from .notifications import email_moderators

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


def confirm_still_correct(service: Service) -> None:
    Service.objects.filter(pk=service.pk).update(
        last_reviewed=timezone.localdate(), hidden_for_review=False, review_reminder_sent_at=None
    )
    enqueue_index_update([service.pk])


def send_reminders(today: date) -> int:
    """Email editors of listings reviewed 12+ months ago, once per review cycle."""
    due = (
        Service.objects.filter(live=True, last_reviewed__lte=today - REMIND_AFTER)
        .exclude(status=Service.Status.ARCHIVED)
        .filter(
            Q(review_reminder_sent_at__isnull=True)
            | Q(review_reminder_sent_at__date__lt=F("last_reviewed"))
        )
        .select_related("organisation")
        .prefetch_related("organisation__editors")
    )
    sent = 0
    for service in due:
        recipients = [u.email for u in service.organisation.editors.all() if u.email]
        recipients = recipients or ([service.email] if service.email else [])
        if recipients:
            link = reverse("assets_directory:still_correct", args=[still_correct_token(service)])
            send_email.delay(
                f"Is your listing '{service.name}' still correct?",
                "It is a year since your listing in the Notts Community Hub directory was "
                "checked. If nothing has changed, confirm it with one click:\n"
                f"{settings.WAGTAILADMIN_BASE_URL}{link}\n\n"
                f"The link works for {LINK_VALID_FOR.days} days. If something has changed, "
                "sign in and edit the listing instead. Listings not checked for 18 months "
                "are hidden from search until they are.",
                recipients,
                settings.DEFAULT_FROM_EMAIL,
            )
            sent += 1
        Service.objects.filter(pk=service.pk).update(review_reminder_sent_at=timezone.now())
    return sent


def hide_overdue(today: date) -> list[int]:
    """Hide listings not reviewed for 18 months and tell VRU staff which ones."""
    overdue = list(
        Service.objects.filter(
            live=True, hidden_for_review=False, last_reviewed__lte=today - HIDE_AFTER
        ).values_list("pk", "name")
    )
    if not overdue:
        return []
    ids = [pk for pk, _ in overdue]
    Service.objects.filter(pk__in=ids).update(hidden_for_review=True)
    indexing.reindex(ids)
    names = "\n".join(f"- {name}" for _, name in overdue)
    email_moderators(
        f"{len(ids)} directory listings hidden: not reviewed for 18 months",
        "These listings are now hidden from search. Nothing was deleted; they come back "
        "when the provider confirms or edits them. In the admin, filter listings by "
        f"'hidden for review'.\n\n{names}",
    )
    return ids
