"""The rows of the two Gaps downloads: the coverage matrix and the recorded gaps.

Rows only: `cms.core.exports` writes them, guarding every cell, so a gap titled
`=HYPERLINK(...)` reaches a spreadsheet as text, never as a formula.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from cms.core.exports import Row

from . import populations
from .matrix import Matrix
from .models import Gap


def matrix_rows(matrix: Matrix) -> Iterator[Row]:
    """One row per (category, area or ward): count, residents, per 10,000 and the flag."""
    place = "Ward" if matrix.area else "Area"
    yield ["Category", place, "Age group", "Services", "Residents", "Per 10,000 residents", "Flag"]
    for row in matrix.rows:
        for name, people, cell in zip(matrix.columns, matrix.populations, row.cells, strict=True):
            yield [
                row.category.name,
                name,
                matrix.age_group_label,
                cell.count,
                "" if people is None else people,
                "" if cell.per_10k is None else f"{cell.per_10k:.2f}",
                cell.level,
            ]
    yield []
    yield [populations.source_note()]


def gap_rows(gaps: Iterable[Gap]) -> Iterator[Row]:
    yield ["Title", "Areas", "Category", "Age group", "Source", "Status", "Action", "Evidence"]
    for gap in gaps:
        yield [
            gap.title,
            "; ".join(area.name for area in gap.areas.all()),
            gap.category.name if gap.category else "",
            gap.get_age_group_display() or "All ages",
            gap.get_source_display(),
            gap.get_status_display(),
            str(gap.action) if gap.action else "",
            gap.evidence,
        ]
