"""What the accounts app stores itself: which accounts people made for themselves."""

from django.conf import settings
from django.db import models


class SelfServiceSignup(models.Model):
    """An account its owner made on the sign-up page (allauth's `user_signed_up`).

    WHY: the retention rule removes sign-ups never confirmed within a week. Accounts made by
    staff (for an ambassador, say) or holding a role are not sign-ups and are never removed.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="self_service_signup"
    )
    signed_up_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Sign-up {self.pk}"
