"""Journey: a member of the ambtelijke regiekamer reads the audit log, filters it, pages back,
follows a change to the activity's history tab and downloads the CSV."""

import pytest
from playwright.sync_api import Page, expect

from tests.factories import ActiviteitFactory, BeoordelingFactory, GemeenteFactory, UserFactory
from thema.models import Thema

pytestmark = pytest.mark.e2e


@pytest.fixture
def regisseur(db):
    dordrecht = GemeenteFactory(naam="Dordrecht", drechtstad=True)
    ambtenaar = UserFactory(
        username="ambtenaar-e2e",
        first_name="Anna",
        last_name="de Wit",
        ambtenaar=True,
        gemeente=dordrecht,
    )
    regisseur = UserFactory(
        username="regisseur-e2e",
        first_name="Rik",
        last_name="Bos",
        regisseur=True,
        gemeente=dordrecht,
    )
    activiteit = ActiviteitFactory(naam="Campus Maakindustrie", history_user=ambtenaar)
    BeoordelingFactory(activiteit=activiteit, history_user=ambtenaar)
    for n in range(60):
        # Names of their own: the factories' themes are "Thema <n>" (thema-<n>).
        thema = Thema(naam=f"Historiethema {n:02d}", slug=f"historiethema-{n:02d}")
        thema._history_user = ambtenaar
        thema.save()
    return regisseur


def test_regisseur_reads_filters_and_follows_the_audit_log(
    page: Page, login, regisseur, assert_accessible, assert_valid_html, screenshot
):
    login("regisseur-e2e")
    page.get_by_role("link", name="Historie").click()
    expect(page.get_by_role("heading", name="Historie", level=1)).to_be_visible()
    expect(page.get_by_role("row").nth(1)).to_contain_text("Historiethema 59")
    expect(page.get_by_role("row").nth(1)).to_contain_text("Anna de Wit")
    assert_accessible(page)
    assert_valid_html(page)
    screenshot(page, "historie")

    page.get_by_role("link", name="Ouder").click()
    expect(page.get_by_role("heading", name="Wijzigingen vanaf", exact=False)).to_be_visible()
    page.get_by_role("link", name="Nieuwste").click()
    expect(page.get_by_role("heading", name="Nieuwste wijzigingen")).to_be_visible()

    page.get_by_label("Soort object").select_option(label="Activiteit")
    page.get_by_role("button", name="Filteren").click()
    rows = page.get_by_role("row")
    expect(rows).to_have_count(2)
    expect(rows.nth(1)).to_contain_text("Aangemaakt")
    assert_accessible(page)
    assert_valid_html(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV", exact=False).click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    assert text.count("\n") == 2
    assert "Campus Maakindustrie" in text

    page.get_by_role("link", name="Campus Maakindustrie – geschiedenis").click()
    expect(page.get_by_role("heading", name="Campus Maakindustrie", level=1)).to_be_visible()
