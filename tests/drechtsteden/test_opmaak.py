"""Money and dates shown as the Dutch write them."""

import datetime
from decimal import Decimal

import pytest

from drechtsteden.opmaak import datum, euro


@pytest.mark.parametrize(
    ("bedrag", "tekst"),
    [
        (Decimal("140000.00"), "€\u00a0140.000"),
        (Decimal("250000"), "€\u00a0250.000"),
        (Decimal("1250.5"), "€\u00a01.250,50"),
        (Decimal("0.00"), "€\u00a00"),
        (Decimal("-35000.00"), "-€\u00a035.000"),
        (Decimal("1234567.89"), "€\u00a01.234.567,89"),
        (None, ""),
    ],
)
def test_euro_in_dutch(bedrag, tekst):
    assert euro(bedrag) == tekst


@pytest.mark.parametrize(
    ("waarde", "tekst"),
    [
        (datetime.date(2025, 7, 1), "1 juli 2025"),
        (datetime.date(2023, 10, 31), "31 oktober 2023"),
        (None, ""),
    ],
)
def test_datum_in_dutch(waarde, tekst):
    assert datum(waarde) == tekst


def test_datum_of_a_moment_is_its_local_date():
    # 23:30 UTC on 30 June is 1 July in Amsterdam (summer time, UTC+2).
    moment = datetime.datetime(2025, 6, 30, 23, 30, tzinfo=datetime.UTC)
    assert datum(moment) == "1 juli 2025"
