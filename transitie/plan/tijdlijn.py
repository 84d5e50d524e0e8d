import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
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
MARKER = 6  # half the width of a milestone's marker


@dataclass(frozen=True)
class Maand:
    x: float
    label: str  # empty on a long axis, where only every third month is labelled

    @property
    def tekst_x(self) -> float:
        return self.x + 2


@dataclass(frozen=True)
class Rij:
    """One milestone's row: its title, a line up to its deadline and a marker there."""

    titel: str
    y: float
    x: float
    kleur: str
    gereed: bool  # a circle; an open milestone is a diamond
    label: str  # the marker's title: name, date, status

    @property
    def tekst_y(self) -> float:
        return self.y + 4

    @property
    def ruit(self) -> str:
        """The diamond's corner points."""
        x, y, s = self.x, self.y, MARKER
        return f"{x},{y - s} {x + s},{y} {x},{y + s} {x - s},{y}"


@dataclass(frozen=True)
class Markering:
    """A dashed vertical line with its label: today, the plan's deadline."""

    x: float
    kleur: str
    tekst: str

    @property
    def tekst_x(self) -> float:
        return self.x + 3


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
    maanden = []
    maand = begin
    while maand <= eind:
        maanden.append(maand)
        maand = (maand.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    stap = 1 if len(maanden) <= 12 else 3  # on a long axis only every third month is labelled
    rijen = []
    for i, m in enumerate(mijlpalen):
        label = f"{m.titel}: {opmaak.datum(m.deadline)}, {m.status_label}"
        rijen.append(
            Rij(
                titel=_afkorten(m.titel),
                y=KOP + RIJ * i + RIJ / 2,
                x=x(m.deadline),
                kleur=TE_LAAT if m.te_laat else KLEUR.get(m.status, "#5a6270"),
                gereed=m.status == MijlpaalStatus.GEREED,
                label=label + (", " + _("te laat") if m.te_laat else ""),
            )
        )
    return render_to_string(
        "transitie/plan/_tijdlijn.svg",
        {
            "svg_id": svg_id,
            "breedte": BREEDTE,
            "hoogte": hoogte,
            "maand_y": KOP - 8,
            "maand_tekst_y": KOP - 14,
            "lijn_y": KOP - 6,
            "lijn_tekst_y": KOP - 1,
            "onder": hoogte - MARGE,
            "marge": MARGE,
            "x0": x0,
            "titel": titel,
            "beschrijving": beschrijving,
            "maanden": [
                Maand(x=x(d), label=f"{d:%m-%Y}" if i % stap == 0 else "")
                for i, d in enumerate(maanden)
            ],
            "rijen": rijen,
            "markeringen": [
                Markering(x=x(plan_deadline), kleur="#b3261e", tekst=_("Plandeadline")),
                Markering(x=x(today), kleur="#0b5cad", tekst=_("Vandaag")),
            ],
        },
    )
