"""Template filters and tags of the theme pages: a score in words, a row's number cells."""

from django import template
from django.utils.html import format_html_join

from thema.constants import Score

register = template.Library()


@register.filter
def score_label(waarde: int | None) -> str:
    """A score of 1 to 5 with its meaning; empty when none was given."""
    return str(Score(waarde).label) if waarde else ""


@register.filter
def andere_waarde(conflict, veld: str) -> str | None:
    """In a conflict: what the other person saved in `veld`, if he changed it; else None."""
    if conflict is None or veld not in conflict.gewijzigd:
        return None
    return conflict.huidig[veld]


@register.simple_tag
def getal_cellen(getallen) -> str:
    """A table cell per number, in one node for the overview's 50 rows."""
    return format_html_join("", '<td class="rp-num">{}</td>', ((getal,) for getal in getallen))
