"""Screenshots of the portal's key pages at a desk's 1280 px and a phone's 390 px, to look at.

Not a test: it writes PNGs for a person to look at (issue 15: the five dashboards, the vote page,
an activity after a decision, the letter list as a council member). Run it on a seeded database
(`make seed`, the demo data with DEBUG on), from the repository root:

    .venv/bin/python scripts/schermafdrukken.py                       # to /tmp/schermafdrukken
    DATABASE_URL=sqlite:////tmp/demo.sqlite3 .venv/bin/python scripts/schermafdrukken.py --uit DIR

The demo has no decision yet, so the script first takes one through the portal's own services, as
the demo people would: the ambtelijke regiekamer (regisseur-dordrecht) advises the oldest submitted
review and every involved municipality's alderman votes in favour; the next submitted review is
advised and left on the agenda for the vote page. It does this only once: with a decision already
in the database it changes nothing. Then it starts the portal (runserver, on a free port, on the
same database), logs in through the login form as each demo role and saves full-page PNGs named
`<page>-<width>.png`. Chromium is the system's (/usr/bin/chromium), as in the e2e tests.
"""

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "drechtsteden.settings")

WACHTWOORD = "demo"
BREEDTES = (1280, 390)
CHROMIUM = "/usr/bin/chromium"


def _zorg_voor_een_besluit() -> str:
    """The URL of an activity with a decision; takes one through the services if there is none."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from thema.constants import BeoordelingStatus
    from thema.models import Beoordeling
    from transitie.constants import AdviesOordeel, AdviesVervolg, StemKeuze
    from transitie.regiekamer.models import Besluit
    from transitie.regiekamer.selectors import bestuurlijke_zetels, betrokken_gemeenten
    from transitie.regiekamer.services import advies_create, stem_cast

    besluit = Besluit.objects.select_related("beoordeling__activiteit__thema").first()
    if besluit is not None:
        return besluit.beoordeling.activiteit.get_absolute_url()
    ingediend = list(
        Beoordeling.objects.filter(status=BeoordelingStatus.INGEDIEND).order_by("ingediend_op")[:2]
    )
    if not ingediend:
        sys.exit("Geen ingediende beoordeling in de demodata: laad eerst 'make seed'.")
    regisseur = get_user_model().objects.get(username="regisseur-dordrecht")
    for beoordeling in ingediend:
        advies_create(
            beoordeling=beoordeling,
            oordeel=AdviesOordeel.POSITIEF,
            toelichting="Past bij de regionale doelen (schermafdrukken).",
            vervolg=AdviesVervolg.AGENDEREN,
            acting_user=regisseur,
        )
    beoordeling = Beoordeling.objects.prefetch_related(
        "activiteit__deelnames", "voorgestelde_gemeenten"
    ).get(pk=ingediend[0].pk)
    zetels = bestuurlijke_zetels(timezone.localdate())
    for gemeente_id in sorted(betrokken_gemeenten(beoordeling)):
        stem_cast(
            beoordeling_id=beoordeling.pk,
            keuze=StemKeuze.INSTEMMEN,
            acting_user=zetels[gemeente_id].gebruiker,
        )
    besluit = Besluit.objects.get(beoordeling=beoordeling)
    print(f"Besluit genomen: {besluit}")
    return beoordeling.activiteit.get_absolute_url()


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_portaal(poort: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{poort}", "--noreload"],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{poort}/inloggen/", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("Het portaal startte niet (runserver).")


def _pagina_s(activiteit_url: str) -> list[tuple[str, str, str]]:
    """(file name, demo account, path) of each page to photograph."""
    return [
        ("dashboard-ambtenaar", "ambtenaar-dordrecht", "/"),
        ("dashboard-regisseur", "regisseur-dordrecht", "/"),
        ("dashboard-wethouder", "wethouder-dordrecht", "/"),
        ("dashboard-raadslid", "raadslid-dordrecht", "/"),
        ("dashboard-beheerder", "beheerder", "/"),
        ("stemmen-wethouder", "wethouder-dordrecht", "/regiekamer/bestuurlijk/"),
        ("activiteit-na-besluit", "ambtenaar-dordrecht", activiteit_url),
        ("brieven-raadslid", "raadslid-dordrecht", "/brieven/"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uit", default="/tmp/schermafdrukken", help="map voor de PNG's")
    uit = Path(parser.parse_args().uit)
    uit.mkdir(parents=True, exist_ok=True)
    pagina_s = _pagina_s(_zorg_voor_een_besluit())

    from playwright.sync_api import sync_playwright

    poort = _vrije_poort()
    server = _start_portaal(poort)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            for gebruiker in dict.fromkeys(g for _, g, _ in pagina_s):
                context = browser.new_context(
                    base_url=f"http://127.0.0.1:{poort}",
                    viewport={"width": BREEDTES[0], "height": 900},
                    locale="nl-NL",
                )
                page = context.new_page()
                page.goto("/inloggen/")
                page.get_by_label("Gebruikersnaam").fill(gebruiker)
                page.get_by_label("Wachtwoord").fill(WACHTWOORD)
                page.get_by_role("button", name="Inloggen").click()
                page.wait_for_load_state()
                for naam, wie, pad in pagina_s:
                    if wie != gebruiker:
                        continue
                    for breedte in BREEDTES:
                        page.set_viewport_size({"width": breedte, "height": 900})
                        page.goto(pad)
                        bestand = uit / f"{naam}-{breedte}.png"
                        page.screenshot(path=str(bestand), full_page=True)
                        breed = page.evaluate("document.documentElement.scrollWidth")
                        print(f"{bestand}  ({pad} als {wie}; documentbreedte {breed} px)")
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
