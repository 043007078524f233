"""Account tasks: mail through Celery, and the retention rule for unconfirmed sign-ups."""

import os
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from cms import celery_app
from cms.accounts.models import SelfServiceSignup
from cms.accounts.tasks import purge_unverified_accounts
from cms.core.mail import send_email


def _stale_unverified_user(username: str):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw-123456789")
    user.date_joined = timezone.now() - timedelta(days=8)
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    SelfServiceSignup.objects.create(user=user)  # as the sign-up page records it
    return user


@pytest.mark.django_db
def test_purge_removes_only_stale_unverified_accounts(make_user):
    stale = _stale_unverified_user("stale")
    fresh = get_user_model().objects.create_user("fresh", "fresh@example.org", "pw-123456789")
    verified_old = make_user(username="verified")
    verified_old.date_joined = timezone.now() - timedelta(days=30)
    verified_old.save()

    assert purge_unverified_accounts.delay().get() == 1

    remaining = set(get_user_model().objects.values_list("username", flat=True))
    assert stale.username not in remaining
    assert {fresh.username, verified_old.username} <= remaining


@pytest.mark.redis
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (CI PostgreSQL run)")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_tasks_run_on_a_real_worker_through_redis(real_worker):
    assert celery_app.conf.broker_url.startswith("redis://")
    stale = _stale_unverified_user("stale-on-worker")

    result = send_email.delay("Hello", "Body", ["someone@example.org"], "hub@example.org")
    assert result.get(timeout=20) == 1
    assert mail.outbox[-1].subject == "Hello"

    purged = purge_unverified_accounts.delay()
    assert purged.get(timeout=20) == 1
    assert not get_user_model().objects.filter(pk=stale.pk).exists()
