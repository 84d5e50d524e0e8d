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


def test_xlsx_stores_a_formula_like_text_as_text_and_keeps_numbers():
    import io

    from openpyxl import Workbook, load_workbook

    from drechtsteden.exports import xlsx_append

    workbook = Workbook()
    sheet = workbook.active
    xlsx_append(sheet, ["Kop", "Bedrag"])
    xlsx_append(sheet, ['=HYPERLINK("http://x";"klik")', -5])
    xlsx_append(sheet, ["+31 78", Decimal("12.50")])
    bestand = io.BytesIO()
    workbook.save(bestand)
    bestand.seek(0)

    gelezen = load_workbook(bestand).active
    formule, getal = gelezen["A2"], gelezen["B2"]
    assert formule.data_type == "s"  # text, not "f"
    assert formule.value == '=HYPERLINK("http://x";"klik")'  # readable, as typed
    assert formule.quotePrefix
    assert getal.data_type == "n" and getal.value == -5
    assert gelezen["A3"].value == "+31 78" and gelezen["A3"].quotePrefix
    assert gelezen["B3"].value == 12.5
    assert not gelezen["A1"].quotePrefix
