"""The coordinator's picture of outreach: figures for the dashboard and its CSV export.

Each function returns plain rows (dicts) so the dashboard's charts, its tables and the CSV all
show the same numbers. The CSV rows go to `cms.core.exports`, which guards every cell.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Count, F, Sum
from django.db.models.functions import TruncMonth
from django.db.models.query import QuerySet

from cms.core.areas import AREAS

from .models import AGE_BANDS, Claim, OutreachLog

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


def logs_between(start: date, end: date) -> QuerySet[OutreachLog]:
    return OutreachLog.objects.filter(date__gte=start, date__lte=end)


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
    rows = []
    month = date(start.year, start.month, 1)
    while month <= end:
        rows.append(_row(f"{month:%B %Y}", totals.get(month)))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return rows


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


def dashboard_sections(start: date, end: date) -> list[Section]:
    logs = logs_between(start, end)
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


def sections_rows(sections: list[Section]) -> list[list[Any]]:
    """All the dashboard's tables as one sheet: one row per table row, labelled by section."""
    header = ["Section", "Label", *COLUMN_LABELS.values()]
    return [header] + [
        [section.title, row["label"], *(row.get(column, "") for column in COLUMN_LABELS)]
        for section in sections
        for row in section.rows
    ]


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
