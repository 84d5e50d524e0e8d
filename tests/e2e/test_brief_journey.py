"""Journey: a civil servant drafts a letter, a wethouder publishes it, a raadslid downloads it."""

import hashlib
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.factories import LidmaatschapFactory, UserFactory, pdf_bytes
from tests.werker import werker
from transitie.brieven.models import Briefbijlage, Briefpublicatie

pytestmark = pytest.mark.e2e


@pytest.fixture
def mensen(drechtsteden, regiekamers):
    dordrecht = next(g for g in drechtsteden if g.naam == "Dordrecht")
    wethouder = UserFactory(
        username="wethouder-dordrecht",
        first_name="Anna",
        last_name="de Wit",
        wethouder=True,
        gemeente=dordrecht,
    )
    LidmaatschapFactory(regiekamer=regiekamers[1], gebruiker=wethouder, gemeente=dordrecht)
    UserFactory(username="ambtenaar-dordrecht", ambtenaar=True, gemeente=dordrecht)
    UserFactory(username="raadslid-dordrecht", raadslid=True, gemeente=dordrecht)
    return dordrecht


def uitloggen(page: Page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state()


def test_draft_publish_and_download(
    page: Page, login, mensen, assert_accessible, assert_valid_html
):
    login("ambtenaar-dordrecht")
    page.get_by_role("link", name="Raadsinformatiebrieven").first.click()
    page.get_by_role("link", name="Nieuwe brief opstellen").click()
    assert_accessible(page)
    assert_valid_html(page)
    page.get_by_label("Titel").fill("Voortgang van de transitie")
    page.get_by_label("Afzender").fill("De colleges van de Drechtsteden")
    page.get_by_label("Onderwerp").fill("Stand van zaken voorjaar 2025")
    page.get_by_label("Datum").fill("2025-03-12")
    page.get_by_label("Contactpersoon", exact=True).fill("A. de Vries")
    page.get_by_label("E-mail contactpersoon").fill("a.devries@example.nl")
    page.get_by_label("Ondertekening").fill("Anna de Wit, wethouder van Dordrecht")
    page.get_by_label("Inleiding").fill("Via deze brief informeren wij u.\n\n- eerste punt")
    page.get_by_label("Kernboodschap").fill("## Regiekamers\nBeide regiekamers zijn gestart.")
    page.get_by_label("Samenstelling regiekamers").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Voortgang van de transitie")
    expect(page.get_by_text("Kenmerk")).to_be_visible()
    expect(
        page.get_by_text(
            "Publiceren mag: Beheerder, Bestuurlijke regiekamer. Nu zijn dat: Anna de Wit."
        )
    ).to_be_visible()
    assert_accessible(page)
    assert_valid_html(page)
    page.get_by_label("Titel van de bijlage").fill("Jaarverantwoording Groeiagenda 2023")
    page.get_by_label("PDF-bestand").set_input_files(
        files=[
            {"name": "jaarverantwoording.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
        ]
    )
    page.get_by_role("button", name="Bijlage toevoegen").click()
    expect(page.get_by_text("De bijlage is toegevoegd.")).to_be_visible()
    expect(page.get_by_role("link", name="Jaarverantwoording Groeiagenda 2023")).to_be_visible()
    assert_accessible(page)
    assert_valid_html(page)
    page.get_by_role("link", name="Voorbeeld Dordrecht").click()
    expect(page.get_by_text("Aan de gemeenteraad van Dordrecht")).to_be_visible()
    assert_accessible(page)
    assert_valid_html(page)
    page.get_by_role("link", name="Terug naar de brief").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Voortgang van de transitie")
    uitloggen(page)

    # The wethouder finds the draft as a task on his dashboard.
    login("wethouder-dordrecht")
    page.goto("/")
    expect(page.get_by_text("1 conceptbrief wacht op publicatie")).to_be_visible()
    page.get_by_role("link", name="Voortgang van de transitie").click()
    page.get_by_role("link", name="Publiceren").click()
    page.wait_for_url("**/publiceren/")
    assert_accessible(page)
    assert_valid_html(page)
    page.get_by_role("button", name="Ja, publiceren voor de zeven gemeenteraden").click()
    expect(page.get_by_text("De publicatie is gestart")).to_be_visible()
    expect(page.get_by_text("0 van de 7 PDF's zijn klaar")).to_be_visible()
    expect(page.get_by_role("link", name="Publiceren")).to_have_count(0)
    assert_accessible(page)
    assert_valid_html(page)
    # The worker renders the seven PDFs (in the test's thread: see tests/werker.py); the page's
    # script notices the end of the publication and reloads the page with the published files.
    werker()
    expect(page.get_by_role("heading", name="Gepubliceerd")).to_be_visible(timeout=15_000)
    expect(page.get_by_role("link", name=re.compile(r"-dordrecht\.pdf$"))).to_be_visible()
    expect(page.get_by_text("De brief wordt gepubliceerd")).to_have_count(0)
    assert_accessible(page)
    uitloggen(page)

    login("raadslid-dordrecht")
    page.get_by_role("link", name="Raadsinformatiebrieven").first.click()
    assert_accessible(page)
    assert_valid_html(page)
    with page.expect_download() as info:
        page.get_by_role("link", name="PDF van Voortgang van de transitie").click()
    download = info.value
    assert download.suggested_filename == "2025-03-12-raadsinformatiebrief-transitie-dordrecht.pdf"
    inhoud = Path(download.path()).read_bytes()
    opgeslagen = Briefpublicatie.objects.get(gemeente=mensen, brief__titel__startswith="Voortgang")
    assert hashlib.sha256(inhoud).hexdigest() == opgeslagen.sha256
    page.get_by_role("link", name="Voortgang van de transitie", exact=True).click()
    with page.expect_download() as info:
        page.get_by_role("link", name="Jaarverantwoording Groeiagenda 2023").click()
    assert Path(info.value.path()).read_bytes() == bytes(
        Briefbijlage.objects.get(titel="Jaarverantwoording Groeiagenda 2023").pdf
    )
    uitloggen(page)

    # Published, the letter is not edited any more: its page offers a correction instead.
    login("ambtenaar-dordrecht")
    page.get_by_role("link", name="Raadsinformatiebrieven").first.click()
    page.get_by_role("link", name="Voortgang van de transitie").click()
    expect(page.get_by_role("link", name="Bewerken")).to_have_count(0)
    page.get_by_role("button", name="Correctie opstellen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Correctie: Voortgang van de transitie"
    )
    expect(page.get_by_text("Corrigeert", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Bewerken")).to_be_visible()
    assert_accessible(page)
    assert_valid_html(page)
