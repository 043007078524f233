"""Every e-mail the platform sends: rendered from templates, queued once the change commits.

WHY one module: a message queued inside a transaction that later rolls back would tell
someone about something that never happened, and a body written as an f-string in code
cannot be read or reworded by anyone who does not read Python. So every app calls
`send_templated` with a template name under its own `templates/<app>/email/`:

    <app>/email/<name>_subject.txt   one line
    <app>/email/<name>_message.txt   the plain-text body

The context always holds `site_url` (the public address, no trailing slash), so templates
build absolute links as `{{ site_url }}{{ path }}`. Delivery is a retrying Celery task.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import Context, Engine


def deliver(
    subject: str, body: str, to: list[str], html_body: str = "", from_email: str = ""
) -> int:
    """Hand one message to the mail server now. Raises OSError when it cannot be reached.

    For code that is itself the delivery (a task that must retry until the server accepts a
    message); everything else queues with `send_templated` or `queue_email`.
    """
    message = EmailMultiAlternatives(subject, body, from_email or settings.DEFAULT_FROM_EMAIL, to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    return message.send()


# The name it had in cms.accounts before the move: messages queued by the old code (or
# waiting to retry) are still delivered after an upgrade.
@shared_task(
    name="cms.accounts.tasks.send_email",
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
)
def send_email(subject: str, body: str, to: list[str], from_email: str, html_body: str = "") -> int:
    """Send one message. Retries with back-off while the mail server is unreachable."""
    return deliver(subject, body, to, html_body, from_email)


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


def queue_email(subject: str, body: str, to: Iterable[str], html_body: str = "") -> None:
    """Queue an already rendered message for delivery once the current transaction commits.

    `robust`: a broker failure after commit is logged, never turned into an error page for a
    change that was saved. Outside a transaction it is queued at once.
    """
    recipients = sorted({address for address in to if address})
    if not recipients:
        return
    from_email = settings.DEFAULT_FROM_EMAIL
    transaction.on_commit(
        lambda: send_email.delay(subject, body, recipients, from_email, html_body), robust=True
    )


def send_templated(
    template: str, to: Iterable[str], context: Mapping[str, Any] | None = None
) -> None:
    """Render `template` now (while the data is in hand) and queue it on commit."""
    subject, body = render_message(template, context)
    queue_email(subject, body, to)
