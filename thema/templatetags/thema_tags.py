"""Template filters and tags of the theme pages: a score in words, a row of the overview."""

import html

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

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


@register.simple_tag(takes_context=True)
def thema_regel(context: template.Context, regel) -> SafeString:
    """The overview's row of one theme: its name, the counts and the progress bar."""
    # Translated once per page, not once per row.
    teksten = context.render_context.get(THEMA_REGEL)
    if teksten is None:
        teksten = context.render_context[THEMA_REGEL] = (
            gettext("Voortgang %(thema)s"),
            gettext("%(verder)s van %(totaal)s ingediend of verder"),
        )
    voortgang = regel.voortgang
    cellen = "".join(f'<td class="rp-num">{int(getal)}</td>' for getal in regel.getallen)
    return mark_safe(
        THEMA_REGEL.format(
            url=html.escape(regel.url),
            naam=html.escape(regel.thema.naam),
            cellen=cellen,
            max=voortgang["max"],
            value=voortgang["value"],
            label=html.escape(teksten[0] % {"thema": regel.thema.naam}),
            procent=voortgang["procent"],
            tekst=html.escape(teksten[1] % {"verder": regel.verder, "totaal": regel.totaal}),
        )
    )
