"""The required reading report: for each required document, which active ambassadors have
read it (and when) and which have not, on screen and as a CSV, for coordinators only."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from wagtail.models import Collection

from ambassadors.models import Ambassador
from ambassadors.resources import resources_collection
from cms.core.roles import VRU_STAFF
from tests.ambassadors.factories import AmbassadorFactory
from tests.ambassadors.test_resources import make_document

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def documents(db):
    private = resources_collection()
    return {
        "safeguarding": make_document("Safeguarding basics", private, required=True),
        "logs": make_document("What to record in a log", private, required=True),
        "optional": make_document("Signposting guide", private),
        "public": make_document("Annual report", Collection.get_first_root_node(), required=True),
    }


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def readers(documents):
    """Amira read both required documents, Dwayne one; Sofia none; a leaver read one."""
    amira = AmbassadorFactory(display_name="Amira K")
    dwayne = AmbassadorFactory(display_name="Dwayne R", kind=Ambassador.Kind.YOUTH)
    AmbassadorFactory(display_name="Sofia M")
    leaver = AmbassadorFactory(display_name="Left L")
    marks = [
        (amira, "safeguarding", datetime(2026, 10, 1, 9, tzinfo=LONDON)),
        (amira, "logs", datetime(2026, 10, 2, 9, tzinfo=LONDON)),
        (dwayne, "safeguarding", datetime(2026, 11, 3, 9, tzinfo=LONDON)),
        (leaver, "logs", datetime(2026, 9, 3, 9, tzinfo=LONDON)),
    ]
    for ambassador, key, when in marks:
        with time_machine.travel(when, tick=False):
            response = signed_in(ambassador.user).post(
                reverse("ambassadors:mark_read", args=[documents[key].pk])
            )
            assert response.status_code == 302
    leaver.status = Ambassador.Status.LEFT
    leaver.save()


@pytest.mark.django_db
def test_coordinators_see_who_has_read_each_document_and_who_has_not(coordinator_client, readers):
    response = coordinator_client.get(reverse("ambassadors_reading"))
    assert response.status_code == 200
    report = {item.document.title: item for item in response.context["report"]}
    # Only required documents in the private collection; by title.
    assert list(report) == ["Safeguarding basics", "What to record in a log"]

    safeguarding = report["Safeguarding basics"]
    assert [(amb.display_name, f"{at:%Y-%m-%d}") for amb, at in safeguarding.read] == [
        ("Amira K", "2026-10-01"),
        ("Dwayne R", "2026-11-03"),
    ]
    assert [amb.display_name for amb in safeguarding.not_read] == ["Sofia M"]
    logs = report["What to record in a log"]
    assert [amb.display_name for amb, _ in logs.read] == ["Amira K"]  # not the leaver
    assert [amb.display_name for amb in logs.not_read] == ["Dwayne R", "Sofia M"]

    body = response.content.decode()
    assert "2 of 3 active ambassadors have read it." in body
    assert "1 October 2026" in body
    assert "Left L" not in body


@pytest.mark.django_db
def test_the_report_downloads_as_a_csv(coordinator_client, readers):
    response = coordinator_client.get(reverse("ambassadors_reading_csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Document", "Ambassador", "Type", "Read", "Read on"]
    assert rows[1:] == [
        ["Safeguarding basics", "Amira K", "Community ambassador", "Yes", "2026-10-01"],
        ["Safeguarding basics", "Dwayne R", "Youth ambassador", "Yes", "2026-11-03"],
        ["Safeguarding basics", "Sofia M", "Community ambassador", "No", ""],
        ["What to record in a log", "Amira K", "Community ambassador", "Yes", "2026-10-02"],
        ["What to record in a log", "Dwayne R", "Youth ambassador", "No", ""],
        ["What to record in a log", "Sofia M", "Community ambassador", "No", ""],
    ]


@pytest.mark.django_db
def test_with_no_required_documents_the_report_says_so(coordinator_client):
    response = coordinator_client.get(reverse("ambassadors_reading"))
    assert b"No documents are tagged required reading." in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["ambassadors_reading", "ambassadors_reading_csv"])
@pytest.mark.parametrize("who", ["ambassador", "VRU staff", "public"])
def test_only_coordinators_see_the_report(client, mfa_user, readers, url_name, who):
    if who == "ambassador":
        client.force_login(Ambassador.objects.get(display_name="Sofia M").user)
    elif who == "VRU staff":
        client.force_login(mfa_user(roles=[VRU_STAFF])[0])
    response = client.get(reverse(url_name))
    assert response.status_code in (302, 403)
    assert b"Amira K" not in response.content
