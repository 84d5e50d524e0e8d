import datetime
import gc
import mimetypes
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from drechtsteden.models import Gemeente
from transitie.brieven.markup import Blok, markup_blocks
from transitie.brieven.models import Raadsinformatiebrief
from transitie.brieven.pdf_structuur import pdfua_apply
from transitie.brieven.selectors import open_toezeggingen
from transitie.constants import SectieSoort
from transitie.financien.selectors import financien_overview, gemeente_financien
from transitie.plan.selectors import plan_overview
from transitie.regiekamer.models import Lidmaatschap
from transitie.regiekamer.selectors import ThemaBesluiten, besluiten_per_thema, lidmaatschap_lopend

REGIO = "Drechtsteden"


PDF_VARIANT = "pdf/a-2a"


STATIC_DIR = Path(settings.BASE_DIR) / "static"


STYLESHEET = "pdf/brief.css"

# WeasyPrint builds and drops over a million small objects per council's PDF (boxes, styles, PDF
# objects), many in reference cycles. At Python's default thresholds (700, 10, 10) the cyclic
# collector runs so often that it takes about a fifth of a render; collecting the young generation
# every 10,000 allocations instead frees the same garbage a little later and renders a 120-decision
# letter in about 1.6 s instead of 2.1 s on the 2-core machine (`make bench-publiceren`; from 5,000
# on the gain levels off).
RENDER_GC_DREMPELS = (10_000, 10, 10)


@contextmanager
def render_gc() -> Iterator[None]:
    """The collector's thresholds for a render, the process's own restored afterwards. Renders run
    in the worker (one task at a time) and in management commands, never in a web request."""
    oud = gc.get_threshold()
    gc.set_threshold(*RENDER_GC_DREMPELS)
    try:
        yield
    finally:
        gc.set_threshold(*oud)


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
    blokken: list[Blok]


@dataclass(frozen=True)
class Inhoudsregel:
    anker: str
    titel: str


@dataclass(frozen=True)
class Lid:
    regiekamer: str
    gemeente: str
    naam: str
    rol: str
    van: datetime.date


@dataclass(frozen=True)
class Mijlpaal:
    titel: str
    eigenaar: str
    deadline: datetime.date
    status: str


@dataclass(frozen=True)
class Bedrag:
    omschrijving: str
    bedrag: Decimal


@dataclass(frozen=True)
class OpenToezegging:
    tekst: str
    brief: str  # the title of the letter that promised it
    brief_datum: datetime.date
    verwacht_op: datetime.date
    aan: str


CENT = Decimal("0.01")


def _open_data_waarde(waarde, *, getypt: bool):
    """A row's value for CSV (`getypt` False: amounts as text with every cent, decimal point) or
    JSON (`getypt` True: amounts as numbers); dates in ISO either way."""
    if isinstance(waarde, datetime.date):
        return waarde.isoformat()
    if isinstance(waarde, Decimal):
        bedrag = waarde.quantize(CENT)
        if not getypt:
            return str(bedrag)
        # Cents survive a float: its shortest repr of a two-decimal amount is that amount.
        return int(bedrag) if bedrag == bedrag.to_integral_value() else float(bedrag)
    return waarde


def _open_data_rij(rij, *, getypt: bool = False) -> dict:
    return {veld: _open_data_waarde(waarde, getypt=getypt) for veld, waarde in rij.__dict__.items()}


@dataclass(frozen=True)
class Blokken:
    """The data blocks the author switched on, as rendered; also the letter's open data."""

    besluiten: tuple[ThemaBesluiten, ...] | None = None
    regiekamers: tuple[Lid, ...] | None = None
    transitieplan: tuple[Mijlpaal, ...] | None = None
    financien: tuple[Bedrag, ...] | None = None  # the figures of `begrotingsjaar`
    begrotingsjaar: int | None = None  # the budget year the finance block shows
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
            {"blok": blok, **_open_data_rij(rij)}
            for blok, rijen in self._per_blok().items()
            for rij in rijen or ()
        ]

    def as_dict(self) -> dict:
        return {
            blok: [_open_data_rij(rij, getypt=True) for rij in rijen] if rijen is not None else None
            for blok, rijen in self._per_blok().items()
        }


@dataclass(frozen=True)
class RenderedBrief:
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
            van=lid.van,
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
            deadline=m.deadline,
            status=f"{m.status_label}, {_('te laat')}" if m.te_laat else m.status_label,
        )
        for m in overzicht.mijlpalen
    )


def _financien(datum) -> tuple[Bedrag, ...]:
    """The figures of the peildatum's budget year; none when that year has no budget."""
    stand = financien_overview(jaar=datum.year, today=datum).stand
    if stand is None:
        return ()
    return tuple(
        Bedrag(omschrijving=str(omschrijving), bedrag=bedrag)
        for omschrijving, bedrag in (
            (_("Totaal budget (alle bijdragen)"), stand.plafond),
            (_("Lasten (uitgaven en overgeheveld tekort)"), stand.lasten),
            (_("Toegezegd of ontvangen"), stand.toegezegd),
            (_("Ruimte"), stand.ruimte),
            (_("Risico (verwacht maar niet toegezegd, plus het tekort)"), stand.risico),
        )
    )


def _financien_gemeente(gemeente: Gemeente, jaar: int) -> tuple[Bedrag, ...]:
    """This municipality's contributions to the budget of `jaar`, no other year's."""
    bijdragen = [
        b
        for b in gemeente_financien(gemeente_slug=gemeente.slug).bijdragen
        if b.begroting.jaar == jaar
    ]
    return tuple(
        Bedrag(
            omschrijving=f"{b.begroting.naam}: {b.omschrijving} ({b.get_status_display()})",
            bedrag=b.bedrag,
        )
        for b in bijdragen
    )


def _toezeggingen(brief: Raadsinformatiebrief, gemeente: Gemeente) -> tuple[OpenToezegging, ...]:
    return tuple(
        OpenToezegging(
            tekst=t.tekst,
            brief=t.brief.titel,
            brief_datum=t.brief.datum or t.brief.peildatum,
            verwacht_op=t.verwacht_op,
            aan=gemeente.naam if t.gemeente_id else _("alle zeven gemeenteraden"),
        )
        for t in open_toezeggingen(
            peildatum=brief_peildatum(brief), letter=brief, gemeente=gemeente
        )
    )


def brief_peildatum(brief: Raadsinformatiebrief) -> datetime.date:
    """The day the letter's data blocks describe.

    The peildatum is the day the letter is published: `brief_publish` stores it and renders the
    blocks from the data as it stands at that moment, so every figure was true on it and the
    peildatum can never lie before the publication. A draft's preview shows today's data under
    today's date. Not `as_of` on the history: a letter dated in the past would then show a
    reconstruction of past data (and votes, memberships and budgets span many models whose
    history would all have to be read back consistently); the letter's own `datum` is what the
    author writes above it and does not move the data.
    """
    return brief.peildatum or timezone.localdate()


def brief_blocks(*, brief: Raadsinformatiebrief, gemeente: Gemeente) -> Blokken:
    """The live data of the letter's switched-on blocks, as of its peildatum (`brief_peildatum`)."""
    datum = brief_peildatum(brief)
    return Blokken(
        besluiten=(
            besluiten_per_thema(tot_en_met=datum, gemeente=gemeente)
            if brief.blok_besluiten
            else None
        ),
        regiekamers=_regiekamers(datum) if brief.blok_regiekamers else None,
        transitieplan=_transitieplan(datum) if brief.blok_transitieplan else None,
        financien=_financien(datum) if brief.blok_financien else None,
        financien_gemeente=_financien_gemeente(gemeente, datum.year)
        if brief.blok_financien
        else None,
        begrotingsjaar=datum.year if brief.blok_financien else None,
        toezeggingen=_toezeggingen(brief, gemeente),
    )


def brief_sections(brief: Raadsinformatiebrief) -> list[Sectie]:
    """The letter's sections in the seed letter's order, with their text read into blocks."""
    teksten = {sectie.soort: sectie.tekst for sectie in brief.secties.all()}
    return [
        Sectie(
            soort=soort.value,
            titel=str(soort.label),
            anker=f"sectie-{soort.value}",
            blokken=markup_blocks(teksten[soort.value]),
        )
        for soort in SectieSoort
        if teksten.get(soort.value, "").strip()
    ]


def brief_contents(
    secties: list[Sectie], blokken: Blokken, *, bijlagen: bool
) -> list[Inhoudsregel]:
    """The table of contents: the sections, the switched-on blocks, the signature and the list of
    annexes, in the letter's order."""
    regels = [Inhoudsregel(anker=sectie.anker, titel=sectie.titel) for sectie in secties]
    for anker, titel, aan in (
        ("blok-besluiten", _("Besluiten per thema"), blokken.besluiten is not None),
        ("blok-transitieplan", _("Transitieplan"), blokken.transitieplan is not None),
        ("blok-financien", _("Financiën"), blokken.financien is not None),
        ("blok-toezeggingen", _("Openstaande toezeggingen"), bool(blokken.toezeggingen)),
        (
            "blok-regiekamers",
            _("Samenstelling van de regiekamers"),
            blokken.regiekamers is not None,
        ),
        ("ondertekening", _("Ondertekening"), True),
        ("bijlagen", _("Lijst van bijlagen"), bijlagen),
    ):
        if aan:
            regels.append(Inhoudsregel(anker=anker, titel=str(titel)))
    return regels


def brief_html(
    *,
    brief: Raadsinformatiebrief,
    gemeente: Gemeente,
    blokken: Blokken,
    for_pdf: bool,
    terug_url: str | None = None,
) -> str:
    """The letter's HTML; the PDF reads the stylesheet from disk, the preview from /static/.

    `aangemaakt` is the moment of rendering: WeasyPrint writes it as the PDF's creation date, so
    the file never claims to be older than it is (the letter's own date is `brief.datum`).
    """
    with translation.override("nl"):
        secties = brief_sections(brief)
        bijlagen = list(brief.bijlagen.defer("pdf"))
        return render_to_string(
            "pdf/raadsinformatiebrief.html",
            {
                "brief": brief,
                "gemeente": gemeente,
                "regio": REGIO,
                "secties": secties,
                "inhoud": brief_contents(secties, blokken, bijlagen=bool(bijlagen)),
                "blokken": blokken,
                "peildatum": brief_peildatum(brief),
                "bijlagen": bijlagen,
                "aangemaakt": timezone.now().replace(microsecond=0).isoformat(),
                "terug_url": None if for_pdf else terug_url,
                "stylesheet": STYLESHEET if for_pdf else static(STYLESHEET),
            },
        )


def brief_render(*, brief: Raadsinformatiebrief, gemeente: Gemeente) -> RenderedBrief:
    """The letter for one council, as HTML and as a tagged PDF/A-2a and PDF/UA-1."""
    blokken = brief_blocks(brief=brief, gemeente=gemeente)
    html = brief_html(brief=brief, gemeente=gemeente, blokken=blokken, for_pdf=True)
    with translation.override("nl"):
        inhoud = {
            regel.anker: regel.titel
            for regel in brief_contents(
                brief_sections(brief), blokken, bijlagen=brief.bijlagen.exists()
            )
        }
    with render_gc():
        pdf = HTML(
            string=html,
            base_url=STATIC_DIR.resolve().as_uri() + "/",
            url_fetcher=PortalStaticURLFetcher(),
        ).write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True, custom_metadata=False)
        pdf = pdfua_apply(pdf, inhoud=inhoud)
    return RenderedBrief(html=html, pdf=pdf, blokken=blokken)
