"""The demo ambassadors, and what a person can export of their ambassador data."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Max, Min
from django.urls import reverse
from django.utils import timezone

from ambassadors import demo
from ambassadors.models import Ambassador, Claim, OutreachLog
from cms.core.areas import AREAS
from tests.ambassadors.factories import ClaimFactory, OutreachLogFactory


@pytest.mark.django_db
def test_the_demo_has_12_ambassadors_with_six_months_of_outreach_everywhere(capsys):
    demo.load()
    assert Ambassador.objects.count() == 12
    assert {a.kind for a in Ambassador.objects.all()} == {"community", "youth"}
    emails = (
        get_user_model().objects.filter(ambassador__isnull=False).values_list("email", flat=True)
    )
    assert all(email.endswith("@example.org") for email in emails)
    assert not any(
        user.has_usable_password()
        for user in get_user_model().objects.filter(ambassador__isnull=False)
    )

    span = OutreachLog.objects.aggregate(first=Min("date"), last=Max("date"))
    assert span["last"] - span["first"] >= timedelta(days=170)
    assert span["last"] <= timezone.localdate()
    assert set(OutreachLog.objects.values_list("area", flat=True)) == {area.slug for area in AREAS}
    for ambassador in Ambassador.objects.all():
        assert ambassador.outreach_logs.count() >= 30
    assert Claim.objects.filter(status=Claim.Status.SUBMITTED).exists()
    assert capsys.readouterr().out == ""

    counts = (Ambassador.objects.count(), OutreachLog.objects.count(), Claim.objects.count())
    demo.load()
    assert (
        Ambassador.objects.count(),
        OutreachLog.objects.count(),
        Claim.objects.count(),
    ) == counts


@pytest.mark.django_db
def test_an_ambassador_can_export_their_data(ambassador_client, ambassador, other_ambassador):
    OutreachLogFactory(ambassador=ambassador, what_we_heard="Mine to export")
    OutreachLogFactory(ambassador=other_ambassador, what_we_heard="Not mine")
    ClaimFactory(ambassador=ambassador)
    response = ambassador_client.get(reverse("account_export_data"))
    data = json.loads(response.content)["ambassador"]
    assert data["name"] == "Amira K"
    assert [log["what_we_heard"] for log in data["outreach_logs"]] == ["Mine to export"]
    assert len(data["claims"]) == 1


@pytest.mark.django_db
def test_deleting_the_account_keeps_the_logs_but_unlinks_them(ambassador):
    log = OutreachLogFactory(ambassador=ambassador)
    ambassador.user.delete()
    ambassador.refresh_from_db()
    assert ambassador.user is None
    assert OutreachLog.objects.filter(pk=log.pk).exists()
