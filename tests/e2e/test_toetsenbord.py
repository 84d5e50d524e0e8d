"""The three main journeys with the keyboard alone: a civil servant submits a review, an alderman
votes, a council member downloads a letter.

No mouse click anywhere: Tab and Shift+Tab move, Enter follows a link or submits, Space checks a
radio button or presses a button, the arrow keys move within a radio group, as in any browser.
Every element the keyboard reaches shows where the focus is, and the skip link comes first.
"""

import hashlib
import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests import regiewereld
from tests.factories import (
    AdviesFactory,
    BeoordelingFactory,
    BriefpublicatieFactory,
    RaadsinformatiebriefFactory,
    UserFactory,
)
from thema.constants import BeoordelingStatus, Voorstel

pytestmark = pytest.mark.e2e
rk = regiewereld.rk

MAX_TABS = 120  # more Tab presses than any of these pages needs to reach an element

# What :focus-visible draws around the focused element, read from its computed style.
FOCUS_STYLE = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {
        element: el.outerHTML.slice(0, 120),
        focusVisible: el.matches(":focus-visible"),
        outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
        boxShadow: style.boxShadow !== "none",
    };
}"""


def assert_focus_visible(page: Page) -> None:
    focus = page.evaluate(FOCUS_STYLE)
    assert focus["focusVisible"], f"De focus is niet :focus-visible op {focus['element']}"
    assert focus["outline"] or focus["boxShadow"], (
        f"Geen zichtbare focus (outline of box-shadow) op {focus['element']}"
    )


def is_focused(locator: Locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def tab_to(page: Page, target: Locator, *, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the target has the focus; every stop must show its focus."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        if page.evaluate("document.activeElement === document.body"):
            continue  # past the last element, the browser's own controls have the focus
        assert_focus_visible(page)
        if is_focused(target):
            return
    pytest.fail(f"{target} is met {MAX_TABS}x {key} niet bereikbaar", pytrace=False)


def follow(page: Page, target: Locator, *, key: str = "Enter") -> None:
    """Tab to a link or button and activate it with the keyboard; wait for the next page."""
    tab_to(page, target)
    with page.expect_navigation():
        page.keyboard.press(key)


def log_in(page: Page, username: str) -> None:
    page.goto("/inloggen/")
    tab_to(page, page.get_by_label("Gebruikersnaam"))
    page.keyboard.type(username)
    tab_to(page, page.get_by_label("Wachtwoord"))
    page.keyboard.type("demo")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()


def skip_to_content(page: Page) -> None:
    """The first Tab on a page reaches the skip link, visibly; Enter puts the focus on main."""
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    assert is_focused(skip), "De eerste Tab komt niet op 'Naar de inhoud'"
    assert_focus_visible(page)
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()


def menu(page: Page, naam: str) -> Locator:
    return page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=naam)


def test_civil_servant_submits_a_review_by_keyboard(page: Page, live_server, rk):
    BeoordelingFactory(activiteit=rk.activiteit, compleet=True, ingediend_op=None)
    log_in(page, "ambtenaar-dordrecht")
    skip_to_content(page)
    # From main, back up into the menu.
    tab_to(page, menu(page, "Thema's"), backwards=True)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    follow(page, page.get_by_role("link", name="Economie en vestigingsklimaat"))
    follow(page, page.get_by_role("link", name="Skills-paspoort", exact=True))
    follow(page, page.get_by_role("link", name="Beoordeling bewerken"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Beoordeling van Skills-paspoort")

    tab_to(page, page.get_by_label("Onderbouwing"))
    page.keyboard.press("End")
    page.keyboard.type(" Met het toetsenbord aangevuld.")
    follow(page, page.get_by_role("button", name="Opslaan"))
    expect(page.get_by_role("status")).to_contain_text("De beoordeling is opgeslagen.")

    follow(page, page.get_by_role("link", name="Indienen"))
    follow(
        page, page.get_by_role("button", name="Ja, indienen bij de ambtelijke regiekamer"), key=" "
    )
    expect(page.get_by_role("status")).to_contain_text(
        "De beoordeling is ingediend bij de ambtelijke regiekamer."
    )
    beoordeling = rk.activiteit.beoordelingen.get()
    assert beoordeling.status == BeoordelingStatus.INGEDIEND
    assert beoordeling.onderbouwing.endswith("Met het toetsenbord aangevuld.")


def test_alderman_votes_by_keyboard(page: Page, live_server, rk):
    voorstel = BeoordelingFactory(
        activiteit=rk.activiteit, geadviseerd=True, voorstel=Voorstel.DOORZETTEN
    )
    AdviesFactory(beoordeling=voorstel, gegeven_door=rk.regisseur)
    log_in(page, "wethouder-dordrecht")
    skip_to_content(page)
    tab_to(page, menu(page, "Regiekamers"), backwards=True)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    follow(
        page,
        page.get_by_role("link", name="Bestuurlijke regiekamer: voorstellen om over te stemmen"),
    )
    stem = page.get_by_role("group", name="Stem van Dordrecht over Skills-paspoort")
    # Tab enters the radio group on its first button; the arrow key moves to "Tegen" and checks
    # it, Shift+Tab leaves and Tab comes back, Space keeps the choice.
    tab_to(page, stem.get_by_label("Instemmen"))
    page.keyboard.press("ArrowDown")
    expect(stem.get_by_label("Tegen")).to_be_checked()
    page.keyboard.press("ArrowUp")
    expect(stem.get_by_label("Instemmen")).to_be_checked()
    tab_to(page, page.get_by_label("Toelichting (niet verplicht)"))
    page.keyboard.type("Dordrecht steunt het voorstel.")
    tab_to(page, stem.get_by_label("Instemmen"), backwards=True)
    page.keyboard.press(" ")
    expect(stem.get_by_label("Instemmen")).to_be_checked()
    follow(page, page.get_by_role("button", name="Stem uitbrengen"))

    expect(page.get_by_role("status")).to_contain_text("Uw stem is vastgelegd.")
    expect(page.get_by_role("row", name=re.compile("Dordrecht"))).to_contain_text("Instemmen")
    stemmen = voorstel.stemmen.get()
    assert (stemmen.gemeente, stemmen.keuze) == (rk.gemeente("Dordrecht"), "instemmen")
    assert stemmen.toelichting == "Dordrecht steunt het voorstel."


def test_council_member_downloads_a_letter_by_keyboard(page: Page, live_server, rk):
    dordrecht = rk.gemeente("Dordrecht")
    UserFactory(username="raadslid-dordrecht", raadslid=True, gemeente=dordrecht)
    brief = RaadsinformatiebriefFactory(titel="Voortgang van de transitie", gepubliceerd=True)
    publicatie = BriefpublicatieFactory(brief=brief, gemeente=dordrecht)

    log_in(page, "raadslid-dordrecht")
    skip_to_content(page)
    tab_to(page, menu(page, "Raadsinformatiebrieven"), backwards=True)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("link", name="PDF van Voortgang van de transitie"))
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    download = info.value
    assert download.suggested_filename == publicatie.bestandsnaam
    inhoud = Path(download.path()).read_bytes()
    assert hashlib.sha256(inhoud).hexdigest() == publicatie.sha256
