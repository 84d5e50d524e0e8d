"""Every page of the portal, for every role that sees it, in real Chromium: axe-core (WCAG 2.1 A
and AA) finds no violation and the Nu Html Checker finds no error; and at a phone's 390 px the page
is no wider than the screen (a wide table or the timeline scrolls in its own region) and axe-core is
still clean.

The URLs come from the URL configuration itself. A named URL must be in `PAGES` (how to build its
arguments from the world below, and which roles view it) or in `SKIPPED` (why it is no HTML page);
a URL in neither fails `test_every_url_is_in_a_table`, so a new page cannot escape these checks.
"""

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from io import StringIO
from urllib.parse import urlparse

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from playwright.sync_api import Browser, Page

from drechtsteden.models import Gemeente
from tests.e2e.conftest import DESKTOP, TELEFOON, Vnu, axe_violations, with_axe
from tests.factories import (
    DEMO_PASSWORD,
    ActiviteitFactory,
    AdviesFactory,
    BeoordelingFactory,
    BesluitFactory,
    DeelnameFactory,
    FinancieleConsequentieFactory,
    RaadsinformatiebriefFactory,
    StemFactory,
)
from thema.constants import BeoordelingStatus
from thema.models import Activiteit, Beoordeling, Thema
from transitie.brieven.models import Raadsinformatiebrief, Toezegging
from transitie.constants import (
    BesluitUitkomst,
    BriefStatus,
    RaadsbehandelingStatus,
    StemKeuze,
)
from transitie.financien.models import Begroting, Begrotingspost, Bijdrage, Raadsbehandeling
from transitie.plan.models import Mijlpaal
from transitie.plan.selectors import OPEN_STATUSSEN
from transitie.regiekamer.models import Besluit

pytestmark = pytest.mark.e2e

# One demo account per role (the demo data's own people), and the visitor who is not logged in.
GEBRUIKERS = {
    "ambtenaar": "ambtenaar-dordrecht",
    "regisseur": "regisseur-dordrecht",
    "wethouder": "wethouder-dordrecht",
    "raadslid": "raadslid-dordrecht",
    "beheerder": "beheerder",
    "anoniem": None,
}
BESTUUR = ("ambtenaar", "regisseur", "wethouder", "beheerder")  # who reads the whole transition
IEDEREEN = (*BESTUUR, "raadslid")
OPSTELLERS = ("ambtenaar", "regisseur", "beheerder")  # who drafts letters


@dataclass
class Wereld:
    """One object of each kind, in the states a page shows differently."""

    thema: Thema
    activiteit: Activiteit  # the team's activity: a rejected round 1 and a concept round 2
    ingediend: Beoordeling  # waits for the ambtelijke regiekamer's advice
    besluit: Besluit
    mijlpaal: Mijlpaal  # open, so it can be signed off
    gemeente: Gemeente
    concept: Raadsinformatiebrief
    gepubliceerd: Raadsinformatiebrief
    voorgelegd: Raadsbehandeling  # a framework change a council has yet to decide on
    toezegging: Toezegging  # one of the seed letter's open commitments


Kwargs = Callable[[Wereld], dict]


def GEEN(w: Wereld) -> dict:
    """A URL without arguments."""
    return {}


def _activiteit(w: Wereld) -> dict:
    return {"slug": w.thema.slug, "activiteit": w.activiteit.slug}


# URL name -> (its arguments, built from the world; the roles that view the page).
PAGES: dict[str, tuple[Kwargs, tuple[str, ...]]] = {
    "dashboard": (GEEN, IEDEREEN),
    "login": (GEEN, ("anoniem",)),
    "thema:overzicht": (GEEN, IEDEREEN),
    "thema:detail": (lambda w: {"slug": w.thema.slug}, IEDEREEN),
    "thema:activiteit": (_activiteit, IEDEREEN),
    "thema:geschiedenis": (_activiteit, IEDEREEN),
    "thema:beoordelen": (_activiteit, ("ambtenaar",)),
    "thema:indienen": (_activiteit, ("ambtenaar",)),
    "regiekamer:overzicht": (GEEN, IEDEREEN),
    "regiekamer:wachtrij": (GEEN, ("regisseur", "beheerder")),
    "regiekamer:advies": (lambda w: {"pk": w.ingediend.pk}, ("regisseur", "beheerder")),
    "regiekamer:stemmen": (GEEN, ("regisseur", "wethouder", "beheerder")),
    "besluiten:lijst": (GEEN, IEDEREEN),
    "besluiten:detail": (lambda w: {"pk": w.besluit.pk}, IEDEREEN),
    "plan:overzicht": (GEEN, BESTUUR),
    "plan:mijlpaal_aftekenen": (lambda w: {"pk": w.mijlpaal.pk}, ("wethouder", "beheerder")),
    "plan:mijlpaal_nieuw": (GEEN, ("regisseur", "beheerder")),
    "plan:mijlpaal_bewerken": (lambda w: {"pk": w.mijlpaal.pk}, ("regisseur", "beheerder")),
    "financien:overzicht": (GEEN, BESTUUR),
    "financien:gemeente": (lambda w: {"slug": w.gemeente.slug}, BESTUUR),
    # The demo data's budgets, lines and contributions (the seed's 2024 budget).
    "financien:post_nieuw": (
        lambda w: {"jaar": Begroting.objects.order_by("jaar").first().jaar},
        ("regisseur", "beheerder"),
    ),
    "financien:post_bewerken": (
        lambda w: {"pk": Begrotingspost.objects.order_by("pk").first().pk},
        ("regisseur", "beheerder"),
    ),
    "financien:bijdrage_nieuw": (
        lambda w: {"jaar": Begroting.objects.order_by("jaar").first().jaar},
        ("regisseur", "beheerder"),
    ),
    "financien:bijdrage_bewerken": (
        lambda w: {"pk": Bijdrage.objects.order_by("pk").first().pk},
        ("regisseur", "beheerder"),
    ),
    "brieven:lijst": (GEEN, IEDEREEN),
    "brieven:nieuw": (GEEN, OPSTELLERS),
    "brieven:detail": (lambda w: {"brief_id": w.gepubliceerd.uuid}, IEDEREEN),
    "brieven:bewerken": (lambda w: {"brief_id": w.concept.uuid}, OPSTELLERS),
    "brieven:publiceren": (lambda w: {"brief_id": w.concept.uuid}, ("wethouder", "beheerder")),
    "brieven:voorbeeld": (
        lambda w: {"brief_id": w.concept.uuid, "gemeente": w.gemeente.slug},
        BESTUUR,
    ),
    "historie:lijst": (GEEN, ("regisseur", "wethouder", "beheerder")),
    "financien:kaderwijziging_nieuw": (GEEN, ("regisseur", "wethouder", "beheerder")),
    "financien:raadsbesluit": (
        lambda w: {"pk": w.voorgelegd.kaderwijziging_id, "gemeente": w.voorgelegd.gemeente.slug},
        # Dordrecht's council has decided in the demo; the regisseur and wethouder of Dordrecht
        # record only their own council's decision, so the beheerder opens the (same) page.
        ("beheerder",),
    ),
    "brieven:toezeggingen": (GEEN, BESTUUR),
    "brieven:toezegging_nieuw": (GEEN, ("ambtenaar", "regisseur", "beheerder")),
    "brieven:toezegging_afdoen": (
        lambda w: {"pk": w.toezegging.pk},
        ("regisseur", "wethouder", "beheerder"),
    ),
    "meldingen:inbox": (GEEN, IEDEREEN),
    "meldingen:voorkeuren": (GEEN, IEDEREEN),
}

# URL name -> why it is not checked as a page.
SKIPPED: dict[str, str] = {
    "logout": "alleen POST: de knop Uitloggen in elke pagina",
    "thema:export_csv": "download (CSV), geen HTML",
    "thema:export_xlsx": "download (Excel), geen HTML",
    "regiekamer:stem": "alleen POST: het stemformulier op regiekamer:stemmen",
    "besluiten:export_csv": "download (CSV), geen HTML",
    "besluiten:export_xlsx": "download (Excel), geen HTML",
    "brieven:download": "download (PDF), geen HTML",
    "brieven:open_data_json": "download (JSON), geen HTML",
    "brieven:open_data_csv": "download (CSV), geen HTML",
    "historie:export_csv": "download (CSV), geen HTML",
    "brieven:corrigeren": "alleen POST: de knop Correctie opstellen op brieven:detail",
    "brieven:bijlage_toevoegen": "alleen POST: het formulier Bijlage toevoegen op brieven:detail",
    "brieven:bijlage_verwijderen": "alleen POST: de knop Verwijderen bij een bijlage (detail)",
    "brieven:bijlage_download": "download (PDF), geen HTML",
    "brieven:voortgang": "HTML-fragment: het voortgangsblok van brieven:detail (de brief-journey)",
    "meldingen:gelezen": "alleen POST: de knop Markeer als gelezen op meldingen:inbox",
}


# The error pages a logged-in person can meet: name -> (path, role, status).
FOUTPAGINAS: dict[str, tuple[Callable[[Wereld], str], str, int]] = {
    "403": (lambda w: reverse("thema:beoordelen", kwargs=_activiteit(w)), "raadslid", 403),
    "404": (lambda w: "/bestaat-niet/", "ambtenaar", 404),
}


def _named_urls(patterns, prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # Django's own admin, not our templates
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _named_urls(pattern.url_patterns, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{prefix}{pattern.name}"


def named_urls() -> set[str]:
    """Every named URL of the portal; unnamed ones (static files under DEBUG) are no pages."""
    return set(_named_urls(get_resolver().url_patterns))


def test_every_url_is_in_a_table():
    urls = named_urls()
    assert "brieven:lijst" in urls  # the discovery itself works
    ontbrekend = sorted(urls - PAGES.keys() - SKIPPED.keys())
    assert not ontbrekend, (
        "Deze URL's staan niet in PAGES of SKIPPED van tests/e2e/test_alle_paginas.py; "
        f"voeg ze toe: {', '.join(ontbrekend)}"
    )
    assert not PAGES.keys() & SKIPPED.keys(), "een URL staat in PAGES en in SKIPPED"
    verdwenen = sorted((PAGES.keys() | SKIPPED.keys()) - urls)
    assert not verdwenen, f"Deze URL's bestaan niet meer: {', '.join(verdwenen)}"


@pytest.fixture
def wereld(db, settings) -> Wereld:
    """The demo data (themes, people of every role, milestones, budgets, the seed's published
    letter), plus what the demo lacks: advice, votes, decisions, a draft letter."""
    settings.DEBUG = True  # the demo data are loaded only with DEBUG on
    call_command("laad_drechtsteden", "--demo", stdout=StringIO())
    settings.DEBUG = False
    gemeenten = {g.slug: g for g in Gemeente.objects.filter(is_drechtstad=True)}
    drie = [gemeenten[s] for s in ("dordrecht", "papendrecht", "zwijndrecht")]
    thema = Thema.objects.filter(teamleden__gebruiker__username=GEBRUIKERS["ambtenaar"]).first()

    def activiteit(naam: str):
        nieuw = ActiviteitFactory(thema=thema, naam=naam)
        for gemeente in drie:
            DeelnameFactory(activiteit=nieuw, gemeente=gemeente)
        return nieuw

    def wethouder(gemeente):
        return gemeente.lidmaatschappen.get(gebruiker__username__startswith="wethouder").gebruiker

    regisseur = (
        gemeenten["dordrecht"]
        .lidmaatschappen.get(gebruiker__username=GEBRUIKERS["regisseur"])
        .gebruiker
    )

    def besloten(*, aangenomen: bool, **kenmerken) -> Besluit:
        """Advice and votes on the advised proposal first, then the decision: the portal's order
        (a decided proposal takes no more advice or votes)."""
        beoordeling = BeoordelingFactory(geadviseerd=True, **kenmerken)
        AdviesFactory(beoordeling=beoordeling, gegeven_door=regisseur)
        keuze = StemKeuze.INSTEMMEN if aangenomen else StemKeuze.TEGEN
        for gemeente in drie:
            StemFactory(
                beoordeling=beoordeling,
                gemeente=gemeente,
                keuze=keuze,
                uitgebracht_door=wethouder(gemeente),
            )
        beoordeling.status = (
            BeoordelingStatus.VASTGESTELD if aangenomen else BeoordelingStatus.AFGEWEZEN
        )
        beoordeling.save()
        uitkomst = BesluitUitkomst.AANGENOMEN if aangenomen else BesluitUitkomst.VERWORPEN
        return BesluitFactory(beoordeling=beoordeling, uitkomst=uitkomst)

    # The team's own activity: round 1 rejected, round 2 a concept with financial consequences.
    eigen = activiteit("Toegankelijke dienstverlening")
    besloten(activiteit=eigen, stoppen=True, aangenomen=False)
    concept = BeoordelingFactory(activiteit=eigen, ronde=2, compleet=True, ingediend_op=None)
    FinancieleConsequentieFactory(beoordeling=concept, jaar=2025)
    FinancieleConsequentieFactory(beoordeling=concept, jaar=2026)
    # Advised and on the agenda, with one vote cast.
    geadviseerd = BeoordelingFactory(
        activiteit=activiteit("Regionale arbeidsmarktmonitor"),
        geadviseerd=True,
        hergroeperen=True,
        voorgestelde_gemeenten=drie[:2],
    )
    AdviesFactory(beoordeling=geadviseerd, gegeven_door=regisseur)
    StemFactory(
        beoordeling=geadviseerd,
        gemeente=drie[1],
        keuze=StemKeuze.ONTHOUDEN,
        uitgebracht_door=wethouder(drie[1]),
    )
    besluit = besloten(activiteit=activiteit("Gezamenlijke acquisitie"), aangenomen=True)
    return Wereld(
        thema=thema,
        activiteit=eigen,
        ingediend=Beoordeling.objects.filter(status=BeoordelingStatus.INGEDIEND).first(),
        besluit=besluit,
        mijlpaal=Mijlpaal.objects.filter(status__in=OPEN_STATUSSEN).order_by("deadline").first(),
        gemeente=gemeenten["dordrecht"],
        concept=RaadsinformatiebriefFactory(
            secties=True,
            datum=datetime.date(2025, 3, 12),
            blok_besluiten=True,
            blok_transitieplan=True,
            blok_financien=True,
            blok_regiekamers=True,
        ),
        gepubliceerd=Raadsinformatiebrief.objects.get(status=BriefStatus.GEPUBLICEERD),
        voorgelegd=Raadsbehandeling.objects.filter(
            status=RaadsbehandelingStatus.VOORGELEGD
        ).first(),
        toezegging=Toezegging.objects.filter(afgedaan_op=None).first(),
    )


def _log_in(page: Page, username: str) -> None:
    page.goto(reverse("login"))
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda url: not url.rstrip("/").endswith("inloggen"))


# Playwright injects this through the DevTools protocol, which the Content-Security-Policy does not
# govern: it records every violation of the policy on the page.
CSP_LUISTERAAR = """
window.__cspSchendingen = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspSchendingen.push(`${e.violatedDirective} ${e.blockedURI} regel ${e.lineNumber}`);
});
"""
# The page keeps to the policy and is styled: it has stylesheets, each loaded with its rules (the
# policy would block a foreign one); a portal page's own stylesheet applies (the body's default 8px
# margin is gone). The letter preview is styled by the letter's own stylesheet.
CSP_EN_OPMAAK = """() => ({
  schendingen: window.__cspSchendingen,
  bladen: [...document.styleSheets].map((blad) => [blad.href || "", blad.cssRules.length]),
  marge: getComputedStyle(document.body).marginTop,
})"""


def _beleid_en_opmaak(page: Page, console: list[str]) -> list[str]:
    """What broke the Content-Security-Policy or the styling on this page, and console errors."""
    toestand = page.evaluate(CSP_EN_OPMAAK)
    problemen = [f"CSP-schending: {s}" for s in toestand["schendingen"]] + console
    bladen = toestand["bladen"]
    portaal = any(href.endswith("/css/portaal.css") for href, _ in bladen)
    if not bladen or any(regels == 0 for _, regels in bladen):
        problemen.append(f"niet opgemaakt: stylesheets {bladen}")
    elif portaal and toestand["marge"] != "0px":
        problemen.append(f"portaal.css niet toegepast: marge {toestand['marge']}")
    console.clear()
    return problemen


# How much wider than the viewport the document is; 0 when it fits.
TE_BREED = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_every_page_passes_axe_and_vnu(browser: Browser, live_server, wereld, vnu: Vnu):
    """axe-core, the Nu Html Checker, and the Content-Security-Policy, on every page; and every
    page once more at 390 px: no wider than the phone, axe-core still clean (vnu reads the same
    HTML at every width, so it runs once)."""
    per_rol: dict[str, list[tuple[str, str, int]]] = {rol: [] for rol in GEBRUIKERS}
    for naam, (kwargs, rollen) in PAGES.items():
        for rol in rollen:
            per_rol[rol].append((naam, reverse(naam, kwargs=kwargs(wereld)), 200))
    for naam, (pad, rol, status) in FOUTPAGINAS.items():
        per_rol[rol].append((naam, pad(wereld), status))
    fouten: list[str] = []
    bekeken = 0
    console: list[str] = []  # this page's errors in the browser (a refused resource aside)

    def op_console(bericht) -> None:
        if bericht.type == "error" and "Failed to load resource" not in bericht.text:
            console.append(bericht.text)

    for rol, adressen in per_rol.items():
        # One context per role: the role logs in once and keeps its session for every page.
        context = with_axe(
            browser.new_context(base_url=live_server.url, viewport=DESKTOP, locale="nl-NL")
        )
        context.add_init_script(CSP_LUISTERAAR)
        page = context.new_page()
        page.on("console", op_console)
        page.on("pageerror", lambda fout: console.append(str(fout)))
        if GEBRUIKERS[rol]:
            _log_in(page, GEBRUIKERS[rol])
        for naam, pad, verwacht in adressen:
            response = page.goto(pad)
            waar = f"{naam} ({pad}) als {rol}"
            if response is None or response.status != verwacht or urlparse(page.url).path != pad:
                status = response.status if response else "geen antwoord"
                fouten.append(f"{waar}: status {status}, uitgekomen op {page.url}")
                continue
            if problemen := _beleid_en_opmaak(page, console):
                fouten.append(f"{waar}:\n" + "\n".join(problemen))
            if schendingen := axe_violations(page):
                fouten.append(f"axe-core, {waar}:\n" + "\n".join(schendingen))
            if regels := vnu.errors(response.body()):  # as served, not the browser's DOM
                fouten.append(f"vnu, {waar}:\n" + "\n".join(regels))
            bekeken += 1
            # The same page as a phone loads it: the layout is decided at load time (the compact
            # menu's script reads the width then), so load it again at 390 px.
            page.set_viewport_size(TELEFOON)
            page.goto(pad)
            if (teveel := page.evaluate(TE_BREED)) > 0:
                fouten.append(
                    f"{waar}: op {TELEFOON['width']} px is de pagina {teveel} px te breed "
                    f"(scrollWidth {page.evaluate('document.documentElement.scrollWidth')})"
                )
            if problemen := _beleid_en_opmaak(page, console):
                fouten.append(f"{waar}, {TELEFOON['width']} px:\n" + "\n".join(problemen))
            if schendingen := axe_violations(page):
                fouten.append(
                    f"axe-core, {waar}, {TELEFOON['width']} px:\n" + "\n".join(schendingen)
                )
            page.set_viewport_size(DESKTOP)
        context.close()
    assert bekeken >= len(PAGES) + len(FOUTPAGINAS), "niet elke pagina is bekeken"
    assert not fouten, f"{len(fouten)} pagina('s) met fouten:\n" + "\n".join(fouten)
