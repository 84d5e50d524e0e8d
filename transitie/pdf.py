"""Rendering a raadsinformatiebrief for one council: the HTML and the archival, tagged PDF.

WeasyPrint only gets to read the portal's own static files from disk and data: URIs; everything
else is refused (letter text is typed by users; see CVE-2025-68616 and GHSA-jf6q-chmf-3h3v).
"""

import mimetypes
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from drechtsteden.models import Gemeente
from transitie.constants import SectieSoort
from transitie.financien import financien_overview, gemeente_financien
from transitie.markup import render_markup
from transitie.models import Lidmaatschap, Raadsinformatiebrief
from transitie.planning import plan_overview
from transitie.registers import open_toezeggingen
from transitie.selectors import ThemaBesluiten, besluiten_per_thema, lidmaatschap_lopend

REGIO = "Drechtsteden"
CENT = Decimal("0.01")
PDF_VARIANT = "pdf/a-2a"
STATIC_DIR = Path(settings.BASE_DIR) / "static"
STYLESHEET = "pdf/brief.css"


class PortalStaticURLFetcher(URLFetcher):
    """Serves the portal's static files from disk and data: URIs, and refuses every other URL."""

    def __init__(self, *, static_dir: Path = STATIC_DIR) -> None:
        super().__init__(allowed_protocols=("data",), allow_redirects=False, timeout=1)
        self._static_dir = static_dir.resolve()

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(url2pathname(urlsplit(url).path)).resolve()
            if path.is_relative_to(self._static_dir) and path.is_file():
                content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(
                    path.as_uri(), path.read_bytes(), {"Content-Type": content_type}
                )
        raise ValueError(f"Refused to fetch {url!r}: not one of the portal's static files")


@dataclass(frozen=True)
class Sectie:
    soort: str
    titel: str
    anker: str
    html: str


@dataclass(frozen=True)
class Lid:
    regiekamer: str
    gemeente: str
    naam: str
    rol: str
    van: str


@dataclass(frozen=True)
class Mijlpaal:
    titel: str
    eigenaar: str
    deadline: str
    status: str


@dataclass(frozen=True)
class Bedrag:
    omschrijving: str
    bedrag: str  # Decimal as text, so that JSON and CSV keep every cent


@dataclass(frozen=True)
class OpenToezegging:
    tekst: str
    brief: str
    verwacht_op: str
    aan: str


@dataclass(frozen=True)
class Blokken:
    """The data blocks the author switched on, as rendered; also the letter's open data."""

    besluiten: tuple[ThemaBesluiten, ...] | None = None
    regiekamers: tuple[Lid, ...] | None = None
    transitieplan: tuple[Mijlpaal, ...] | None = None
    financien: tuple[Bedrag, ...] | None = None  # the year's figures
    financien_gemeente: tuple[Bedrag, ...] | None = None  # this municipality's contributions
    # Always on: what earlier letters promised this council and is not yet settled.
    toezeggingen: tuple[OpenToezegging, ...] = ()

    def _per_blok(self) -> dict[str, tuple | None]:
        return {
            "besluiten": (
                tuple(regel for thema in self.besluiten for regel in thema.besluiten)
                if self.besluiten is not None
                else None
            ),
            "regiekamers": self.regiekamers,
            "transitieplan": self.transitieplan,
            "financien": self.financien,
            "financien_gemeente": self.financien_gemeente,
            "toezeggingen": self.toezeggingen,
        }

    def rijen(self) -> list[dict[str, str]]:
        """One row per fact, for CSV: the block, then the row's fields."""
        return [
            {"blok": blok, **rij.__dict__}
            for blok, rijen in self._per_blok().items()
            for rij in rijen or ()
        ]

    def as_dict(self) -> dict:
        return {
            blok: [rij.__dict__ for rij in rijen] if rijen is not None else None
            for blok, rijen in self._per_blok().items()
        }


@dataclass(frozen=True)
class RenderedLetter:
    html: str
    pdf: bytes
    blokken: Blokken


def _regiekamers(datum) -> tuple[Lid, ...]:
    leden = (
        Lidmaatschap.objects.filter(lidmaatschap_lopend(datum))
        .select_related("regiekamer", "gebruiker", "gemeente")
        .order_by("regiekamer__soort", "gemeente__naam", "van", "pk")
    )
    return tuple(
        Lid(
            regiekamer=lid.regiekamer.naam,
            gemeente=lid.gemeente.naam,
            naam=lid.gebruiker.get_full_name() or lid.gebruiker.get_username(),
            rol=lid.get_rol_display(),
            van=lid.van.isoformat(),
        )
        for lid in leden
    )


def _transitieplan(datum) -> tuple[Mijlpaal, ...]:
    overzicht = plan_overview(today=datum)
    if overzicht is None:
        return ()
    return tuple(
        Mijlpaal(
            titel=m.titel,
            eigenaar=m.eigenaar,
            deadline=m.deadline.isoformat(),
            status=f"{m.status_label}, {_('te laat')}" if m.te_laat else m.status_label,
        )
        for m in overzicht.mijlpalen
    )


def _euro(bedrag: Decimal) -> str:
    return str(bedrag.quantize(CENT))


def _financien(datum) -> tuple[Bedrag, ...]:
    stand = financien_overview(jaar=datum.year, today=datum).stand
    if stand is None:
        return ()
    return tuple(
        Bedrag(omschrijving=str(omschrijving), bedrag=_euro(bedrag))
        for omschrijving, bedrag in (
            (_("Totaal budget (alle bijdragen)"), stand.plafond),
            (_("Lasten (uitgaven en overgeheveld tekort)"), stand.lasten),
            (_("Toegezegd of ontvangen"), stand.toegezegd),
            (_("Ruimte"), stand.ruimte),
            (_("Risico (verwacht maar niet toegezegd, plus het tekort)"), stand.risico),
        )
    )


def _financien_gemeente(gemeente: Gemeente) -> tuple[Bedrag, ...]:
    bijdragen = gemeente_financien(gemeente_slug=gemeente.slug).bijdragen
    return tuple(
        Bedrag(
            omschrijving=f"{b.begroting.naam}: {b.omschrijving} ({b.get_status_display()})",
            bedrag=_euro(b.bedrag),
        )
        for b in bijdragen
    )


def _toezeggingen(letter: Raadsinformatiebrief, gemeente: Gemeente) -> tuple[OpenToezegging, ...]:
    return tuple(
        OpenToezegging(
            tekst=t.tekst,
            brief=f"{t.brief.titel} ({t.brief.datum.isoformat()})",
            verwacht_op=t.verwacht_op.isoformat(),
            aan=gemeente.naam if t.gemeente_id else _("alle zeven gemeenteraden"),
        )
        for t in open_toezeggingen(letter=letter, gemeente=gemeente)
    )


def letter_blocks(*, letter: Raadsinformatiebrief, gemeente: Gemeente) -> Blokken:
    """The live data of the letter's switched-on blocks, as of the letter's date."""
    datum = letter.datum
    return Blokken(
        besluiten=(
            besluiten_per_thema(tot_en_met=datum, gemeente=gemeente)
            if letter.blok_besluiten
            else None
        ),
        regiekamers=_regiekamers(datum) if letter.blok_regiekamers else None,
        transitieplan=_transitieplan(datum) if letter.blok_transitieplan else None,
        financien=_financien(datum) if letter.blok_financien else None,
        financien_gemeente=_financien_gemeente(gemeente) if letter.blok_financien else None,
        toezeggingen=_toezeggingen(letter, gemeente),
    )


def letter_sections(letter: Raadsinformatiebrief) -> list[Sectie]:
    """The letter's sections in the seed letter's order, with their text as safe HTML."""
    teksten = {sectie.soort: sectie.tekst for sectie in letter.secties.all()}
    return [
        Sectie(
            soort=soort.value,
            titel=str(soort.label),
            anker=f"sectie-{soort.value}",
            html=render_markup(teksten.get(soort.value, "")),
        )
        for soort in SectieSoort
        if teksten.get(soort.value, "").strip()
    ]


def letter_html(
    *, letter: Raadsinformatiebrief, gemeente: Gemeente, blokken: Blokken, for_pdf: bool
) -> str:
    """The letter's HTML; the PDF reads the stylesheet from disk, the preview from /static/."""
    with translation.override("nl"):
        return render_to_string(
            "pdf/raadsinformatiebrief.html",
            {
                "letter": letter,
                "gemeente": gemeente,
                "regio": REGIO,
                "secties": letter_sections(letter),
                "blokken": blokken,
                "stylesheet": STYLESHEET if for_pdf else static(STYLESHEET),
            },
        )


def letter_render(*, letter: Raadsinformatiebrief, gemeente: Gemeente) -> RenderedLetter:
    """The letter for one council, as HTML and as a tagged PDF/A-2a."""
    blokken = letter_blocks(letter=letter, gemeente=gemeente)
    html = letter_html(letter=letter, gemeente=gemeente, blokken=blokken, for_pdf=True)
    pdf = HTML(
        string=html,
        base_url=STATIC_DIR.resolve().as_uri() + "/",
        url_fetcher=PortalStaticURLFetcher(),
    ).write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True, custom_metadata=False)
    return RenderedLetter(html=html, pdf=pdf, blokken=blokken)
