"""Journeys: an alderman reads the transition plan and its timeline, then the Groeiagenda finance;
a member of the ambtelijke regiekamer adds a milestone and records a contribution, and is refused
a budget line that breaks the ceiling."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tests.factories import UserFactory
from transitie.financien.models import Bijdrage
from transitie.plan.models import Mijlpaal

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True  # the demo data are loaded only with DEBUG on
    call_command("laad_drechtsteden", "--demo", stdout=StringIO())
    settings.DEBUG = False


@pytest.fixture
def wethouder(demo):
    return UserFactory(
        username="wethouder-e2e", first_name="Els", last_name="Visser", wethouder=True
    )


@pytest.fixture
def regisseur(demo):
    return UserFactory(
        username="regisseur-e2e", first_name="Sanne", last_name="de Wit", regisseur=True
    )


def test_wethouder_reads_plan_and_finance(
    page: Page, login, wethouder, assert_accessible, assert_valid_html, screenshot
):
    login("wethouder-e2e")
    page.get_by_role("link", name="Transitieplan").click()
    expect(page.get_by_role("heading", name="Transitieplan", level=1)).to_be_visible()
    expect(page.get_by_role("img", name="Tijdlijn van het transitieplan")).to_be_visible()
    page.get_by_text("Tijdlijn als tabel").click()
    expect(page.get_by_role("heading", name="Voortgang per thema")).to_be_visible()
    assert_accessible(page)
    assert_valid_html(page)
    screenshot(page, "transitieplan")

    page.get_by_role("link", name="Financiën").click()
    expect(page.get_by_role("heading", name="Financiën van de Groeiagenda")).to_be_visible()
    page.get_by_role("link", name="2024").click()
    expect(page.get_by_role("heading", name="Groeiagenda 2024")).to_be_visible()
    expect(page.get_by_role("row", name="Overgeheveld tekort")).to_contain_text("€\u00a0140.000")
    assert_accessible(page)
    assert_valid_html(page)
    screenshot(page, "financien")

    page.get_by_role("link", name="Dordrecht").click()
    expect(page.get_by_role("heading", name="Wat Dordrecht bijdraagt, en waaraan")).to_be_visible()
    assert_accessible(page)
    assert_valid_html(page)


def test_regisseur_adds_a_milestone_and_records_a_contribution(
    page: Page, login, regisseur, assert_accessible, screenshot
):
    voorwaarde = Mijlpaal.objects.order_by("deadline", "titel").first()
    login("regisseur-e2e")
    page.get_by_role("link", name="Transitieplan").click()
    page.get_by_role("link", name="Mijlpaal toevoegen").click()
    expect(page.get_by_role("heading", name="Mijlpaal toevoegen", level=1)).to_be_visible()
    page.get_by_label("Titel").fill("Evaluatie van de regiekamers")
    page.get_by_label("Aanbeveling").select_option(index=1)
    page.get_by_label("Eigenaar").select_option(label="Dordrecht")
    page.get_by_label(re.compile(r"^Deadline")).fill("2025-06-15")
    page.get_by_label("Status").select_option(label="Bezig")
    page.get_by_role("checkbox", name=voorwaarde.titel).check()
    assert_accessible(page)
    screenshot(page, "mijlpaal-toevoegen")
    page.get_by_role("button", name="Mijlpaal opslaan").click()
    expect(page.get_by_text("Mijlpaal Evaluatie van de regiekamers is opgeslagen.")).to_be_visible()
    rij = page.get_by_role("row", name="Evaluatie van de regiekamers")
    expect(rij.first).to_contain_text(voorwaarde.titel)
    expect(rij.first).to_contain_text("Bezig")
    nieuw = Mijlpaal.objects.get(titel="Evaluatie van de regiekamers")
    assert list(nieuw.afhankelijk_van.all()) == [voorwaarde]
    assert nieuw.history.first().history_user == regisseur

    page.get_by_role("link", name="Financiën").click()
    page.get_by_role("link", name="2024").click()
    expect(page.get_by_role("heading", name="Groeiagenda 2024")).to_be_visible()

    # Past the ceiling: refused, with the reason at the amount, and nothing stored.
    page.get_by_role("link", name="Begrotingspost toevoegen").click()
    page.get_by_label("Omschrijving").fill("Groot congres")
    page.get_by_label("Bedrag in euro").fill("5000000")
    page.get_by_role("button", name="Opslaan").click()
    # Listed above the form with the field's name, and at the field itself.
    plafond = "overschrijdt het totale budget van Groeiagenda 2024"
    expect(
        page.get_by_role("alert").get_by_role(
            "link", name=re.compile(f"^Bedrag in euro: .*{plafond}")
        )
    ).to_be_visible()
    expect(page.get_by_text(re.compile(f"^Fout bij Bedrag in euro: .*{plafond}"))).to_be_visible()
    assert_accessible(page)
    screenshot(page, "begrotingspost-plafond")
    page.get_by_role("link", name="Annuleren").click()

    page.get_by_role("link", name="Bijdrage vastleggen").click()
    kop = page.get_by_role("heading", name="Bijdrage vastleggen: Groeiagenda 2024")
    expect(kop).to_be_visible()
    page.get_by_label("Omschrijving").fill("Subsidie Regio Deal")
    page.get_by_label("Bron").select_option(label="Subsidie")
    page.get_by_label("Bedrag in euro").fill("40000")
    page.get_by_label("Status").select_option(label="Toegezegd")
    screenshot(page, "bijdrage-vastleggen")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De bijdrage is opgeslagen.")).to_be_visible()
    page.get_by_text(re.compile(r"^\d+ bijdragen$")).click()
    rij = page.get_by_role("row", name="Subsidie Regio Deal")
    expect(rij).to_contain_text("Toegezegd")
    expect(rij).to_contain_text("€\u00a040.000")
    assert_accessible(page)
    screenshot(page, "financien-regisseur")
    bijdrage = Bijdrage.objects.get(omschrijving="Subsidie Regio Deal")
    assert (bijdrage.status, bijdrage.history.get().history_user) == ("toegezegd", regisseur)
