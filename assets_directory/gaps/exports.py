"""CSV downloads of the coverage matrix and the recorded gaps, written with the csv module."""

from __future__ import annotations

import csv
from collections.abc import Iterable

from django.http import HttpResponse

from . import populations
from .matrix import Matrix
from .models import Gap


def csv_response(filename: str) -> tuple[HttpResponse, csv.writer]:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response, csv.writer(response)


def write_matrix(matrix: Matrix, writer) -> None:
    """One row per (category, area or ward): count, residents, per 10,000 and the flag."""
    place = "Ward" if matrix.area else "Area"
    writer.writerow(
        ["Category", place, "Age group", "Services", "Residents", "Per 10,000 residents", "Flag"]
    )
    for row in matrix.rows:
        for name, people, cell in zip(matrix.columns, matrix.populations, row.cells, strict=True):
            writer.writerow(
                [
                    row.category.name,
                    name,
                    matrix.age_group_label,
                    cell.count,
                    "" if people is None else people,
                    "" if cell.per_10k is None else f"{cell.per_10k:.2f}",
                    cell.level,
                ]
            )
    writer.writerow([])
    writer.writerow([populations.source_note()])


def write_gaps(gaps: Iterable[Gap], writer) -> None:
    writer.writerow(
        ["Title", "Areas", "Category", "Age group", "Source", "Status", "Action", "Evidence"]
    )
    for gap in gaps:
        writer.writerow(
            [
                gap.title,
                "; ".join(area.name for area in gap.areas.all()),
                gap.category.name if gap.category else "",
                gap.get_age_group_display() or "All ages",
                gap.get_source_display(),
                gap.get_status_display(),
                str(gap.action) if gap.action else "",
                gap.evidence,
            ]
        )
