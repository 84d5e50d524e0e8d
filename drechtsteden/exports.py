"""The one escaping point for cells of every CSV and XLSX file the portal writes.

A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return before one) as a
formula: a text a user typed, such as ``=HYPERLINK(...)``, would become a live link or command in
the file a colleague opens. One rule (FORMULE_TEKENS), two writers:

- CSV: every row goes through ``rij`` (or a cell through ``cel``): such a text gets a leading
  apostrophe, which spreadsheets show as text and which keeps the value readable in open data.
- XLSX (openpyxl): every row is added with ``xlsx_append(sheet, values)`` instead of
  ``sheet.append(values)``: such a text is stored as a text cell with Excel's quote prefix (shown
  as typed, without apostrophe, and still text after editing), never as a formula, which openpyxl
  would otherwise make of every text starting with ``=``.

Numbers, dates and empty cells pass unchanged (a negative number stays a number).
"""

from collections.abc import Iterable
from typing import Any

FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")


def cel(value: Any) -> Any:
    """A cell for a CSV or XLSX file: a text a spreadsheet would run as a formula becomes text."""
    if isinstance(value, str) and value.startswith(FORMULE_TEKENS):
        return "'" + value
    return value


def rij(values: Iterable[Any]) -> list[Any]:
    """A whole row through ``cel``."""
    return [cel(value) for value in values]


def xlsx_append(sheet, values: Iterable[Any]) -> None:
    """Append a row to an openpyxl worksheet; a text a spreadsheet would run is stored as text."""
    values = list(values)
    sheet.append(values)
    for cell, value in zip(sheet[sheet.max_row], values, strict=False):
        if isinstance(value, str) and value.startswith(FORMULE_TEKENS):
            cell.data_type = "s"
            cell.quotePrefix = True
