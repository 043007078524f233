"""Print the current authenticator code for the demo staff login, so a newcomer needs no app."""

import time
from typing import Any

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from .load_demo import DEMO_TOTP_SECRET

TOTP_PERIOD_SECONDS = 30


class Command(BaseCommand):
    help = "Print the demo staff account's current 6-digit code (development only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("Only available with DEBUG on: it is for the local demo.")
        counter = int(time.time()) // TOTP_PERIOD_SECONDS
        self.stdout.write(format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter)))
