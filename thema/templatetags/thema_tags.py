"""Template tags of the theme pages: a score in words, a row of the overview, a form field."""

import html

from django import template
from django.utils.html import format_html, format_html_join
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


# One activity card of the theme page (templates/thema/thema.html). Written here, not as template
# nodes: the page has a card per activity, and their nodes were most of its rendering time.
ACTIVITEIT_KAART = """<li class="rp-card rp-activity">
            <h3><a href="{url}">{naam}</a></h3>
            <p class="rp-activity__state">
              {status}
              {voorstel}
              {ronde}
            </p>
            <dl class="rp-facts">
              <div>
                <dt>{deelnemers_kop}</dt>
                <dd>{bijdragen}</dd>
              </div>
              <div>
                <dt>{partners_kop}</dt>
                <dd>{partners}</dd>
              </div>
            </dl>{schrijven}
          </li>"""


@register.simple_tag(takes_context=True)
def activiteit_kaart(context: template.Context, activiteit) -> SafeString:
    """The theme page's card of one activity: its state, participants, partners, review link."""
    teksten = context.render_context.get(ACTIVITEIT_KAART)
    if teksten is None:
        teksten = context.render_context[ACTIVITEIT_KAART] = {
            "voorstel": gettext("Voorstel:"),
            "deelnemers": gettext("Deelnemende gemeenten en jaarlijkse bijdrage"),
            "partners": gettext("Partners"),
            "geen": gettext("Geen"),
            "geen_beoordeling": gettext("Nog geen beoordeling"),
            "ronde": gettext("ronde %(ronde)s"),
            "verder": gettext("Beoordeling verder schrijven"),
            "schrijven": gettext("Beoordeling schrijven"),
        }
    status = activiteit.huidige_status
    if status:
        badge = format_html(
            '<span class="rp-badge rp-badge--{}">{}</span>', status, activiteit.huidige_status_label
        )
    else:
        badge = format_html(
            '<span class="rp-badge rp-badge--geen">{}</span>', teksten["geen_beoordeling"]
        )
    voorstel = ""
    if activiteit.huidige_voorstel_label:
        voorstel = format_html(
            "<span>{} {}</span>",
            teksten["voorstel"],
            str(activiteit.huidige_voorstel_label).lower(),
        )
    ronde = ""
    if activiteit.huidige_ronde and activiteit.huidige_ronde > 1:
        ronde = format_html(
            '<span class="rp-muted">{}</span>',
            teksten["ronde"] % {"ronde": activiteit.huidige_ronde},
        )
    if activiteit.bijdragen:
        bijdragen = format_html(
            '<ul class="rp-inline-list">{}</ul>',
            format_html_join(
                "",
                '<li>{} <span class="rp-muted">€&nbsp;{}</span></li>',
                activiteit.bijdragen,
            ),
        )
    else:
        bijdragen = teksten["geen"]
    partners = ", ".join(activiteit.partner_namen) or teksten["geen"]
    schrijven = ""
    if activiteit.kan_schrijven:
        schrijven = format_html(
            '\n            <p><a class="rp-button rp-button--secondary" href="{}">{}'
            '<span class="rp-visually-hidden">: {}</span></a></p>',
            activiteit.beoordelen_url,
            teksten["verder" if status == "concept" else "schrijven"],
            activiteit.naam,
        )
    return format_html(
        ACTIVITEIT_KAART,
        url=activiteit.url,
        naam=activiteit.naam,
        status=badge,
        voorstel=voorstel,
        ronde=ronde,
        deelnemers_kop=teksten["deelnemers"],
        bijdragen=bijdragen,
        partners_kop=teksten["partners"],
        partners=partners,
        schrijven=schrijven,
    )
