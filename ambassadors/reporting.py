"""The coordinator's picture of outreach: figures for the dashboard and its CSV export.

Each function returns plain rows (dicts) so the dashboard's charts, its tables and the CSV all
show the same numbers. The CSV rows go to `cms.core.exports`, which guards every cell.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Count, F, Sum
from django.db.models.functions import TruncMonth
from django.db.models.query import QuerySet
from wagtail.documents.models import AbstractDocument

from cms.core.areas import AREAS

from .models import AGE_BANDS, Ambassador, Claim, OutreachLog, ReadingDone
from .resources import required_documents

COLUMN_LABELS = {"activities": "Activities", "people": "People reached", "hours": "Hours"}
PEOPLE = sum((F(field) for field, _ in AGE_BANDS[1:]), F(AGE_BANDS[0][0]))


@dataclass
class Section:
    """One block of the dashboard: a heading, a chart and the table behind it."""

    key: str
    title: str
    label_heading: str
    measure: str  # which row value the chart draws
    rows: list[dict]

    @property
    def bars(self) -> list[tuple[str, int, int]]:
        """(label, value, percentage of the largest value) for each bar of the chart."""
        largest = max((row[self.measure] for row in self.rows), default=0) or 1
        return [
            (row["label"], row[self.measure], round(100 * row[self.measure] / largest))
            for row in self.rows
        ]

    @property
    def columns(self) -> list[str]:
        return [COLUMN_LABELS[key] for key in COLUMN_LABELS if self.rows and key in self.rows[0]]

    @property
    def table(self) -> list[tuple[str, list]]:
        keys = [key for key in COLUMN_LABELS if self.rows and key in self.rows[0]]
        return [(row["label"], [row[key] for key in keys]) for row in self.rows]


def months_back(today: date, count: int) -> date:
    """The first day of the month `count - 1` months before today's month."""
    index = today.year * 12 + today.month - 1 - (count - 1)
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class LogFilters:
    """The dashboard's choice of whose outreach to count, and where; empty: everyone."""

    ambassador: Ambassador | None = None
    kind: str = ""
    area: str = ""

    def apply(self, logs: QuerySet[OutreachLog]) -> QuerySet[OutreachLog]:
        if self.ambassador is not None:
            logs = logs.filter(ambassador=self.ambassador)
        if self.kind:
            logs = logs.filter(ambassador__kind=self.kind)
        if self.area:
            logs = logs.filter(area=self.area)
        return logs


@dataclass
class Matrix:
    """A table with a column per month: a row label, then one figure per month."""

    key: str
    title: str
    label_heading: str
    columns: list[str]
    table: list[tuple[str, list]]


def logs_between(
    start: date, end: date, filters: LogFilters | None = None
) -> QuerySet[OutreachLog]:
    logs = OutreachLog.objects.filter(date__gte=start, date__lte=end)
    return (filters or LogFilters()).apply(logs)


def months_between(start: date, end: date) -> list[date]:
    """The first day of every month from start's to end's, oldest first."""
    months = []
    month = date(start.year, start.month, 1)
    while month <= end:
        months.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


def _totals(queryset: QuerySet, key: str) -> dict:
    return {
        row[key]: row
        for row in queryset.values(key).annotate(
            activities=Count("id", distinct=True),
            people=Sum(PEOPLE),
            minutes=Sum("duration_minutes"),
        )
    }


def _row(label: str, totals: dict | None) -> dict:
    totals = totals or {}
    return {
        "label": label,
        "activities": totals.get("activities", 0),
        "people": totals.get("people") or 0,
        "hours": round((totals.get("minutes") or 0) / 60, 1),
    }


def by_area(logs: QuerySet[OutreachLog]) -> list[dict]:
    """Every area, including those with no outreach: a gap is worth seeing."""
    totals = _totals(logs, "area")
    return [_row(area.name, totals.get(area.slug)) for area in AREAS]


def by_month(logs: QuerySet[OutreachLog], start: date, end: date) -> list[dict]:
    """Every month in the period, oldest first, including empty months."""
    totals = _totals(logs.annotate(month=TruncMonth("date")), "month")
    totals = {_as_date(month): row for month, row in totals.items()}
    return [_row(f"{month:%B %Y}", totals.get(month)) for month in months_between(start, end)]


def _per_month(
    logs: QuerySet[OutreachLog], key: str, measure: Count | Sum
) -> dict[tuple[Any, date], int]:
    """{(value of `key`, month): measure} over the logs."""
    rows = logs.annotate(month=TruncMonth("date")).values(key, "month").annotate(value=measure)
    return {(row[key], _as_date(row["month"])): row["value"] or 0 for row in rows}


def area_by_month(logs: QuerySet[OutreachLog], start: date, end: date) -> Matrix:
    """Activities in each area in each month; every area, as in `by_area`.

    Not suppressed, like the rest of the dashboard: it counts activities, not people, and is
    seen only by coordinators, who can read each log anyway.
    """
    months = months_between(start, end)
    counts = _per_month(logs, "area", Count("id", distinct=True))
    return Matrix(
        "area-month",
        "Outreach by area by month (activities)",
        "Area",
        [f"{month:%b %Y}" for month in months],
        [(area.name, [counts.get((area.slug, month), 0) for month in months]) for area in AREAS],
    )


def approved_hours_by_month(logs: QuerySet[OutreachLog], start: date, end: date) -> Matrix:
    """Approved hours of each ambassador with approved hours in the period, by month."""
    months = months_between(start, end)
    approved = logs.filter(status=OutreachLog.Status.APPROVED)
    minutes = _per_month(approved, "ambassador", Sum("duration_minutes"))
    names = dict(
        Ambassador.objects.filter(pk__in={pk for pk, _ in minutes}).values_list(
            "pk", "display_name"
        )
    )
    return Matrix(
        "approved-hours",
        "Approved hours by ambassador by month",
        "Ambassador",
        [f"{month:%b %Y}" for month in months],
        [
            (name, [round(minutes.get((pk, month), 0) / 60, 1) for month in months])
            for pk, name in sorted(names.items(), key=lambda item: item[1])
        ],
    )


def _as_date(value: date | datetime) -> date:
    """TruncMonth gives a date on PostgreSQL and may give a datetime elsewhere."""
    return value.date() if isinstance(value, datetime) else value


def by_age_band(logs: QuerySet[OutreachLog]) -> list[dict]:
    sums = logs.aggregate(**{field: Sum(field) for field, _ in AGE_BANDS})
    return [{"label": label, "people": sums[field] or 0} for field, label in AGE_BANDS]


def top_topics(logs: QuerySet[OutreachLog], limit: int = 10) -> list[dict]:
    return _most_common(logs, "topics__name", limit)


def top_services_signposted(logs: QuerySet[OutreachLog], limit: int = 10) -> list[dict]:
    """The directory listings ambassadors most often point people to."""
    return _most_common(logs, "services_signposted__name", limit)


def _most_common(logs: QuerySet[OutreachLog], label: str, limit: int) -> list[dict]:
    rows = (
        logs.values(label)
        .exclude(**{label: None})
        .annotate(activities=Count("id"))
        .order_by("-activities", label)[:limit]
    )
    return [{"label": row[label], "activities": row["activities"]} for row in rows]


def dashboard_matrices(start: date, end: date, filters: LogFilters | None = None) -> list[Matrix]:
    logs = logs_between(start, end, filters)
    return [area_by_month(logs, start, end), approved_hours_by_month(logs, start, end)]


def hours_awaiting_approval() -> QuerySet[OutreachLog]:
    """Logs whose hours a coordinator has still to approve or query, oldest first."""
    return (
        OutreachLog.objects.filter(status=OutreachLog.Status.AWAITING)
        .select_related("ambassador", "decided_by")
        .order_by("date", "created_at")
    )


def dashboard_sections(start: date, end: date, filters: LogFilters | None = None) -> list[Section]:
    logs = logs_between(start, end, filters)
    return [
        Section("area", "Outreach by area", "Area", "activities", by_area(logs)),
        Section("month", "Outreach by month", "Month", "activities", by_month(logs, start, end)),
        Section("age", "People reached by age band", "Age band", "people", by_age_band(logs)),
        Section("topics", "Top topics", "Topic", "activities", top_topics(logs)),
        Section(
            "services",
            "Services signposted",
            "Service",
            "activities",
            top_services_signposted(logs),
        ),
    ]


def claims_awaiting_approval() -> QuerySet[Claim]:
    return Claim.objects.filter(status=Claim.Status.SUBMITTED).select_related("ambassador")


def sections_rows(sections: list[Section], matrices: Sequence[Matrix] = ()) -> list[list[Any]]:
    """All the dashboard's tables as one sheet: one row per table row, labelled by section;
    then each month-by-month table under a header row of its own."""
    header = ["Section", "Label", *COLUMN_LABELS.values()]
    rows = [header] + [
        [section.title, row["label"], *(row.get(column, "") for column in COLUMN_LABELS)]
        for section in sections
        for row in section.rows
    ]
    for matrix in matrices:
        rows.append([matrix.title, matrix.label_heading, *matrix.columns])
        rows += [[matrix.title, label, *values] for label, values in matrix.table]
    return rows


FINANCE_COLUMNS = [
    "Claim",
    "Ambassador",
    "Month",
    "Hours",
    "Expenses (GBP)",
    "Expenses description",
    "Approved by",
    "Approved on",
]


def approved_claims_rows(claims: QuerySet[Claim]) -> list[list[Any]]:
    """Approved claims in the shape finance asked for: one row per claim."""
    approved = claims.filter(status=Claim.Status.APPROVED).select_related(
        "ambassador", "decided_by"
    )
    return [FINANCE_COLUMNS] + [
        [
            claim.pk,
            claim.ambassador.display_name,
            f"{claim.month:%Y-%m}",
            f"{claim.hours:.2f}",
            f"{claim.expenses:.2f}",
            claim.expenses_description,
            _approver(claim),
            f"{claim.decided_at:%Y-%m-%d}" if claim.decided_at else "",
        ]
        for claim in approved
    ]


def _approver(claim: Claim) -> str:
    user = claim.decided_by
    return (user.get_full_name() or user.email) if user else ""


@dataclass
class DocumentReading:
    """Who of the active ambassadors has read one required document (with when), and who not."""

    document: AbstractDocument
    read: list[tuple[Ambassador, datetime]]
    not_read: list[Ambassador]

    @property
    def total(self) -> int:
        return len(self.read) + len(self.not_read)


def reading_report() -> list[DocumentReading]:
    """Each required document, by title, with its readers and non-readers among active
    ambassadors (paused ones and leavers are not expected to read)."""
    documents = list(required_documents().order_by("title"))
    active = list(Ambassador.objects.filter(status=Ambassador.Status.ACTIVE))
    done = {
        (reading.document_id, reading.ambassador_id): reading.done_at
        for reading in ReadingDone.objects.filter(document__in=documents, ambassador__in=active)
    }
    return [
        DocumentReading(
            document,
            [(amb, done[document.pk, amb.pk]) for amb in active if (document.pk, amb.pk) in done],
            [amb for amb in active if (document.pk, amb.pk) not in done],
        )
        for document in documents
    ]


READING_COLUMNS = ["Document", "Ambassador", "Type", "Read", "Read on"]


def reading_report_rows(report: list[DocumentReading]) -> list[list[Any]]:
    """The reading report for a spreadsheet: a row per document and active ambassador."""
    rows: list[list[Any]] = [READING_COLUMNS]
    for item in report:
        title = item.document.title
        rows += [
            [title, amb.display_name, amb.get_kind_display(), "Yes", f"{done_at:%Y-%m-%d}"]
            for amb, done_at in item.read
        ]
        rows += [
            [title, amb.display_name, amb.get_kind_display(), "No", ""] for amb in item.not_read
        ]
    return rows
