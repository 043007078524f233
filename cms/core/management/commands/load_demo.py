"""Load realistic demo content for Nottingham and Nottinghamshire. Safe to run twice."""

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from cms.core.discovery import project_app_modules
from cms.core.roles import AMBASSADOR_COORDINATOR, VRU_STAFF

DEMO_STAFF_EMAIL = "staff@example.org"
DEMO_STAFF_PASSWORD = "notts-demo-2026"
# A fixed secret so the person trying the demo can add it to an authenticator app.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPNOTTSHUBDEMOKEYS"


class Command(BaseCommand):
    help = "Load demo pages, listings and accounts. Running it again changes nothing."

    def handle(self, *args: Any, **options: Any) -> None:
        # Each app's `demo.load()`, in INSTALLED_APPS order (which puts pages first).
        for module in project_app_modules("demo"):
            self.stdout.write(f"Loading {module.__name__} …")
            module.load()
        created = self._staff_login()
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        if not created:
            self.stdout.write("The staff account already existed and was left unchanged.")
        self.stdout.write(
            "\n".join(
                [
                    "",
                    "Staff login (Wagtail admin at http://127.0.0.1:8000/admin/):",
                    f"  email:    {DEMO_STAFF_EMAIL}",
                    f"  password: {DEMO_STAFF_PASSWORD}",
                    f"  authenticator secret: {DEMO_TOTP_SECRET}",
                    "  Staff must use a second factor. Add the secret to an authenticator app,",
                    "  or run `make totp` for the current 6-digit code.",
                ]
            )
        )

    @transaction.atomic
    def _staff_login(self) -> bool:
        user, created = get_user_model().objects.get_or_create(
            username="vru-staff",
            defaults={"email": DEMO_STAFF_EMAIL, "first_name": "Demo", "last_name": "Staff"},
        )
        if not created:
            return False
        user.set_password(DEMO_STAFF_PASSWORD)
        user.save()
        # One login shows every part of the admin: pages, listings and the ambassadors.
        user.groups.add(*Group.objects.filter(name__in=[VRU_STAFF, AMBASSADOR_COORDINATOR]))
        EmailAddress.objects.create(user=user, email=DEMO_STAFF_EMAIL, verified=True, primary=True)
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, DEMO_TOTP_SECRET)
        return True
