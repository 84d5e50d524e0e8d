import datetime
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from drechtsteden import opmaak
from transitie.constants import MijlpaalStatus

RIJ = 22  # height of one milestone's row


LABEL = 300  # width of the titles' column


BREEDTE = 960


KOP = 40  # room for the month labels


MARGE = 16


KLEUR = {
    MijlpaalStatus.GEREED: "#1a7f37",
    MijlpaalStatus.BEZIG: "#0b5cad",
    MijlpaalStatus.GEPLAND: "#5a6270",
    MijlpaalStatus.VERVALLEN: "#8c8c8c",
}


TE_LAAT = "#b3261e"


def _afkorten(tekst: str, lengte: int = 42) -> str:
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1] + "…"


def tijdlijn_svg(
    *,
    mijlpalen: Sequence,
    plan_deadline: datetime.date,
    today: datetime.date,
    svg_id: str = "tijdlijn",
) -> SafeString:
    """One row per milestone, a marker at its deadline, lines at today and the plan's deadline.

    `mijlpalen` are objects with titel, deadline, status, status_label and te_laat (the plan
    selector's Mijlpaalregel). The table beside it is the text alternative; this has a title and
    a description for those who see only the picture's summary.
    """
    datums = [m.deadline for m in mijlpalen] + [plan_deadline, today]
    begin = min(datums).replace(day=1)
    eind = max(datums) + datetime.timedelta(days=15)
    dagen = max((eind - begin).days, 1)
    x0, x1 = LABEL, BREEDTE - 90  # room right of the axis for the lines' labels

    def x(datum: datetime.date) -> float:
        return round(x0 + (x1 - x0) * (datum - begin).days / dagen, 1)

    hoogte = KOP + RIJ * max(len(mijlpalen), 1) + MARGE
    titel = _("Tijdlijn van het transitieplan")
    te_laat = sum(1 for m in mijlpalen if m.te_laat)
    beschrijving = _(
        "%(aantal)s mijlpalen op een tijdas van %(begin)s tot %(eind)s; de plandeadline is "
        "%(deadline)s, vandaag is %(vandaag)s; %(te_laat)s mijlpalen zijn te laat. De tabel "
        "hieronder geeft dezelfde gegevens als tekst."
    ) % {
        "aantal": len(mijlpalen),
        "begin": opmaak.datum(begin),
        "eind": opmaak.datum(eind),
        "deadline": opmaak.datum(plan_deadline),
        "vandaag": opmaak.datum(today),
        "te_laat": te_laat,
    }
    delen = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rp-tijdlijn" role="img" '
        f'viewBox="0 0 {BREEDTE} {hoogte}" width="{BREEDTE}" height="{hoogte}" '
        f'aria-labelledby="{svg_id}-titel {svg_id}-desc" font-family="sans-serif" font-size="12">',
        f'<title id="{svg_id}-titel">{escape(titel)}</title>',
        f'<desc id="{svg_id}-desc">{escape(beschrijving)}</desc>',
    ]
    # Month ticks; on a long axis only every third month gets a label.
    maand = begin
    maanden = []
    while maand <= eind:
        maanden.append(maand)
        maand = (maand.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    stap = 1 if len(maanden) <= 12 else 3
    for i, maand in enumerate(maanden):
        delen.append(
            f'<line x1="{x(maand)}" y1="{KOP - 8}" x2="{x(maand)}" y2="{hoogte - MARGE}" '
            'stroke="#d0d4da" stroke-width="1"/>'
        )
        if i % stap == 0:
            delen.append(
                f'<text x="{x(maand) + 2}" y="{KOP - 14}" fill="#333">{maand:%m-%Y}</text>'
            )
    for i, m in enumerate(mijlpalen):
        y = KOP + RIJ * i + RIJ / 2
        kleur = TE_LAAT if m.te_laat else KLEUR.get(m.status, "#5a6270")
        delen.append(
            f'<text x="{MARGE}" y="{y + 4}" fill="#1b1b1b">{escape(_afkorten(m.titel))}</text>'
        )
        delen.append(
            f'<line x1="{x0}" y1="{y}" x2="{x(m.deadline)}" y2="{y}" stroke="#e6e8eb" '
            'stroke-width="2"/>'
        )
        if m.status == MijlpaalStatus.GEREED:
            vorm = f'<circle cx="{x(m.deadline)}" cy="{y}" r="6" fill="{kleur}">'
        else:
            s = 6
            cx = x(m.deadline)
            vorm = (
                f'<polygon points="{cx},{y - s} {cx + s},{y} {cx},{y + s} {cx - s},{y}" '
                f'fill="{kleur}">'
            )
        label = f"{m.titel}: {opmaak.datum(m.deadline)}, {m.status_label}"
        if m.te_laat:
            label += ", " + _("te laat")
        delen.append(f"{vorm}<title>{escape(label)}</title></{vorm[1 : vorm.index(' ')]}>")
    for datum, kleur, tekst in (
        (plan_deadline, "#b3261e", _("Plandeadline")),
        (today, "#0b5cad", _("Vandaag")),
    ):
        delen.append(
            f'<line x1="{x(datum)}" y1="{KOP - 6}" x2="{x(datum)}" y2="{hoogte - MARGE}" '
            f'stroke="{kleur}" stroke-width="2" stroke-dasharray="4 3"/>'
        )
        delen.append(
            f'<text x="{x(datum) + 3}" y="{KOP - 1}" fill="{kleur}" font-weight="bold">'
            f"{escape(tekst)}</text>"
        )
    delen.append("</svg>")
    # Everything interpolated is escaped above or is a number or date we formatted.
    return mark_safe("".join(delen))  # noqa: S308
