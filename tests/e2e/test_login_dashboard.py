"""Journey: a civil servant logs in and sees his to-do and both regiekamers' representation."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import MOBILE
from tests.factories import (
    AanbevelingFactory,
    ActiviteitFactory,
    BeoordelingFactory,
    LidmaatschapFactory,
    MijlpaalFactory,
    TeamlidFactory,
    ThemaFactory,
    TransitieplanFactory,
    UserFactory,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def regio(drechtsteden, regiekamers):
    """The seven in both regiekamers except Sliedrecht in the bestuurlijke; a plan; a theme."""
    ambtelijk, bestuurlijk = regiekamers
    for gemeente in drechtsteden:
        LidmaatschapFactory(regiekamer=ambtelijk, gemeente=gemeente)
        if gemeente.naam != "Sliedrecht":
            LidmaatschapFactory(regiekamer=bestuurlijk, gemeente=gemeente)
    aanbeveling = AanbevelingFactory(
        transitieplan=TransitieplanFactory(naam="Transitieplan Drechtsteden")
    )
    MijlpaalFactory(aanbeveling=aanbeveling, gereed=True)
    MijlpaalFactory(aanbeveling=aanbeveling, te_laat=True)
    MijlpaalFactory(aanbeveling=aanbeveling)

    dordrecht = next(g for g in drechtsteden if g.naam == "Dordrecht")
    ambtenaar = UserFactory(
        username="ambtenaar-dordrecht",
        first_name="Jan",
        last_name="de Graaf",
        ambtenaar=True,
        gemeente=dordrecht,
    )
    thema = ThemaFactory(naam="Economie en vestigingsklimaat")
    TeamlidFactory(thema=thema, gebruiker=ambtenaar)
    BeoordelingFactory(
        activiteit=ActiviteitFactory(thema=thema, naam="Bedrijvenloket Drechtsteden")
    )
    BeoordelingFactory(activiteit=ActiviteitFactory(thema=thema, naam="Acquisitie"))
    BeoordelingFactory(
        activiteit=ActiviteitFactory(thema=thema, naam="Regiomarketing"), ingediend=True
    )
    return ambtenaar


def test_ambtenaar_logs_in_and_sees_his_dashboard(
    page: Page, login, regio, assert_accessible, assert_valid_html, screenshot
):
    page.goto("/")
    expect(page).to_have_url("/inloggen/?next=/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    assert_accessible(page)
    assert_valid_html(page)
    screenshot(page, "login-desktop")

    login("ambtenaar-dordrecht", "fout")
    expect(page.get_by_role("alert")).to_contain_text("Inloggen is niet gelukt")
    assert_accessible(page)
    screenshot(page, "login-fout-desktop")

    login("ambtenaar-dordrecht")
    expect(page).to_have_url("/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Naar de inhoud")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overzicht van de transitie")
    banner = page.get_by_role("banner")
    expect(banner).to_contain_text("Jan de Graaf")
    expect(banner).to_contain_text("Ambtenaar · gemeente Dordrecht")
    # The pages a role may read join the menu; these three are everyone's.
    expect(page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link")).to_contain_text(
        ["Overzicht", "Thema's", "Raadsinformatiebrieven"]
    )

    taken = page.get_by_role("region", name="Beoordelingen van uw thema's")
    expect(taken).to_contain_text("2 conceptbeoordelingen om af te maken en in te dienen")
    expect(taken).to_contain_text("Bedrijvenloket Drechtsteden")
    expect(taken).not_to_contain_text("Regiomarketing")

    expect(page.get_by_role("region", name="Ambtelijke regiekamer")).to_contain_text(
        "7 van 7 gemeenten vertegenwoordigd"
    )
    bestuurlijk = page.get_by_role("region", name="Bestuurlijke regiekamer")
    expect(bestuurlijk).to_contain_text("6 van 7 gemeenten vertegenwoordigd")
    expect(bestuurlijk.get_by_role("listitem")).to_have_text(["Sliedrecht"])

    assert_accessible(page)
    assert_valid_html(page)
    screenshot(page, "dashboard-desktop")

    page.set_viewport_size(MOBILE)
    assert_accessible(page)
    screenshot(page, "dashboard-mobiel")

    page.get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url("/inloggen/")
    screenshot(page, "login-mobiel")
