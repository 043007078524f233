"""Account bookkeeping on allauth's and Django's signals."""

from typing import Any

from allauth.account.models import EmailAddress
from allauth.account.signals import user_signed_up
from django.contrib.auth import get_user_model
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.http import HttpRequest

from .models import SelfServiceSignup


@receiver(user_signed_up)
def remember_self_service_signup(request: HttpRequest, user: Any, **kwargs: Any) -> None:
    SelfServiceSignup.objects.get_or_create(user=user)


def lower_case_email(sender: type, instance: Any, **kwargs: Any) -> None:
    """allauth finds people by the lower-cased address; one typed with capitals by staff
    (or `createsuperuser`) would otherwise never match at sign-in."""
    if instance.email:
        instance.email = instance.email.strip().lower()


pre_save.connect(lower_case_email, sender=get_user_model(), dispatch_uid="lower_case_user_email")
pre_save.connect(lower_case_email, sender=EmailAddress, dispatch_uid="lower_case_address")
