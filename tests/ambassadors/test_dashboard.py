"""The coordinator's dashboard: figures by area, month, age band and topic, and its CSV."""

import csv
import io
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from ambassadors.models import Ambassador
from ambassadors.reporting import months_back
from tests.ambassadors.factories import ClaimFactory, OutreachLogFactory, TopicFactory


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(date(2026, 11, 25), tick=False):
        yield


@pytest.fixture
def logs(ambassador, other_ambassador):
    knives, drugs = TopicFactory(name="Knife crime"), TopicFactory(name="Drugs and alcohol")
    first = OutreachLogFactory(
        ambassador=ambassador,
        area="mansfield",
        date=date(2026, 11, 3),
        duration_minutes=90,
        reached_11_to_15=10,
        reached_18_to_24=0,
    )
    first.topics.set([knives, drugs])
    second = OutreachLogFactory(
        ambassador=other_ambassador,
        area="mansfield",
        date=date(2026, 10, 12),
        duration_minutes=30,
        reached_11_to_15=0,
        reached_18_to_24=0,
        reached_25_plus=7,
    )
    second.topics.set([knives])
    OutreachLogFactory(
        ambassador=other_ambassador,
        area="bassetlaw",
        date=date(2026, 9, 1),
        reached_11_to_15=2,
        reached_18_to_24=1,
    )
    OutreachLogFactory(ambassador=ambassador, area="gedling", date=date(2025, 1, 1))  # too old


def test_months_back():
    assert months_back(date(2026, 11, 25), 6) == date(2026, 6, 1)
    assert months_back(date(2026, 2, 1), 3) == date(2025, 12, 1)


@pytest.mark.django_db
def test_the_dashboard_shows_charts_and_the_tables_behind_them(coordinator_client, logs):
    ClaimFactory(ambassador__display_name="Claimant C")
    response = coordinator_client.get(reverse("ambassadors_dashboard"))
    assert response.status_code == 200
    sections = {section.key: section for section in response.context["sections"]}

    by_area = {label: values for label, values in sections["area"].table}
    assert by_area["Mansfield"] == [2, 17, 2.0]  # activities, people, hours
    assert by_area["Bassetlaw"] == [1, 3, 1.0]
    assert by_area["Gedling"] == [0, 0, 0.0]  # shown, because a gap is worth seeing
    assert len(by_area) == 8

    by_month = {label: values[0] for label, values in sections["month"].table}
    assert list(by_month) == [
        "June 2026",
        "July 2026",
        "August 2026",
        "September 2026",
        "October 2026",
        "November 2026",
    ]
    assert by_month["September 2026"] == 1 and by_month["November 2026"] == 1

    ages = dict((label, values[0]) for label, values in sections["age"].table)
    assert ages == {"Under 11": 0, "11 to 15": 12, "16 to 17": 0, "18 to 24": 1, "25 and over": 7}
    assert sections["topics"].table[0] == ("Knife crime", [2])

    body = response.content.decode()
    assert 'class="amb-chart" aria-hidden="true"' in body
    assert "Claimant C" in body  # claims awaiting approval
    assert "Services signposted" in body


@pytest.mark.django_db
def test_the_dashboard_csv_matches_the_tables(coordinator_client, logs):
    response = coordinator_client.get(reverse("ambassadors_dashboard_csv"), {"months": "12"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Section", "Label", "Activities", "People reached", "Hours"]
    assert ["Outreach by area", "Mansfield", "2", "17", "2.0"] in rows
    assert ["People reached by age band", "25 and over", "", "7", ""] in rows
    assert ["Top topics", "Drugs and alcohol", "1", "", ""] in rows
    assert sum(1 for row in rows if row[0] == "Outreach by month") == 12


@pytest.mark.django_db
def test_an_unknown_period_falls_back_to_six_months(coordinator_client, logs):
    response = coordinator_client.get(reverse("ambassadors_dashboard"), {"months": "999"})
    assert response.status_code == 200
    assert response.context["period"] == "6"


@pytest.mark.django_db
def test_coordinators_can_open_the_ambassador_record_form(coordinator_client, ambassador):
    assert (
        coordinator_client.get(reverse("wagtailsnippets_ambassadors_ambassador:add")).status_code
        == 200
    )
    edit = reverse("wagtailsnippets_ambassadors_ambassador:edit", args=[ambassador.pk])
    response = coordinator_client.get(edit)
    assert response.status_code == 200
    assert b"Parental consent recorded on" in response.content
    assert b"Areas and wards covered" in response.content


def ambassador_form(**overrides) -> dict:
    data = {
        "display_name": "Sofia M",
        "user": "",
        "kind": "youth",
        "status": "active",
        "start_date": "2026-09-01",
        "dbs_checked_on": "2026-08-01",
        "dbs_expires_on": "2029-08-01",
        "under_18": "on",
        "parental_consent_recorded_on": "",
        "areas_covered-TOTAL_FORMS": "1",
        "areas_covered-INITIAL_FORMS": "0",
        "areas_covered-MIN_NUM_FORMS": "0",
        "areas_covered-MAX_NUM_FORMS": "1000",
        "areas_covered-0-area": "nottingham-city",
        "areas_covered-0-ward": "Meadows",
        "areas_covered-0-ORDER": "1",
        "training_records-TOTAL_FORMS": "1",
        "training_records-INITIAL_FORMS": "0",
        "training_records-MIN_NUM_FORMS": "0",
        "training_records-MAX_NUM_FORMS": "1000",
        "training_records-0-module": "Safeguarding",
        "training_records-0-completed_on": "2026-09-10",
        "training_records-0-expires_on": "2027-09-10",
        "training_records-0-ORDER": "1",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_a_coordinator_records_a_youth_ambassador_with_consent(coordinator_client):
    url = reverse("wagtailsnippets_ambassadors_ambassador:add")
    refused = coordinator_client.post(url, ambassador_form())
    assert refused.status_code == 200
    assert b"Record the date of parental consent" in refused.content
    assert not Ambassador.objects.exists()

    coordinator_client.post(url, ambassador_form(parental_consent_recorded_on="2026-08-20"))
    sofia = Ambassador.objects.get()
    assert sofia.parental_consent_recorded_on == date(2026, 8, 20)
    assert [str(area) for area in sofia.areas_covered.all()] == ["Nottingham City (Meadows)"]
    assert sofia.training_records.get().module == "Safeguarding"


@pytest.fixture
def filtered_logs(ambassador, other_ambassador, logs):
    """On top of `logs`: Sofia, a youth ambassador, in Mansfield; approved and queried hours."""
    from tests.ambassadors.factories import AmbassadorFactory

    sofia = AmbassadorFactory(display_name="Sofia M", kind=Ambassador.Kind.YOUTH)
    OutreachLogFactory(ambassador=sofia, area="mansfield", date=date(2026, 11, 10))
    for log in ambassador.outreach_logs.filter(date__gte=date(2026, 6, 1)):
        log.status = log.Status.APPROVED
        log.save()
    queried = other_ambassador.outreach_logs.get(area="mansfield")
    queried.status = queried.Status.QUERIED
    queried.decision_reason = "Check the minutes"
    queried.save()
    approved = other_ambassador.outreach_logs.get(area="bassetlaw")
    approved.status = approved.Status.APPROVED
    approved.save()
    return sofia


def area_table(response, key="area") -> dict:
    sections = {section.key: section for section in response.context["sections"]}
    return {label: values for label, values in sections[key].table}


@pytest.mark.django_db
def test_the_dashboard_filters_by_ambassador_type_and_area(
    coordinator_client, ambassador, filtered_logs
):
    url = reverse("ambassadors_dashboard")
    everyone = area_table(coordinator_client.get(url))
    assert everyone["Mansfield"][0] == 3 and everyone["Bassetlaw"][0] == 1

    youth = coordinator_client.get(url, {"kind": "youth"})
    assert area_table(youth)["Mansfield"][0] == 1
    assert area_table(youth)["Bassetlaw"][0] == 0

    amira = coordinator_client.get(url, {"ambassador": ambassador.pk})
    assert area_table(amira)["Mansfield"][0] == 1
    assert area_table(amira)["Bassetlaw"][0] == 0

    mansfield = coordinator_client.get(url, {"area": "mansfield", "months": "12"})
    assert area_table(mansfield)["Mansfield"][0] == 3
    assert area_table(mansfield)["Bassetlaw"][0] == 0
    assert mansfield.context["filter_errors"] == []
    # The CSV link carries the same filters.
    assert b"export.csv?area=mansfield&amp;months=12" in mansfield.content


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"ambassador": "999999"}, "Choose an ambassador from the list."),
        ({"ambassador": "amira"}, "Choose an ambassador from the list."),
        ({"kind": "grown-up"}, "Choose a type of ambassador from the list."),
        ({"area": "lincoln"}, "Choose an area from the list."),
    ],
)
def test_bad_filters_get_a_clear_message_and_the_figures_for_everyone(
    coordinator_client, filtered_logs, query, message
):
    response = coordinator_client.get(reverse("ambassadors_dashboard"), query)
    assert response.status_code == 200
    assert response.context["filter_errors"] == [message]
    assert message in response.content.decode()
    assert area_table(response)["Mansfield"][0] == 3  # nothing was filtered

    csv_response = coordinator_client.get(reverse("ambassadors_dashboard_csv"), query)
    assert csv_response.status_code == 400
    assert message in csv_response.content.decode()


@pytest.mark.django_db
def test_the_dashboard_shows_area_by_month(coordinator_client, filtered_logs):
    response = coordinator_client.get(reverse("ambassadors_dashboard"))
    matrices = {matrix.key: matrix for matrix in response.context["matrices"]}
    area_month = matrices["area-month"]
    assert area_month.columns == [
        "Jun 2026",
        "Jul 2026",
        "Aug 2026",
        "Sep 2026",
        "Oct 2026",
        "Nov 2026",
    ]
    table = dict(area_month.table)
    assert len(table) == 8
    assert table["Mansfield"] == [0, 0, 0, 0, 1, 2]
    assert table["Bassetlaw"] == [0, 0, 0, 1, 0, 0]
    assert table["Gedling"] == [0] * 6  # the 2025 log is outside the period
    assert b"Outreach by area by month (activities)" in response.content

    youth = coordinator_client.get(reverse("ambassadors_dashboard"), {"kind": "youth"})
    youth_table = dict({m.key: m for m in youth.context["matrices"]}["area-month"].table)
    assert youth_table["Mansfield"] == [0, 0, 0, 0, 0, 1]


@pytest.mark.django_db
def test_the_dashboard_totals_approved_hours_per_ambassador_per_month(
    coordinator_client, filtered_logs
):
    response = coordinator_client.get(reverse("ambassadors_dashboard"))
    hours = dict({m.key: m for m in response.context["matrices"]}["approved-hours"].table)
    # Amira's 90 minutes in November; Dwayne's queried October log does not count, his
    # approved September hour does; Sofia has nothing approved.
    assert hours == {
        "Amira K": [0, 0, 0, 0, 0, 1.5],
        "Dwayne R": [0, 0, 0, 1.0, 0, 0],
    }
    # Awaiting counts every log still to decide, whatever its date: Sofia's and Amira's 2025 one.
    assert response.context["hours_awaiting"] == 2

    rows = list(
        csv.reader(
            io.StringIO(
                coordinator_client.get(reverse("ambassadors_dashboard_csv")).content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert [
        "Approved hours by ambassador by month",
        "Amira K",
        *["0.0"] * 5,
        "1.5",
    ] in rows
    assert [
        "Outreach by area by month (activities)",
        "Mansfield",
        "0",
        "0",
        "0",
        "0",
        "1",
        "2",
    ] in rows
