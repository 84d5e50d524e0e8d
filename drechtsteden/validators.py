"""Validators every form and model of the portal shares."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.deconstruct import deconstructible
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


# Characters nobody types on purpose that change what a text shows or how it is read: the C0
# controls except tab, line feed and carriage return; DEL and the C1 controls; and the bidi
# embeddings, overrides (U+202A-E) and isolates (U+2066-9) that reorder text on screen, so that a
# name or a reason can read differently from what is stored ("Trojan Source").
STUURTEKENS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@deconstructible
class GeenStuurtekens:
    """Refuse a text with a control character or a bidi override, naming the field (`veld`, its
    label) and the character; drechtsteden.forms.StuurtekensWeigeren puts one on every text field
    of every form."""

    code = "stuurteken"

    def __init__(self, veld: str = "") -> None:
        self.veld = str(veld)

    def __call__(self, value: object) -> None:
        if not isinstance(value, str):
            return
        gevonden = STUURTEKENS.search(value)
        if gevonden is None:
            return
        raise ValidationError(
            _(
                "%(veld)s bevat een onzichtbaar stuurteken (U+%(teken)s) dat de tekst kan "
                "verbergen of omdraaien. Haal het weg en probeer het opnieuw."
            ),
            code=self.code,
            params={
                "veld": self.veld or _("Dit veld"),
                "teken": f"{ord(gevonden.group()):04X}",
            },
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GeenStuurtekens) and other.veld == self.veld
