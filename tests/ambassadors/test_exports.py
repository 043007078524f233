"""Both ambassador exports guard every cell a spreadsheet would run as a formula.

Free text reaches them from several people: topic names (coordinators), listing names
(providers), ambassadors' names, expenses descriptions and approvers' names. The old guard
covered some columns and missed tab and carriage-return prefixes.
"""

import csv
import io
from datetime import date

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from ambassadors.models import Claim
from assets_directory.models import Service
from tests.ambassadors.factories import ClaimFactory, OutreachLogFactory, TopicFactory
from tests.directory.factories import OrganisationFactory
from tests.factories import UserFactory

FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]
PAYLOADS = [
    f'{start}HYPERLINK("https://evil.example/{n}")' for n, start in enumerate(FORMULA_STARTS)
]


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(date(2026, 11, 25), tick=False):
        yield


def downloaded_cells(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]
    rows = csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline=""))
    return [cell for row in rows for cell in row]


def assert_all_guarded(cells: list[str], at_least: int) -> None:
    for payload in PAYLOADS:
        assert cells.count("'" + payload) >= at_least, repr(payload)
    unguarded = [cell for cell in cells if cell.startswith(tuple(FORMULA_STARTS))]
    assert unguarded == []


@pytest.mark.django_db
def test_the_dashboard_csv_guards_topic_and_listing_names(coordinator_client, ambassador):
    organisation = OrganisationFactory()
    for payload in PAYLOADS:
        log = OutreachLogFactory(ambassador=ambassador, date=date(2026, 11, 3))
        log.topics.set([TopicFactory(name=payload)])
        log.services_signposted.set(
            [Service.objects.create(organisation=organisation, name=payload)]
        )

    response = coordinator_client.get(reverse("ambassadors_dashboard_csv"))

    assert_all_guarded(downloaded_cells(response), at_least=2)  # a topic and a listing each


@pytest.mark.django_db
def test_the_finance_csv_guards_names_and_descriptions(coordinator_client):
    for payload in PAYLOADS:
        ClaimFactory(
            ambassador__display_name=payload,
            expenses_description=payload,
            status=Claim.Status.APPROVED,
            decided_by=UserFactory(first_name=payload),
            decided_at=timezone.now(),
        )

    response = coordinator_client.get(reverse("ambassadors_finance_csv"))

    # The ambassador and the description each; the approver too, unless get_full_name()
    # stripped the leading tab or carriage return (then it is no formula).
    assert_all_guarded(downloaded_cells(response), at_least=2)
