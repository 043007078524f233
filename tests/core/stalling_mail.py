"""A mail backend for the worker in the fault tests: files each message in FAULT_MAIL_DIR.

The first delivery ever stalls, as an SMTP conversation does when the server stops
answering, after leaving a marker: the test kills the worker while it waits there.
"""

import os
import time
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend

STARTED_MARKER = "first-delivery-started"


class StallingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        folder = Path(os.environ["FAULT_MAIL_DIR"])
        marker = folder / STARTED_MARKER
        if not marker.exists():
            marker.touch()
            time.sleep(120)
        for message in email_messages:
            (folder / f"{uuid.uuid4().hex}.eml").write_bytes(message.message().as_bytes())
        return len(email_messages)
