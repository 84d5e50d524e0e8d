"""Template filters of the theme pages: a score in words, the other person's value in a conflict."""

from django import template

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
