"""Money and dates as the Dutch write them: one answer for pages, PDFs and exports alike."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats, timezone, translation


def euro(bedrag: Decimal | int | None) -> str:
    """A Decimal as Dutch euros: € 140.000, € 1.250,50, -€ 35.000.

    Dots for thousands, a comma before cents only when there are any, and a no-break space after
    the sign so the amount never wraps away from it.
    """
    if bedrag is None or bedrag == "":
        return ""
    bedrag = Decimal(bedrag).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    teken = "-" if bedrag < 0 else ""
    euros, centen = divmod(abs(bedrag), 1)
    tekst = f"{int(euros):,}".replace(",", ".")
    if centen:
        tekst += "," + f"{centen:.2f}"[2:]
    return f"{teken}€\u00a0{tekst}"


def datum(waarde: datetime.date | datetime.datetime | None) -> str:
    """A date as the Dutch write it in a letter: 1 juli 2025 (a datetime in local time)."""
    if waarde is None or waarde == "":
        return ""
    if isinstance(waarde, datetime.datetime):
        waarde = timezone.localdate(waarde)
    with translation.override("nl"):
        return formats.date_format(waarde, "j F Y")
