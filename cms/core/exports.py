"""CSV and XLSX downloads, every cell through one guard against formula injection.

WHY: a spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
return as a formula, so a listing or gap titled `=HYPERLINK(...)` typed by anyone would run
on a member of staff's computer. Every export in the project is built here; nothing else
writes CSV or XLSX, so no export can forget the guard.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A plain number such as "-3" or "-12.50" is data, not a formula, and stays a number.
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Row = Sequence[Any]


def guard_cell(value: Any) -> Any:
    """The cell as a spreadsheet should see it: text that would run as a formula is quoted."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def guarded_rows(rows: Iterable[Row]) -> Iterable[list[Any]]:
    for row in rows:
        yield [guard_cell(value) for value in row]


def csv_bytes(rows: Iterable[Row]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens accented names and curly quotes right."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(guarded_rows(rows))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(rows: Iterable[Row], sheet_title: str = "Sheet1") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]  # Excel's limit on a sheet's name
    for row in guarded_rows(rows):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename: str, rows: Iterable[Row]) -> HttpResponse:
    return _download(csv_bytes(rows), CSV_TYPE, filename)


def xlsx_response(filename: str, rows: Iterable[Row], sheet_title: str = "Sheet1") -> HttpResponse:
    return _download(xlsx_bytes(rows, sheet_title), XLSX_TYPE, filename)
