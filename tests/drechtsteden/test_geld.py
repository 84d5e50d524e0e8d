"""Money shown as Dutch euros."""

from decimal import Decimal

import pytest

from drechtsteden.templatetags.geld import euro


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
