"""drechtsteden.exports.cel: the one escaping point for CSV and XLSX cells."""

import datetime
from decimal import Decimal

import pytest

from drechtsteden.exports import cel, rij


@pytest.mark.parametrize(
    "tekst",
    ['=HYPERLINK("http://x";"klik")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"],
)
def test_a_text_a_spreadsheet_would_run_is_written_as_text(tekst):
    assert cel(tekst) == "'" + tekst


@pytest.mark.parametrize(
    "waarde",
    ["Dordrecht", "", "a=b", "1 + 1", None, 12, -5, Decimal("-12.50"), datetime.date(2025, 7, 1)],
)
def test_other_values_stay_as_they_are(waarde):
    assert cel(waarde) == waarde


def test_a_row_goes_through_cel():
    assert rij(["=1", "Zwijndrecht", 3]) == ["'=1", "Zwijndrecht", 3]
