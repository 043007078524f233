"""E-mail alerts when a consultation opens in someone's area: subscribe, confirm by an
e-mailed link (double opt-in), get one alert per consultation, unsubscribe in one click.

WHY signed links (django.core.signing, a salt for each purpose): the links need no login and
no stored token, a changed character makes one useless, and a confirmation link cannot be used
to unsubscribe or the other way round. Each link names a subscription by its id and its random
`link_key`, never by the address, so addresses do not end up in web server logs.

WHY alerts only for consultations that open after confirming: a new subscriber is not sent a
burst of mail about consultations already open, which the Have your say page lists. Each alert
has an `once_key` in the outbox (cms/core/mail.py), so it goes once however often the task
runs, and a subscription deleted by unsubscribing is never sent another.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from cms.core import mail
from cms.core.areas import AREA_NAMES
from cms.core.models import OutgoingEmail

from .areas import area_names, covers
from .models import AlertSubscription, Audience, ConsultationPage
from .sending_limits import may_send_to

CONFIRM_SALT = "consultations.alerts.confirm"
UNSUBSCRIBE_SALT = "consultations.alerts.unsubscribe"
ALERT_CONFIRM_DAYS = 7
ALERT_KEY_PREFIX = "consultation-opened"


class LinkProblem(Exception):
    """A link from an alert e-mail that cannot be used; the message says what to do."""


@dataclass(frozen=True)
class ConfirmLink:
    subscription: AlertSubscription
    areas: list[str]

    @property
    def area_names(self) -> str:
        return area_names(self.areas)


def normalise_email(email: str) -> str:
    """One subscription per address, however it is typed."""
    return email.strip().lower()


def subscribe(email: str, areas: list[str]) -> None:
    """Keep the address unconfirmed (or find its subscription) and e-mail it a confirmation
    link carrying the areas asked for. The areas change only when the link is followed, so
    nobody can change what someone else's address receives. An address that has had its
    few links today is sent nothing more (sending_limits.py)."""
    if not may_send_to("alert-confirm", email):
        return
    subscription, created = AlertSubscription.objects.get_or_create(email=normalise_email(email))
    if not created and subscription.confirmed_at is None:
        subscription.requested_at = timezone.now()  # a new week for the new link
        subscription.save(update_fields=["requested_at"])
    token = signing.dumps(
        {"id": subscription.pk, "key": subscription.link_key, "areas": areas}, salt=CONFIRM_SALT
    )
    context = {
        "path": reverse("consultations:alerts_confirm", args=[token]),
        "areas": area_names(areas),
        "days": ALERT_CONFIRM_DAYS,
    }
    mail.send_templated("consultations/email/alert_confirm", [subscription.email], context)


def read_confirm_link(token: str) -> ConfirmLink:
    """The subscription and areas a confirmation link is for. Raises LinkProblem."""
    try:
        payload = signing.loads(
            token, salt=CONFIRM_SALT, max_age=timedelta(days=ALERT_CONFIRM_DAYS)
        )
    except signing.SignatureExpired as error:
        raise LinkProblem(
            f"This link has expired. Links work for {ALERT_CONFIRM_DAYS} days. "
            "Sign up again to get a new one."
        ) from error
    except signing.BadSignature as error:
        raise _not_valid() from error
    subscription = _subscription(payload)
    areas = payload.get("areas")
    if subscription is None:
        raise LinkProblem("This link no longer works. Sign up again to get a new one.")
    if not isinstance(areas, list) or not set(areas) <= set(AREA_NAMES):
        raise _not_valid()
    return ConfirmLink(subscription, areas)


def confirm(link: ConfirmLink) -> None:
    """Start (or change the areas of) the subscription; alerts go from now on."""
    subscription = link.subscription
    subscription.areas = link.areas
    subscription.confirmed_at = subscription.confirmed_at or timezone.now()
    subscription.save(update_fields=["areas", "confirmed_at"])


def unsubscribe_path(subscription: AlertSubscription) -> str:
    """The one-click unsubscribe link in every alert; it works for as long as the alert."""
    token = signing.dumps(
        {"id": subscription.pk, "key": subscription.link_key}, salt=UNSUBSCRIBE_SALT
    )
    return reverse("consultations:alerts_unsubscribe", args=[token])


def read_unsubscribe_link(token: str) -> AlertSubscription | None:
    """The subscription an unsubscribe link is for; None when it is already gone. Raises
    LinkProblem for a link that was changed."""
    try:
        payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature as error:
        raise _not_valid() from error
    return _subscription(payload)


def unsubscribe(subscription: AlertSubscription) -> None:
    """Delete the address, and any alert to it still waiting in the outbox."""
    with transaction.atomic():
        OutgoingEmail.objects.filter(
            sent_at__isnull=True,
            once_key__startswith=f"{ALERT_KEY_PREFIX}:",
            once_key__endswith=f":{subscription.pk}",
        ).delete()
        subscription.delete()


def send_opening_alerts(now: datetime | None = None) -> int:
    """E-mail each confirmed subscriber about each public consultation that has opened in
    their areas since they confirmed and is still open. Returns how many alerts were queued."""
    now = now or timezone.now()
    subscribers = list(AlertSubscription.objects.filter(confirmed_at__isnull=False))
    if not subscribers:
        return 0
    opened = (
        ConsultationPage.objects.live()
        .public()
        .filter(audience=Audience.PUBLIC, opens_at__lte=now, closes_at__gt=now)
        .order_by("opens_at")
    )
    queued = 0
    for page in opened:
        already = set(
            OutgoingEmail.objects.filter(
                once_key__startswith=f"{ALERT_KEY_PREFIX}:{page.pk}:"
            ).values_list("once_key", flat=True)
        )
        for subscriber in subscribers:
            key = f"{ALERT_KEY_PREFIX}:{page.pk}:{subscriber.pk}"
            wanted = subscriber.confirmed_at <= page.opens_at and covers(
                page.areas, subscriber.areas
            )
            if wanted and key not in already and _alert(page, subscriber, key):
                queued += 1
    return queued


def _alert(page: ConsultationPage, subscriber: AlertSubscription, key: str) -> bool:
    context: dict[str, Any] = {
        "page": page,
        "areas": area_names(page.areas),
        "closes": timezone.localtime(page.closes_at),
        "unsubscribe_path": unsubscribe_path(subscriber),
    }
    try:
        with transaction.atomic():  # another run of the task may have sent it first
            sent = mail.send_templated(
                "consultations/email/alert_opened", [subscriber.email], context, once_key=key
            )
    except IntegrityError:
        return False
    return sent is not None


def _subscription(payload: Any) -> AlertSubscription | None:
    """The subscription a link names, or None once it is deleted."""
    if not isinstance(payload, dict) or not isinstance(payload.get("id"), int):
        raise _not_valid()
    return AlertSubscription.objects.filter(pk=payload["id"], link_key=payload.get("key")).first()


def _not_valid() -> LinkProblem:
    return LinkProblem(
        "This link is not valid. Check you copied the whole link from the e-mail, or sign up again."
    )
