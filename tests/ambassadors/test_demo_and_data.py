"""The demo ambassadors, and what a person can export of their ambassador data."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Max, Min
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model

from ambassadors import demo
from ambassadors.models import Ambassador, Claim, OutreachLog, ReadingDone
from ambassadors.resources import resources_collection
from cms.core.areas import AREAS
from tests.ambassadors.factories import (
    ClaimFactory,
    OutreachLogFactory,
    TopicFactory,
    TrainingRecordFactory,
)
from tests.directory.factories import publish_service
from tests.factories import PASSWORD


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


@pytest.fixture
def ambassador_records(ambassador, coordinator):
    """A log with a topic and a signposted service, a decided claim and a reading record."""
    log = OutreachLogFactory(ambassador=ambassador, what_we_heard="Mine to export")
    log.topics.add(TopicFactory(name="Knife crime"))
    log.services_signposted.add(publish_service(name="Bulwell Boxing Club"))
    TrainingRecordFactory(ambassador=ambassador, module="Trauma-informed practice")
    claim = ClaimFactory(ambassador=ambassador)
    claim.decide(Claim.Status.REJECTED, by=coordinator, reason="The receipt is unreadable.")
    document = get_document_model().objects.create(
        title="Safeguarding basics", collection=resources_collection(), file="safeguarding.txt"
    )
    ReadingDone.objects.create(ambassador=ambassador, document=document)
    return log


@pytest.mark.django_db
def test_an_ambassador_can_export_every_record_about_them(
    ambassador_client, ambassador, other_ambassador, ambassador_records
):
    OutreachLogFactory(ambassador=other_ambassador, what_we_heard="Not mine")
    response = ambassador_client.get(reverse("account_export_data"))
    data = json.loads(response.content)["ambassador"]
    assert data["name"] == "Amira K"
    [log] = data["outreach_logs"]
    assert log["what_we_heard"] == "Mine to export"
    assert log["topics"] == ["Knife crime"]
    assert log["services_signposted"] == ["Bulwell Boxing Club"]
    [claim] = data["claims"]
    assert claim["status"] == "Rejected"
    assert claim["decided_at"] and claim["decision_reason"] == "The receipt is unreadable."
    assert [r["document"] for r in data["required_reading_done"]] == ["Safeguarding basics"]
    assert [t["module"] for t in data["training"]] == ["Trauma-informed practice"]


@pytest.mark.django_db
def test_deleting_the_account_anonymises_the_ambassador_and_says_what_is_kept(
    ambassador_client, ambassador, ambassador_records, home_page
):
    page = ambassador_client.get(reverse("account_delete"))
    assert "Your outreach logs stay, without your name or your notes" in page.content.decode()

    response = ambassador_client.post(
        reverse("account_delete"), {"password": PASSWORD}, follow=True
    )

    body = response.content.decode()
    assert "Your account and your personal details have been deleted." in body
    assert "Your expense claims stay, without your name, for six years" in body
    ambassador.refresh_from_db()
    assert ambassador.user is None
    assert "Amira" not in ambassador.display_name
    assert (ambassador.dbs_checked_on, ambassador.dbs_expires_on) == (None, None)
    assert ambassador.status == Ambassador.Status.LEFT
    assert not ambassador.training_records.exists()
    assert not ambassador.reading_done.exists()
    log = OutreachLog.objects.get(pk=ambassador_records.pk)
    assert log.what_we_heard == ""
    assert log.people_reached == 6 and log.topics.count() == 1
    assert ambassador.claims.count() == 1
