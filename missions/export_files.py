"""Writing an export's rows to a file, streamed: CSV or XLSX, one row in memory at a time.

CSV: UTF-8 with a byte-order mark (Excel then reads the accents right), ``;`` between cells
(what Excel reads as columns in a French locale, the portal's first audience; the decimal
comma never meets it, allowances are whole euros), dates ISO 8601 (2026-12-05, which every
spreadsheet reads as a date), empty cells for nothing. XLSX: openpyxl's write-only workbook,
which streams each row to the file: dates are real dates, numbers numbers, the header row bold
and frozen.

A cell a person typed (a mission's title, a name) is never a formula: in CSV a text starting
with ``=``, ``+``, ``-``, ``@`` or a tab is prefixed with an apostrophe (the spreadsheet
shows it as text); in XLSX the cell is written as text.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

CSV_DELIMITER = ";"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_SHEET_TITLE = 31  # Excel's limit


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(path: Path, headers: list[str], rows: Iterable[list[Any]]) -> int:
    """Writes the file at ``path``; the number of rows (headers aside)."""
    count = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=CSV_DELIMITER)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([_csv_cell(value) for value in row])
            count += 1
    return count


def write_xlsx(
    path: Path,
    headers: list[str],
    rows: Iterable[list[Any]],
    *,
    title: str,
    widths: list[int] | None = None,
) -> int:
    """Writes the workbook at ``path`` (one sheet, ``title``); the number of rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:MAX_SHEET_TITLE])
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths or (), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    count = 0
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
        count += 1
    workbook.save(path)
    return count


def _xlsx_cell(sheet, value: Any) -> Any:
    if value == "":
        return None  # an empty cell is not written at all (an empty text cell would be)
    if isinstance(value, str) and value.startswith("="):
        # openpyxl would write it as a formula: a text cell instead.
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value
