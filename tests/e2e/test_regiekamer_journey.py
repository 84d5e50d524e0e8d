"""Journey: a civil servant submits, a regisseur advises and puts the proposal on the agenda,
the involved aldermen vote (one changes his vote), and the decision shows in the besluitenlijst
and on the activity page with its new coalition."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests import regiewereld
from tests.factories import DEMO_PASSWORD, BeoordelingFactory
from thema.constants import Coalitievorm, Voorstel

pytestmark = pytest.mark.e2e
rk = regiewereld.rk


def log_in(page: Page, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def stem(page: Page, username: str, keuze: str) -> None:
    log_in(page, username)
    page.goto("/regiekamer/bestuurlijk/")
    page.get_by_label(keuze, exact=True).check()
    page.get_by_role("button", name=re.compile("Stem (uitbrengen|wijzigen)")).click()
    page.wait_for_load_state()


def test_from_submission_to_decision(
    page: Page, live_server, rk, assert_accessible, assert_valid_html, screenshot
):
    # Hergroeperen: Dordrecht and Papendrecht stay, Zwijndrecht leaves, Sliedrecht joins.
    BeoordelingFactory(
        activiteit=rk.activiteit,
        compleet=True,
        ingediend_op=None,
        voorstel=Voorstel.HERGROEPEREN,
        coalitievorm=Coalitievorm.ANDERSOORTIG,
        voorgestelde_gemeenten=[rk.gemeente(n) for n in ("Dordrecht", "Papendrecht", "Sliedrecht")],
        voorgestelde_partners=[rk.partner],
    )
    log_in(page, "ambtenaar-dordrecht")
    page.goto(f"/themas/{rk.thema.slug}/{rk.activiteit.slug}/beoordeling/indienen/")
    page.get_by_role("button", name="Ja, indienen bij de ambtelijke regiekamer").click()
    expect(page.get_by_text("De beoordeling is ingediend")).to_be_visible()

    log_in(page, "regisseur-dordrecht")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Regiekamers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("De regiekamers")
    assert_accessible(page)
    assert_valid_html(page)
    page.get_by_role(
        "link", name="Ambtelijke regiekamer: beoordelingen die wachten op advies"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beoordelingen die wachten op advies")
    assert_accessible(page)
    assert_valid_html(page)
    page.get_by_role("link", name="Advies geven over Skills-paspoort").click()
    page.get_by_label("Positief met aanpassingen").check()
    page.get_by_label("Toelichting op het advies").fill("Sliedrecht sluit goed aan.")
    page.get_by_label("Agenderen voor de bestuurlijke regiekamer").check()
    assert_accessible(page)
    assert_valid_html(page)
    page.get_by_role("button", name="Advies vastleggen").click()
    expect(page.get_by_text("Het voorstel staat op de agenda")).to_be_visible()

    stem(page, "wethouder-papendrecht", "Onthouden")
    expect(page.get_by_text("Uw stem is vastgelegd.")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Papendrecht"))).to_contain_text("Onthouden")
    assert_accessible(page)
    assert_valid_html(page)
    screenshot(page, "regiekamer-stemmen")

    # Alblasserdam takes no part and is not proposed: its alderman sees the grid read-only.
    log_in(page, "wethouder-alblasserdam")
    page.goto("/regiekamer/bestuurlijk/")
    expect(page.get_by_text("Alblasserdam is niet betrokken bij dit voorstel")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Alblasserdam"))).to_contain_text(
        "niet betrokken"
    )
    expect(page.get_by_role("button", name=re.compile("Stem (uitbrengen|wijzigen)"))).to_have_count(
        0
    )
    assert_accessible(page)
    assert_valid_html(page)
    screenshot(page, "regiekamer-stemmen-niet-betrokken")

    stem(page, "wethouder-papendrecht", "Instemmen")
    expect(page.get_by_role("row", name=re.compile("Papendrecht"))).to_contain_text("Instemmen")
    stem(page, "wethouder-dordrecht", "Instemmen")
    stem(page, "wethouder-zwijndrecht", "Instemmen")
    stem(page, "wethouder-sliedrecht", "Instemmen")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Hergroeperen van Skills-paspoort: aangenomen"
    )
    expect(
        page.get_by_text("Betrokken gemeenten: Dordrecht, Papendrecht, Sliedrecht, Zwijndrecht.")
    ).to_be_visible()
    assert_accessible(page)
    assert_valid_html(page)

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Besluiten").click()
    rij = page.get_by_role("row", name=re.compile("Skills-paspoort"))
    expect(rij).to_contain_text("Aangenomen")
    expect(rij).to_contain_text("Papendrecht: instemmen")
    assert_accessible(page)
    assert_valid_html(page)
    screenshot(page, "besluitenlijst")

    page.goto(f"/themas/{rk.thema.slug}/{rk.activiteit.slug}/")
    inhoud = page.get_by_role("main")
    expect(inhoud).to_contain_text("Sliedrecht")
    expect(inhoud).to_contain_text("Aangenomen")
    screenshot(page, "activiteit-na-besluit")
