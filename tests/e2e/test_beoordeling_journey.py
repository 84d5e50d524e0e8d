"""Journey: a civil servant weighs an activity, fixes a wrong coalition, saves and submits; a
colleague editing the same review at the same time is stopped by the conflict, not overwritten."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import DESKTOP, MOBILE
from tests.factories import DEMO_PASSWORD
from tests.regiewereld import rk  # noqa: F401 (the world of the theme and regiekamer tests)

pytestmark = pytest.mark.e2e


def log_in(page: Page, username: str) -> None:
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def check(page: Page, assert_accessible, screenshot, name: str) -> None:
    """axe-core on the desktop and the narrow layout, with a screenshot of each."""
    assert_accessible(page)
    screenshot(page, f"{name}-desktop")
    page.set_viewport_size(MOBILE)
    assert_accessible(page)
    screenshot(page, f"{name}-mobiel")
    page.set_viewport_size(DESKTOP)


def test_civil_servant_reviews_an_activity(
    page: Page,
    browser: Browser,
    live_server,
    login,
    rk,  # noqa: F811
    assert_accessible,
    assert_valid_html,
    screenshot,
):
    login("ambtenaar-dordrecht")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Thema's").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thema's en hun activiteiten")
    expect(page.get_by_role("row", name="Economie en vestigingsklimaat")).to_contain_text(
        "0 van 1 ingediend of verder"
    )
    check(page, assert_accessible, screenshot, "themas-overzicht")
    assert_valid_html(page)

    page.get_by_role("link", name="Economie en vestigingsklimaat").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Economie en vestigingsklimaat")
    check(page, assert_accessible, screenshot, "thema")
    assert_valid_html(page)

    page.get_by_role(
        "link", name=re.compile(r"Beoordeling schrijven\s*:\s*Skills-paspoort")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beoordeling van Skills-paspoort")
    # Without a proposal chosen, the parts of the proposals are hidden by the script.
    expect(page.get_by_role("group", name="Nieuwe coalitievorm")).to_be_hidden()
    assert_accessible(page)
    assert_valid_html(page)

    page.get_by_role("group", name="Bijdrage aan lokale doelen").get_by_label(
        "4 — in grote mate"
    ).check()
    page.get_by_role("group", name="Bijdrage aan regionale doelen").get_by_label(
        "3 — redelijk"
    ).check()
    page.get_by_role("group", name="Logisch en effectief georganiseerd").get_by_label(
        "2 — in beperkte mate"
    ).check()
    page.get_by_role("group", name="Prioriteit").get_by_label("Middel").check()
    page.get_by_label("Onderbouwing").fill(
        "Vooral Dordrecht en Zwijndrecht gebruiken het paspoort; verder in kleinere kring."
    )
    page.get_by_label("Hergroeperen in een andere coalitie").check()
    coalitie = page.get_by_role("group", name="Nieuwe coalitievorm")
    expect(coalitie).to_be_visible()
    expect(page.get_by_role("textbox", name="Naam van de nieuwe activiteit")).to_be_hidden()
    coalitie.get_by_label("Kleiner").check()
    gemeenten = page.get_by_role("group", name="Voorgestelde gemeenten")
    gemeenten.get_by_label("Dordrecht (doet nu mee)").check()
    gemeenten.get_by_label("Zwijndrecht (doet nu mee)").check()
    gemeenten.get_by_label("Alblasserdam").check()  # not taking part today: wrong for kleiner
    page.get_by_label("2025").fill("-12.500")
    page.get_by_label("2026").fill("-25.000")
    page.get_by_role("button", name="Opslaan").click()

    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("De beoordeling is nog niet opgeslagen")
    fout = (
        "Een kleinere coalitie bestaat alleen uit gemeenten die nu meedoen; "
        "Alblasserdam doet nu niet mee."
    )
    expect(gemeenten).to_contain_text(fout)
    # Nothing typed is lost.
    expect(page.get_by_label("Onderbouwing")).to_have_value(
        "Vooral Dordrecht en Zwijndrecht gebruiken het paspoort; verder in kleinere kring."
    )
    expect(page.get_by_label("2025")).to_have_value("-12.500")
    check(page, assert_accessible, screenshot, "beoordeling-fout")

    gemeenten.get_by_label("Alblasserdam").uncheck()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De beoordeling is opgeslagen.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Skills-paspoort")

    # A colleague opens the same review in another browser.
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP, locale="nl-NL")
    fatima = context.new_page()
    log_in(fatima, "ambtenaar-zwijndrecht")
    fatima.goto(page.url + "beoordeling/")
    expect(fatima.get_by_role("heading", level=1)).to_have_text("Beoordeling van Skills-paspoort")

    # Jan sharpens his rationale and saves first.
    page.get_by_role("link", name="Beoordeling bewerken").click()
    page.get_by_label("Onderbouwing").fill("Dordrecht en Zwijndrecht gaan samen verder.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De beoordeling is opgeslagen.")

    # Fatima saves her change to the priority: refused, with Jan's text beside hers.
    fatima.get_by_role("group", name="Prioriteit").get_by_label("Hoog").check()
    fatima.get_by_role("button", name="Opslaan").click()
    expect(fatima.get_by_role("alert")).to_contain_text("Niet opgeslagen: iemand anders was u voor")
    expect(
        fatima.get_by_text(
            "Jan de Graaf heeft hier intussen opgeslagen: "
            "Dordrecht en Zwijndrecht gaan samen verder."
        )
    ).to_be_visible()
    expect(fatima.get_by_role("group", name="Prioriteit").get_by_label("Hoog")).to_be_checked()
    check(fatima, assert_accessible, screenshot, "beoordeling-conflict")
    context.close()

    # Jan submits, with a confirmation.
    page.get_by_role("link", name="Indienen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Beoordeling van Skills-paspoort indienen"
    )
    check(page, assert_accessible, screenshot, "beoordeling-indienen")
    assert_valid_html(page)
    page.get_by_role("button", name="Ja, indienen bij de ambtelijke regiekamer").click()
    expect(page.get_by_role("status")).to_contain_text(
        "De beoordeling is ingediend bij de ambtelijke regiekamer."
    )
    expect(page.get_by_role("region", name="Ronde 1")).to_contain_text("Ingediend")
    expect(page.get_by_role("link", name="Beoordeling bewerken")).to_have_count(0)
    check(page, assert_accessible, screenshot, "activiteit")
    assert_valid_html(page)

    page.get_by_role("link", name="Geschiedenis").click()
    geschiedenis = page.get_by_role("region", name="Geschiedenis")
    expect(geschiedenis.get_by_role("listitem").first).to_contain_text("Ingediend")
    expect(geschiedenis).to_contain_text("Door Jan de Graaf op")
    expect(geschiedenis).to_contain_text("Financiële consequentie 2026")
    check(page, assert_accessible, screenshot, "activiteit-geschiedenis")
    assert_valid_html(page)


def test_an_incomplete_review_asks_to_be_completed_not_submitted(
    page: Page,
    login,
    rk,  # noqa: F811
    assert_accessible,
    assert_valid_html,
):
    """The confirmation names what is missing, each a link to its field, and offers to complete
    the review; there is no button to submit it."""
    login("ambtenaar-dordrecht")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Thema's").click()
    page.get_by_role("link", name="Economie en vestigingsklimaat").click()
    page.get_by_role(
        "link", name=re.compile(r"Beoordeling schrijven\s*:\s*Skills-paspoort")
    ).click()
    page.get_by_label("Onderbouwing").fill("Eerst de onderbouwing; de scores volgen.")
    page.get_by_role("group", name="Prioriteit").get_by_label("Middel").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De beoordeling is opgeslagen.")

    page.get_by_role("link", name="Indienen").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("De beoordeling is nog niet compleet")
    expect(alert.get_by_role("link")).to_have_text(
        [
            "Geef een score van 1 tot en met 5 voor de bijdrage aan lokale doelen.",
            "Geef een score van 1 tot en met 5 voor de bijdrage aan regionale doelen.",
            "Geef een score van 1 tot en met 5 voor hoe logisch en effectief de activiteit is "
            "georganiseerd.",
            "Kies een voorstel.",
        ]
    )
    expect(page.get_by_role("button", name=re.compile("indienen", re.IGNORECASE))).to_have_count(0)
    expect(page.get_by_role("link", name="Beoordeling aanvullen")).to_be_visible()
    assert_accessible(page)
    assert_valid_html(page)

    alert.get_by_role("link", name=re.compile("regionale doelen")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beoordeling van Skills-paspoort")
    assert page.url.endswith("#id_score_regionaal")
    expect(page.get_by_role("group", name="Bijdrage aan regionale doelen")).to_be_in_viewport()
