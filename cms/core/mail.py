"""Every e-mail the platform sends: rendered from templates, kept in a durable outbox.

WHY one module: a message queued inside a transaction that later rolls back would tell
someone about something that never happened, and a body written as an f-string in code
cannot be read or reworded by anyone who does not read Python. So every app calls
`send_templated` with a template name under its own `templates/<app>/email/`:

    <app>/email/<name>_subject.txt   one line
    <app>/email/<name>_message.txt   the plain-text body

The context always holds `site_url` (the public address, no trailing slash), so templates
build absolute links as `{{ site_url }}{{ path }}`.

WHY an outbox: each message is a row (`OutgoingEmail`) written in the same transaction as
the change it tells of, so it exists exactly when the change does. Once that commits a worker
is asked to deliver it; the row is marked sent only after the mail server accepted it. A
worker killed mid-send, a Redis outage or an SMTP outage leaves the row unsent, and the beat
sweep (`sweep_outbox`, every minute) delivers it later. Delivery locks the row, so the
queued task and the sweep never both send the same message: it arrives once.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

from celery import Task, shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import Context, Engine
from django.utils import timezone

from .models import OutgoingEmail
from .queue import publish

logger = logging.getLogger(__name__)

# The queued task normally sends a new message within seconds; the sweep leaves it that long
# before stepping in, then backs off after each failure up to the longest wait below.
SWEEP_GRACE = timedelta(minutes=1)
LONGEST_WAIT = timedelta(minutes=15)
SWEEP_BATCH = 200


def deliver(
    subject: str, body: str, to: list[str], html_body: str = "", from_email: str = ""
) -> int:
    """Hand one message to the mail server now. Raises OSError when it cannot be reached.

    Only the outbox calls this; everything else uses `send_templated` or `queue_email`.
    """
    message = EmailMultiAlternatives(subject, body, from_email or settings.DEFAULT_FROM_EMAIL, to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    return message.send()


def deliver_outgoing(message_id: int) -> bool:
    """Send one outbox message unless it is already sent or being sent by another worker.

    The row stays locked while the server is spoken to, so a second worker (a redelivered
    task, the sweep) skips it; if this worker dies, the database drops the lock and the
    message is still unsent. True when this call sent it.
    """
    with transaction.atomic():
        message = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, sent_at__isnull=True)
            .first()
        )
        if message is None:
            return False
        try:
            deliver(
                message.subject, message.body, message.to, message.html_body, message.from_email
            )
        except OSError as error:  # smtplib's errors are OSErrors
            message.attempts += 1
            wait = min(SWEEP_GRACE * 2**message.attempts, LONGEST_WAIT)
            message.next_attempt_at = timezone.now() + wait
            message.last_error = str(error)[:500]
            message.save(update_fields=["attempts", "next_attempt_at", "last_error"])
            logger.warning("E-mail %s not sent (%s); the sweep will retry", message_id, error)
            return False
        # Sent: the text and addresses have no further use, only the fact that it went.
        OutgoingEmail.objects.filter(pk=message_id).update(
            sent_at=timezone.now(),
            attempts=message.attempts + 1,
            subject="",
            body="",
            html_body="",
            to=[],
            last_error="",
        )
    return True


@shared_task(name="cms.core.mail.deliver_outgoing_email")
def deliver_outgoing_email(message_id: int) -> bool:
    """Deliver one outbox message (queued when it is written). Failures wait for the sweep."""
    return deliver_outgoing(message_id)


@shared_task(name="cms.core.mail.sweep_outbox")
def sweep_outbox() -> int:
    """Every minute (beat): deliver the unsent messages that are due. Returns how many went."""
    due = OutgoingEmail.objects.filter(
        sent_at__isnull=True, next_attempt_at__lte=timezone.now()
    ).order_by("next_attempt_at")
    return sum(deliver_outgoing(pk) for pk in due.values_list("pk", flat=True)[:SWEEP_BATCH])


# The name the delivery task had before the outbox: messages queued by the old code are put
# in the outbox and delivered from there, so an upgrade loses none.
@shared_task(name="cms.accounts.tasks.send_email", bind=True)
def send_email(
    self: Task, subject: str, body: str, to: list[str], from_email: str, html_body: str = ""
) -> bool:
    """A message queued by the code before the outbox: keep it (once per task, however
    often the task is delivered), then deliver it."""
    key = f"legacy-task:{self.request.id}"
    message = OutgoingEmail.objects.filter(once_key=key).first()
    message = message or _keep(subject, body, to, html_body, from_email, once_key=key)
    return deliver_outgoing(message.pk)


def site_url() -> str:
    """The public address links in e-mails start with, without a trailing slash."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def render_message(template: str, context: Mapping[str, Any] | None = None) -> tuple[str, str]:
    """The (subject, body) of `template`, e.g. "gaps/email/proposed"."""
    full = {"site_url": site_url(), **(context or {})}
    subject = " ".join(_render_plain_text(f"{template}_subject.txt", full).split())
    body = _render_plain_text(f"{template}_message.txt", full).strip() + "\n"
    return subject, body


def _render_plain_text(name: str, context: dict[str, Any]) -> str:
    """Plain text, so nothing is HTML-escaped: a name like O'Neill & Sons arrives as typed."""
    return Engine.get_default().get_template(name).render(Context(context, autoescape=False))


def _keep(
    subject: str,
    body: str,
    to: list[str],
    html_body: str = "",
    from_email: str = "",
    once_key: str | None = None,
) -> OutgoingEmail:
    return OutgoingEmail.objects.create(
        once_key=once_key,
        subject=subject,
        body=body,
        html_body=html_body,
        to=to,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        next_attempt_at=timezone.now() + SWEEP_GRACE,
    )


def queue_email(
    subject: str,
    body: str,
    to: Iterable[str],
    html_body: str = "",
    *,
    once_key: str | None = None,
) -> OutgoingEmail | None:
    """Put an already rendered message in the outbox; deliver it once the transaction commits.

    The row is part of the caller's transaction: a change that rolls back sends nothing. If
    the broker cannot take the delivery job, the sweep sends the message instead. None when
    there is nobody to send to, or when a message with `once_key` was already kept (so a task
    run twice, as a redelivered task is, sends it once; the unique key settles a race).
    """
    recipients = sorted({address for address in to if address})
    if not recipients or (once_key and OutgoingEmail.objects.filter(once_key=once_key).exists()):
        return None
    message = _keep(subject, body, recipients, html_body, once_key=once_key)
    message_id = message.pk
    transaction.on_commit(lambda: publish(deliver_outgoing_email, message_id))
    return message


def send_templated(
    template: str,
    to: Iterable[str],
    context: Mapping[str, Any] | None = None,
    *,
    once_key: str | None = None,
) -> OutgoingEmail | None:
    """Render `template` now (while the data is in hand) and put it in the outbox."""
    subject, body = render_message(template, context)
    return queue_email(subject, body, to, once_key=once_key)
