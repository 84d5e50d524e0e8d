"""The one escaping point for cells of every CSV and XLSX file the portal writes.

A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return before one) as a
formula: a text a user typed, such as ``=HYPERLINK(...)``, would become a live link or command in
the file a colleague opens. Every CSV and XLSX writer passes its cells through ``cel`` (or a whole
row through ``rij``); such a text is written with a leading apostrophe, which spreadsheets show as
text and which keeps the value readable in open data. Numbers, dates and empty cells pass unchanged
(a negative number stays a number).
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
