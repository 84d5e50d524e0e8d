"""Validators every form and model of the portal shares."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

# The plausible range for every date the portal takes in: the transition's dates lie well inside
# it, and 9999-12-31 or 0001-01-01 (which the browser's date picker offers) overflow the database's
# date arithmetic or freeze a record for ever.
# The largest id the database stores (a 64-bit integer: BigAutoField, SQLite's INTEGER): a form
# field for an id takes max_value=GROOTSTE_ID, so a larger number is a form error. (In a URL,
# Django 5's integer lookups already answer an out-of-range id with "not found", a 404.)
GROOTSTE_ID = 2**63 - 1

EERSTE_DATUM = datetime.date(2000, 1, 1)
LAATSTE_DATUM = datetime.date(2100, 12, 31)


def datum_in_bereik(value: datetime.date | datetime.datetime | None) -> None:
    """A date (or date and time) between 1 January 2000 and 31 December 2100, else a Dutch error.

    For forms (``drechtsteden.forms.DatumField``, or a DateField with
    ``validators=[datum_in_bereik]``) and models (``models.DateField(validators=[...])``,
    checked by full_clean).
    """
    if value is None:
        return
    datum = value.date() if isinstance(value, datetime.datetime) else value
    if not EERSTE_DATUM <= datum <= LAATSTE_DATUM:
        raise ValidationError(
            _("Kies een datum tussen %(eerste)s en %(laatste)s."),
            code="datum_buiten_bereik",
            params={
                "eerste": date_format(EERSTE_DATUM, "j F Y"),
                "laatste": date_format(LAATSTE_DATUM, "j F Y"),
            },
        )


# The longest free text the portal takes in, in characters, checked in the form (max_length) and
# in the model (full_clean): an explanation, reason or note (a vote's or an advice's explanation),
# and a longer text (a review's rationale, a description, a section of a letter). Far above what
# anyone writes by hand, far below what fills a page or the database.
TOELICHTING_MAX = 5_000
TEKST_MAX = 20_000


def toelichting_max() -> MaxLengthValidator:
    """The model validator for an explanation, reason or note."""
    return MaxLengthValidator(TOELICHTING_MAX)


def tekst_max() -> MaxLengthValidator:
    """The model validator for a longer text."""
    return MaxLengthValidator(TEKST_MAX)
