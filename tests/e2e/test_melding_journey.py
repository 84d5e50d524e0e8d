"""Journey: a civil servant submits a review in the browser; the regisseur's header shows one
unread notification, the real worker mails him once through a real SMTP server, and the mail's
link opens the advice form."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import DEMO_PASSWORD, BeoordelingFactory
from tests.regiewereld import rk  # noqa: F401 (the regiekamer world)
from tests.werker import werker

pytestmark = pytest.mark.e2e


def test_submitting_tells_the_regisseur_in_the_header_and_by_one_mail(
    page: Page,
    browser,
    live_server,
    login,
    rk,  # noqa: F811
    smtp_server,
    settings,
    assert_accessible,
    screenshot,
):
    settings.PORTAAL_URL = live_server.url
    concept = BeoordelingFactory(activiteit=rk.activiteit, compleet=True)

    login("ambtenaar-dordrecht")
    page.goto(f"/themas/{rk.thema.slug}/{rk.activiteit.slug}/beoordeling/indienen/")
    page.get_by_role("button", name="Ja, indienen bij de ambtelijke regiekamer").click()
    expect(page.get_by_role("status")).to_contain_text("ingediend bij de ambtelijke regiekamer")
    # The civil servant is not told about his own act.
    expect(page.get_by_role("link", name="Meldingen", exact=True)).to_be_visible()

    regisseur = browser.new_context(base_url=live_server.url, locale="nl-NL").new_page()
    regisseur.goto("/inloggen/")
    regisseur.get_by_label("Gebruikersnaam").fill("regisseur-dordrecht")
    regisseur.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    regisseur.get_by_role("button", name="Inloggen").click()
    kop = regisseur.get_by_role("banner")
    expect(kop.get_by_role("link", name="Meldingen 1 ongelezen")).to_be_visible()
    kop.get_by_role("link", name="Meldingen 1 ongelezen").click()
    expect(regisseur.get_by_role("heading", level=1)).to_have_text("Meldingen")
    expect(
        regisseur.get_by_role("link", name="Beoordeling ingediend: Skills-paspoort")
    ).to_be_visible()
    assert_accessible(regisseur)
    screenshot(regisseur, "meldingen-inbox")

    # The real worker (db_worker's loop in batch mode) runs the queue, as `make run` does beside
    # the server. In this thread: on SQLite's shared in-memory test database a worker thread
    # polling beside the live server meets "database table is locked".
    werker()
    assert smtp_server.ontvangers == [rk.regisseur.email]
    (mail,) = smtp_server.berichten
    link = f"{live_server.url}/regiekamer/ambtelijk/{concept.pk}/advies/"
    assert link in mail.deel("text/plain")
    assert re.search(rf'href="{re.escape(link)}"', mail.deel("text/html"))

    regisseur.goto(link)
    expect(regisseur.get_by_role("heading", level=1)).to_have_text("Advies over Skills-paspoort")
    regisseur.context.close()
