"""Template filters and tags of the theme pages: a score in words, a row of the overview."""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

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


# One row of the overview (templates/thema/overzicht.html). Written here, not in the template: the
# overview has a row per theme, and as template nodes these rows were most of its rendering time.
THEMA_REGEL = """<tr>
                <th scope="row"><a href="{url}">{naam}</a></th>
                {cellen}
                <td class="rp-progress">
                  <progress max="{max}" value="{value}" aria-label="{label}">{procent}%</progress>
                  <span>{tekst}</span>
                </td>
              </tr>"""


@register.simple_tag
def thema_regel(regel) -> SafeString:
    """The overview's row of one theme: its name, the counts and the progress bar."""
    voortgang = regel.voortgang
    cellen = "".join(f'<td class="rp-num">{int(getal)}</td>' for getal in regel.getallen)
    return mark_safe(
        THEMA_REGEL.format(
            url=escape(regel.url),
            naam=escape(regel.thema.naam),
            cellen=cellen,
            max=voortgang["max"],
            value=voortgang["value"],
            label=escape(regel.voortgang_label),
            procent=voortgang["procent"],
            tekst=escape(regel.voortgang_tekst),
        )
    )
