"""Money as the Dutch write it: € 140.000, € 1.250,50, -€ 35.000."""

from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()


@register.filter
def euro(bedrag: Decimal | int | None) -> str:
    """A Decimal as Dutch euros: dots for thousands, a comma before cents, only when there are any.

    Uses a no-break space after the sign, so the amount never wraps away from it.
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
