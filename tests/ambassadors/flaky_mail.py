"""A mail backend that fails a set number of times before delivering, like a flaky SMTP server."""

import smtplib

from django.core.mail.backends import locmem


class FlakyBackend(locmem.EmailBackend):
    failures_left = 0
    attempts = 0

    def send_messages(self, messages):
        cls = type(self)
        cls.attempts += 1
        if cls.failures_left > 0:
            cls.failures_left -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)
