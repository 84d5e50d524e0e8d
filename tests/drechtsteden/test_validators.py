"""drechtsteden.validators.datum_in_bereik: dates between 2000 and 2100, with a Dutch message."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from drechtsteden.forms import DatumField
from drechtsteden.validators import datum_in_bereik


@pytest.mark.parametrize(
    "datum",
    [datetime.date(2000, 1, 1), datetime.date(2026, 7, 1), datetime.date(2100, 12, 31), None],
)
def test_plausible_dates_pass(datum):
    datum_in_bereik(datum)


@pytest.mark.parametrize(
    "datum",
    [
        datetime.date(1, 1, 1),
        datetime.date(1999, 12, 31),
        datetime.date(2101, 1, 1),
        datetime.date(9999, 12, 31),
        datetime.datetime(9999, 12, 31, 23, 59, tzinfo=datetime.UTC),
    ],
)
def test_far_off_dates_get_a_dutch_message(datum):
    with pytest.raises(ValidationError) as fout:
        datum_in_bereik(datum)
    assert fout.value.messages == ["Kies een datum tussen 1 januari 2000 en 31 december 2100."]


def test_the_date_field_checks_the_range():
    veld = DatumField(required=False)
    with pytest.raises(ValidationError):
        veld.clean("9999-12-31")
    assert veld.clean("2026-07-01") == datetime.date(2026, 7, 1)
    assert veld.widget.input_type == "date"
