"""Journey: the main pages of every role under the strict Content-Security-Policy, in Chromium.

No page may trip the policy (an inline style or script, a foreign source), and every page must
still be styled: its stylesheets load and apply.
"""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import ConsoleMessage, Page

from thema.models import Teamlid

pytestmark = pytest.mark.e2e

# Playwright injects this through the DevTools protocol, which the policy does not govern.
LUISTERAAR = """
window.__cspSchendingen = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspSchendingen.push(`${e.violatedDirective} ${e.blockedURI} regel ${e.lineNumber}`);
});
"""


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True  # the demo data are loaded only with DEBUG on
    call_command("laad_drechtsteden", "--demo", stdout=StringIO())
    settings.DEBUG = False


def paginas_voor(username: str) -> list[str]:
    paginas = [reverse("dashboard")]
    if username.startswith("ambtenaar"):
        teamlid = (
            Teamlid.objects.select_related("thema").filter(gebruiker__username=username).first()
        )
        assert teamlid is not None, f"{username} zit in geen themateam in de demo"
        activiteit = teamlid.thema.activiteiten.first()
        kwargs = {"slug": teamlid.thema.slug, "activiteit": activiteit.slug}
        paginas += [
            reverse("thema:overzicht"),
            reverse("thema:detail", kwargs={"slug": teamlid.thema.slug}),
            reverse("thema:activiteit", kwargs=kwargs),
            reverse("thema:beoordelen", kwargs=kwargs),
        ]
    if username.startswith("regisseur"):
        paginas += [
            reverse("regiekamer:overzicht"),
            reverse("regiekamer:wachtrij"),
            reverse("historie:lijst"),
            reverse("financien:kaderwijziging_nieuw"),
        ]
    if username.startswith("wethouder"):
        paginas += [
            reverse("regiekamer:stemmen"),
            reverse("besluiten:lijst"),
            reverse("plan:overzicht"),
            reverse("financien:overzicht"),
            reverse("brieven:toezeggingen"),
        ]
    if username.startswith("raadslid"):
        paginas += [reverse("brieven:lijst")]
    if username == "beheerder":
        paginas += [reverse("brieven:nieuw")]
    return paginas


def bezoek(page: Page, pad: str, console: list[str]) -> None:
    response = page.goto(pad)
    assert response is not None and response.status == 200, f"{pad}: {response and response.status}"
    page.wait_for_load_state("load")
    schendingen = page.evaluate("window.__cspSchendingen")
    assert schendingen == [], f"CSP-schending op {pad}: {schendingen}"
    assert console == [], f"Consolefouten op {pad}: {console}"
    bladen = page.evaluate("[...document.styleSheets].map((s) => [s.href, s.cssRules.length])")
    assert any(href and href.endswith("/css/portaal.css") for href, _ in bladen), bladen
    assert all(regels > 0 for _, regels in bladen), f"leeg stylesheet op {pad}: {bladen}"
    # The stylesheet applies: the body's default 8px margin is gone and the skip link is hidden.
    assert page.evaluate("getComputedStyle(document.body).marginTop") == "0px", pad


@pytest.mark.parametrize(
    "username",
    [
        None,
        "ambtenaar-dordrecht",
        "regisseur-dordrecht",
        "wethouder-dordrecht",
        "raadslid-dordrecht",
        "beheerder",
    ],
)
def test_main_pages_break_no_policy_and_are_styled(page: Page, login, demo, username):
    console: list[str] = []

    def op_console(bericht: ConsoleMessage) -> None:
        if bericht.type == "error" or "Content Security Policy" in bericht.text:
            console.append(bericht.text)

    page.add_init_script(LUISTERAAR)
    page.on("console", op_console)
    page.on("pageerror", lambda fout: console.append(str(fout)))

    if username is None:
        bezoek(page, reverse("login"), console)
        return
    assert get_user_model().objects.filter(username=username).exists()
    login(username)
    assert page.url.endswith(reverse("dashboard")), page.url
    for pad in paginas_voor(username):
        bezoek(page, pad, console)
