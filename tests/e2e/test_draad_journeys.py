"""Journeys along the thread, following only links from each person's dashboard: a civil servant
submits, a regisseur advises, the involved aldermen vote, the decision is reported in a letter that
an alderman publishes, and a council member reads it and downloads his council's PDF. On the way
every link of the thread is asserted both ways: activity <-> review round <-> advice <-> votes <->
decision <-> letter. Three outcomes: stopped, regrouped, and a rejected proposal (continued).

After logging in nobody types a URL: every page is reached by a link or a button.
"""

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests import regiewereld
from tests.e2e.conftest import DESKTOP
from tests.factories import (
    DEMO_PASSWORD,
    BeoordelingFactory,
    RaadsinformatiebriefFactory,
    UserFactory,
)
from tests.werker import werker
from thema.constants import Coalitievorm, Voorstel
from transitie.brieven.models import Briefpublicatie

pytestmark = pytest.mark.e2e
rk = regiewereld.rk

TELEFOON = {"width": 390, "height": 844}
ACTIVITEIT = "Skills-paspoort"
BRIEF = "Voortgang van de transitie, najaar"


@dataclass(frozen=True)
class Uitkomst:
    voorstel: str
    stemmen: tuple[tuple[str, str], ...]  # (municipality, choice) in the order they vote
    titel: str  # the decision's title
    stand: str  # the activity's state in words
    nieuwe_ronde: bool  # whether the team may start a new round afterwards


UITKOMSTEN = {
    "gestopt": Uitkomst(
        voorstel=Voorstel.STOPPEN,
        stemmen=(
            ("Dordrecht", "Instemmen"),
            ("Papendrecht", "Instemmen"),
            ("Zwijndrecht", "Instemmen"),
        ),
        titel=f"Stoppen van {ACTIVITEIT}: aangenomen",
        stand="Gestopt.",
        nieuwe_ronde=False,
    ),
    "hergroepeerd": Uitkomst(
        voorstel=Voorstel.HERGROEPEREN,
        stemmen=(
            ("Papendrecht", "Instemmen"),
            ("Dordrecht", "Instemmen"),
            ("Zwijndrecht", "Instemmen"),
        ),
        titel=f"Hergroeperen van {ACTIVITEIT}: aangenomen",
        stand="Hergroepeerd (coalitie kleiner). Gaat door met Dordrecht, Zwijndrecht",
        nieuwe_ronde=True,
    ),
    "verworpen": Uitkomst(
        voorstel=Voorstel.STOPPEN,
        stemmen=(("Dordrecht", "Tegen"),),
        titel=f"Stoppen van {ACTIVITEIT}: verworpen",
        stand=f"Gaat door zoals ze was: het voorstel “Stoppen van {ACTIVITEIT}” is verworpen.",
        nieuwe_ronde=True,
    ),
}


def inloggen(page: Page, username: str) -> None:
    """Log in through the form; the portal opens on the dashboard."""
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overzicht van de transitie")


def uitloggen(page: Page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state()


def publiceer(page: Page) -> None:
    """Publish the letter whose page is open, as its publisher does, and wait until it is
    published for the seven councils. The one place that knows how publishing ends."""
    page.get_by_role("link", name="Publiceren", exact=True).click()
    page.get_by_role("button", name="Ja, publiceren voor de zeven gemeenteraden").click()
    expect(page.get_by_text("De publicatie is gestart")).to_be_visible()
    # The worker renders the seven PDFs (in the test's thread: see tests/werker.py); the page's
    # script notices the end of the publication and reloads the page with the published files.
    werker()
    expect(page.get_by_role("heading", name="Gepubliceerd")).to_be_visible(timeout=15_000)


def hoofdinhoud(page: Page):
    return page.get_by_role("main")


@pytest.fixture
def draadwereld(rk):
    """The regiekamer world with a complete concept review of the activity, a concept letter with
    the block of decisions, and a council member of Dordrecht."""

    def maak(uitkomst: Uitkomst):
        velden = {}
        if uitkomst.voorstel == Voorstel.HERGROEPEREN:
            velden = {
                "coalitievorm": Coalitievorm.KLEINER,
                "voorgestelde_gemeenten": [rk.gemeente("Dordrecht"), rk.gemeente("Zwijndrecht")],
            }
        BeoordelingFactory(
            activiteit=rk.activiteit,
            compleet=True,
            ingediend_op=None,
            voorstel=uitkomst.voorstel,
            **velden,
        )
        RaadsinformatiebriefFactory(titel=BRIEF, blok_besluiten=True, secties=True)
        UserFactory(username="raadslid-dordrecht", raadslid=True, gemeente=rk.gemeente("Dordrecht"))
        return rk

    return maak


@pytest.mark.parametrize("naam", list(UITKOMSTEN))
def test_the_thread_from_review_to_the_councils_pdf(
    page: Page, draadwereld, naam, screenshot, assert_accessible, assert_valid_html
):
    uitkomst = UITKOMSTEN[naam]
    rk = draadwereld(uitkomst)

    # The civil servant: dashboard -> his concept -> the activity -> submit.
    inloggen(page, "ambtenaar-dordrecht")
    page.get_by_role("link", name=f"Beoordeling van {ACTIVITEIT} afmaken").click()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ACTIVITEIT)
    page.get_by_role("link", name="Indienen", exact=True).click()
    page.get_by_role("button", name="Ja, indienen bij de ambtelijke regiekamer").click()
    expect(page.get_by_role("status")).to_contain_text("De beoordeling is ingediend")
    stand = page.get_by_role("region", name="Stand van zaken")
    expect(stand).to_contain_text(
        "Ronde 1: ingediend; wacht op advies van de ambtelijke regiekamer."
    )
    uitloggen(page)

    # The regisseur: dashboard -> the advice form -> on the aldermen's agenda.
    inloggen(page, "regisseur-dordrecht")
    page.get_by_role("link", name=f"Advies geven over {ACTIVITEIT}").click()
    page.get_by_label("Positief", exact=True).check()
    page.get_by_label("Toelichting op het advies").fill("Past bij de regionale doelen.")
    page.get_by_label("Agenderen voor de bestuurlijke regiekamer").check()
    page.get_by_role("button", name="Advies vastleggen").click()
    expect(page.get_by_text("Het voorstel staat op de agenda")).to_be_visible()
    uitloggen(page)

    # The involved aldermen: dashboard -> their proposal on the vote view -> vote.
    for gemeente, keuze in uitkomst.stemmen:
        inloggen(page, f"wethouder-{rk.gemeente(gemeente).slug}")
        page.get_by_role("link", name=f"Stemmen over {ACTIVITEIT}").click()
        page.get_by_label(keuze, exact=True).check()
        page.get_by_role("button", name="Stem uitbrengen").click()
        expect(page.get_by_text("Uw stem is vastgelegd.")).to_be_visible()
        if (gemeente, keuze) != uitkomst.stemmen[-1]:
            uitloggen(page)

    # The last vote lands on the decision, titled by proposal and outcome.
    expect(page.get_by_role("heading", level=1)).to_have_text(uitkomst.titel)
    inhoud = hoofdinhoud(page)
    expect(inhoud).to_contain_text(
        "Dit besluit staat nog in geen gepubliceerde raadsinformatiebrief."
    )
    # decision -> activity
    inhoud.get_by_role("link", name=ACTIVITEIT, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ACTIVITEIT)
    stand = page.get_by_role("region", name="Stand van zaken")
    expect(stand).to_contain_text(uitkomst.stand)
    expect(stand).to_contain_text("Nog in geen gepubliceerde raadsinformatiebrief gemeld.")
    ronde = page.get_by_role("region", name="Ronde 1")
    expect(ronde).to_contain_text("Advies van")
    expect(ronde).to_contain_text("Past bij de regionale doelen.")
    # The votes, by municipality.
    stemmen = ", ".join(f"{g} {k.lower()}" for g, k in sorted(uitkomst.stemmen))
    expect(ronde).to_contain_text(f"Stemmen: {stemmen}.")
    screenshot(page, f"draad-{naam}-activiteit-na-besluit")
    assert_accessible(page)
    assert_valid_html(page)
    # On a phone the state in words and its links fit the screen.
    page.set_viewport_size(TELEFOON)
    assert page.evaluate("document.documentElement.scrollWidth") <= TELEFOON["width"]
    screenshot(page, f"draad-{naam}-activiteit-na-besluit-390")
    page.set_viewport_size(DESKTOP)
    # activity -> decision, from the round and from the history tab
    ronde.get_by_role(
        "link", name=re.compile(f"Besluit van .*: {re.escape(uitkomst.titel)}")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(uitkomst.titel)
    page.go_back()
    page.get_by_role("link", name="Geschiedenis").click()
    page.get_by_role("region", name="Geschiedenis").get_by_role(
        "link", name=f"Besluit: {uitkomst.titel}"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(uitkomst.titel)
    uitloggen(page)

    # The publisher: dashboard -> the concept letter -> its decisions -> publish.
    inloggen(page, "wethouder-dordrecht")
    page.get_by_role("link", name=BRIEF).click()
    besluiten = page.get_by_role("region", name="Besluiten in deze brief")
    expect(besluiten.get_by_role("link", name=uitkomst.titel)).to_be_visible()
    publiceer(page)
    # letter -> decision -> letter
    page.get_by_role("region", name="Besluiten in deze brief").get_by_role(
        "link", name=uitkomst.titel
    ).click()
    gemeld = page.get_by_role("region", name="Gemeld aan de gemeenteraden")
    screenshot(page, f"draad-{naam}-besluit")
    assert_accessible(page)
    assert_valid_html(page)
    gemeld.get_by_role("link", name=BRIEF).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(BRIEF)
    uitloggen(page)

    # The council member: dashboard -> the letter -> its decision -> the activity -> back to the
    # letter through "Gemeld in" -> his council's PDF.
    inloggen(page, "raadslid-dordrecht")
    page.get_by_role("link", name=BRIEF).click()
    page.get_by_role("region", name="Besluiten in deze brief").get_by_role(
        "link", name=uitkomst.titel
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(uitkomst.titel)
    hoofdinhoud(page).get_by_role("link", name=ACTIVITEIT, exact=True).click()
    stand = page.get_by_role("region", name="Stand van zaken")
    expect(stand).to_contain_text(uitkomst.stand)
    stand.get_by_role("link", name=BRIEF).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(BRIEF)
    screenshot(page, f"draad-{naam}-brief-raadslid")
    assert_accessible(page)
    assert_valid_html(page)
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile(r"dordrecht\.pdf$")).click()
    opgeslagen = Briefpublicatie.objects.get(brief__titel=BRIEF, gemeente=rk.gemeente("Dordrecht"))
    assert hashlib.sha256(Path(info.value.path()).read_bytes()).hexdigest() == opgeslagen.sha256
    uitloggen(page)

    # The civil servant again: the menu -> the theme -> the activity offers only what its state
    # allows.
    inloggen(page, "ambtenaar-dordrecht")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Thema's").click()
    page.get_by_role("link", name=rk.thema.naam).click()
    page.get_by_role("link", name=ACTIVITEIT, exact=True).click()
    schrijven = page.get_by_role("link", name="Beoordeling schrijven")
    expect(schrijven).to_have_count(1 if uitkomst.nieuwe_ronde else 0)
    screenshot(page, f"draad-{naam}-activiteit-voor-themateam")
