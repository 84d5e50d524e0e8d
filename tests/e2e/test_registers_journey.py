"""Journey: the ambtelijke regiekamer puts a framework change to the seven councils and records
that one adopted it; then it registers a commitment of the seed letter and settles it."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from drechtsteden.models import Gemeente
from tests.factories import UserFactory
from transitie.brieven.models import Toezegging
from transitie.financien.models import Raadsbehandeling

pytestmark = pytest.mark.e2e


@pytest.fixture
def regisseur(db):
    call_command("laad_drechtsteden", stdout=StringIO())
    return UserFactory(
        username="regisseur-e2e",
        first_name="Sanne",
        last_name="Bakker",
        regisseur=True,
        # A council's decision is recorded for one's own municipality only.
        gemeente=Gemeente.objects.get(slug="dordrecht"),
    )


def test_framework_change_and_commitment(
    page: Page, login, regisseur, assert_accessible, assert_valid_html, screenshot
):
    login("regisseur-e2e")

    # A change to the financial frameworks goes to all seven councils.
    page.goto("/financien/")
    expect(page.get_by_role("heading", name="Wijzigingen financiële kaders")).to_be_visible()
    page.get_by_role("link", name="Kaderwijziging vastleggen").click()
    assert_accessible(page)
    assert_valid_html(page)
    page.get_by_label("Titel").fill("Nieuw uitvoeringsprogramma 2026")
    page.get_by_label("Financieel effect in euro").fill("-40000")
    page.get_by_label("Voorgelegd op").fill("2025-01-15")
    page.get_by_role("button", name="Voorleggen aan de gemeenteraden").click()
    expect(page.get_by_text("is ter vaststelling voorgelegd aan de zeven")).to_be_visible()
    rij = page.get_by_role("row", name="Nieuw uitvoeringsprogramma 2026")
    expect(rij).to_contain_text("In behandeling (0 van 7 vastgesteld)")
    assert_accessible(page)
    assert_valid_html(page)

    # Dordrecht's council adopts it.
    page.get_by_role("link", name="Besluit vastleggen van Dordrecht").click()
    expect(
        page.get_by_role("heading", name="Besluit van de gemeenteraad van Dordrecht")
    ).to_be_visible()
    assert_accessible(page)
    assert_valid_html(page)
    page.get_by_label("Vastgesteld").check()
    page.get_by_label("Datum van het raadsbesluit").fill("2025-02-13")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(rij).to_contain_text("In behandeling (1 van 7 vastgesteld)")
    assert Raadsbehandeling.objects.get(gemeente__slug="dordrecht").status == "vastgesteld"
    screenshot(page, "kaderwijzigingen")

    # The seed letter's commitments are there; register one more, for Dordrecht only, and settle it.
    page.goto("/brieven/")
    page.get_by_role("link", name="Toezeggingen aan de gemeenteraden").click()
    expect(page.get_by_role("heading", name="Gemeenteraad van Dordrecht")).to_be_visible()
    assert_accessible(page)
    assert_valid_html(page)
    page.get_by_role("link", name="Toezegging registreren").click()
    page.get_by_label("Toezegging (verplicht)").fill("Een raadsavond over de transitie.")
    page.get_by_label("Gedaan in brief").select_option(
        label="Doorontwikkeling bestuurlijke samenwerking Drechtsteden"
    )
    page.get_by_label("Aan de gemeenteraad van").select_option(label="Dordrecht")
    page.get_by_label("Verwacht op").fill("2025-05-01")
    assert_accessible(page)
    page.get_by_role("button", name="Registreren").click()
    expect(page.get_by_text("De toezegging is geregistreerd.")).to_be_visible()

    dordrecht = page.get_by_role("region", name="Gemeenteraad van Dordrecht", exact=True)
    nieuw = dordrecht.get_by_role("row", name="Een raadsavond over de transitie.")
    expect(nieuw).to_contain_text("Open")
    nieuw.get_by_role("link", name="Afdoen").click()
    page.get_by_label("Hoe is de toezegging afgedaan?").fill("Gehouden op 10 april.")
    page.get_by_label("Afgedaan op").fill("2025-04-10")
    assert_accessible(page)
    assert_valid_html(page)
    page.get_by_role("button", name="Afdoen").click()
    expect(page.get_by_text("De toezegging is afgedaan.")).to_be_visible()
    expect(
        page.get_by_role("region", name="Gemeenteraad van Dordrecht", exact=True).get_by_role(
            "row", name="Een raadsavond over de transitie."
        )
    ).to_contain_text("Afgedaan op 10 april 2025")
    assert Toezegging.objects.get(tekst="Een raadsavond over de transitie.").afgedaan_op
    assert_accessible(page)
    assert_valid_html(page)
    screenshot(page, "toezeggingen")
