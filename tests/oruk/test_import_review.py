"""An imported listing and our review cycle: upstream's assured_date is upstream's (kept and
served back), but our 12- and 18-month clock starts when we imported it, so a record upstream
last assured long ago is not hidden, nor its provider emailed, the night it arrives."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from assets_directory import review
from assets_directory.models import Service
from assets_directory.oruk.importer import import_records
from tests.oruk.factories import feed_record

pytestmark = pytest.mark.django_db

LONG_AGO = "2005-01-01"


def _import(**overrides) -> Service:
    import_records("county", [feed_record("c-1", "Old youth club", **overrides)])
    return Service.objects.get(name="Old youth club")


def test_an_old_assured_date_is_kept_but_does_not_hide_the_listing_at_import(client):
    club = _import(assured_date=LONG_AGO)
    today = timezone.localdate()
    assert review.hide_overdue(today) == []
    assert review.send_reminders(today) == 0 and mail.outbox == []
    club.refresh_from_db()
    assert club.last_reviewed == date(2005, 1, 1) and not club.hidden_for_review
    assert Service.objects.searchable().filter(pk=club.pk).exists()
    served = client.get(f"/api/services/{club.uuid}").json()
    assert served["assured_date"] == LONG_AGO  # upstream's date, passed on as it came


def test_our_clock_for_an_imported_listing_runs_from_its_last_change_upstream():
    club = _import(assured_date=LONG_AGO)
    today = timezone.localdate()
    assert review.hide_overdue(today + timedelta(days=365)) == []
    assert review.hide_overdue(today + review.HIDE_AFTER + timedelta(days=1)) == [club.pk]
    club.refresh_from_db()
    assert club.hidden_for_review


def test_an_upstream_change_restarts_the_clock():
    club = _import(assured_date=LONG_AGO)
    later = timezone.now() + timedelta(days=400)
    with time_machine.travel(later, tick=False):
        club = _import(assured_date=LONG_AGO, description="Now with a hot meal.")
    assert review.hide_overdue(timezone.localdate() + review.HIDE_AFTER) == []
    assert review.hide_overdue(later.date() + review.HIDE_AFTER + timedelta(days=1)) == [club.pk]


def test_a_listing_of_ours_is_still_hidden_at_18_months():
    """Only imported listings count from their import: ours keep the plain rule."""
    club = _import(assured_date=LONG_AGO)
    club.listing_source.delete()
    assert review.hide_overdue(timezone.localdate()) == [club.pk]
