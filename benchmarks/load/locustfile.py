"""The load test's three kinds of user, for `benchmarks/load/run.py` (headless locust).

Every user logs in once in `on_start`, then waits until all users have logged in; only then are the
statistics reset and the measured window (LAST_DUUR seconds) starts. Logging in is deliberately left
out of the figures: the password hash costs ~0.23 s of CPU per login by design, which a user pays
once a day, not per page.

Each POST writes a marker line (JSON) to LAST_MARKERS: the unique text that the user put in his
review's onderbouwing or his vote's toelichting, and whether the portal confirmed it (`gelukt`).
`data.py verify` finds every confirmed one in the database.

The burst after a publication (issue 16): a publisher (the demo beheerder) publishes the draft
"Lasttest piekbrief" a few seconds into the window and waits until its seven PDFs are out; then
each of the 210 load council members, at a random moment within the next minute, opens his
notifications, follows the one about the letter, opens the letter list and downloads his council's
PDF. The window lasts at least until the last of them is done (at most two minutes longer).
"""

import itertools
import json
import os
import random
import re
import time
import uuid
from html.parser import HTMLParser

import gevent
from gevent.event import Event
from locust import HttpUser, between, events, task
from requests.cookies import RequestsCookieJar

GEBRUIKERS = int(os.environ.get("LAST_GEBRUIKERS", "50"))
DUUR = float(os.environ.get("LAST_DUUR", "60"))
MARKERS = os.environ.get("LAST_MARKERS", "markers.jsonl")
GEMEENTEN = (
    "alblasserdam",
    "dordrecht",
    "hardinxveld-giessendam",
    "hendrik-ido-ambacht",
    "papendrecht",
    "sliedrecht",
    "zwijndrecht",
)
AMBTENAREN = int(os.environ.get("LAST_AMBTENAREN", "30"))
# The burst: 30 council members per council (data.py prepare), 0 to leave the burst out.
PIEK_PER_GEMEENTE = int(os.environ.get("LAST_PIEK_PER_GEMEENTE", "30"))
PIEK = PIEK_PER_GEMEENTE * len(GEMEENTEN)
PIEK_MINUUT = 60.0  # the council members follow their notification within a minute
PIEKBRIEF = "Lasttest piekbrief"
PUBLICEREN_NA = 5.0  # seconds into the window

_ingelogd = itertools.count(1)
_ambtenaar_nummer = itertools.count(1)
_wethouder_nummer = itertools.count(0)
_raadslid_nummer = itertools.count(0)
_piek_nummer = itertools.count(0)
_piek_klaar = itertools.count(1)
meetvenster = Event()
gepubliceerd = Event()
piek_voorbij = Event()
uitkomsten = {"conflict": 0, "te_laat": 0}


@events.quitting.add_listener
def _samenvatting(environment, **kwargs):
    print(
        f"Geweigerd zonder verlies: {uitkomsten['conflict']} bewerkingsconflicten (409, de "
        f"gebruiker ziet de nieuwere versie), {uitkomsten['te_laat']} stemmen na het besluit.",
        flush=True,
    )


class _CookiesOverHttp(RequestsCookieJar):
    """In production TLS ends at the proxy; here locust talks plain HTTP to gunicorn on 127.0.0.1,
    so the jar keeps the Secure session and CSRF cookies as plain ones, to send them back."""

    def set_cookie(self, cookie, *args, **kwargs):
        cookie.secure = False
        return super().set_cookie(cookie, *args, **kwargs)


class _Formulieren(HTMLParser):
    """The fields of every form on a page, as a browser would submit them: [(action, fields)]."""

    def __init__(self):
        super().__init__()
        self.formulieren, self.velden = [], None
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.velden = {}
            self.formulieren.append((attrs.get("action") or "", self.velden))
            return
        if self.velden is None or "name" not in attrs and tag != "option":
            return
        if tag == "input":
            soort = attrs.get("type", "text")
            if soort in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.velden.setdefault(attrs["name"], []).append(attrs.get("value", "on"))
            elif soort not in ("submit", "button", "file"):
                self.velden[attrs["name"]] = attrs.get("value") or ""
        elif tag == "select":
            self._select = attrs["name"]
            self.velden.setdefault(self._select, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.velden[self._select] = attrs.get("value") or ""
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.velden[self._textarea] = ""

    def handle_data(self, data):
        if self._textarea and self.velden is not None:
            self.velden[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.velden[self._textarea] = self.velden[self._textarea].removeprefix("\n")
            self._textarea = None
        elif tag == "form":
            self.velden = None


def formulier(html: str, *, actie: str | None = None, veld: str | None = None) -> dict:
    """The fields of the form posting to `actie`, or of the form holding the field `veld`.

    Only that form's slice of the page is parsed: locust shares the two cores with the server, and
    parsing a whole 200 kB page in Python would slow the measurement itself down.
    """
    anker = html.find(f'action="{actie}"') if actie else html.find(f'name="{veld}"')
    if anker < 0:
        raise ValueError(f"geen formulier met actie {actie!r} of veld {veld!r} op de pagina")
    begin = html.rfind("<form", 0, anker)
    einde = html.find("</form>", anker)
    parser = _Formulieren()
    parser.feed(html[begin : einde + len("</form>")])
    return dict(parser.formulieren[0][1])


def marker_schrijven(**velden) -> None:
    with open(MARKERS, "a") as bestand:
        bestand.write(json.dumps(velden) + "\n")


@events.test_start.add_listener
def _begin(environment, **kwargs):
    open(MARKERS, "w").close()


def _alle_ingelogd(environment) -> None:
    """The last login: reset the statistics and measure DUUR seconds from now."""
    environment.runner.stats.reset_all()
    meetvenster.set()
    print(
        f"Alle {GEBRUIKERS} gebruikers ingelogd; meetvenster van {DUUR:.0f} s begint.", flush=True
    )
    gevent.spawn(_stoppen, environment)


def _stoppen(environment) -> None:
    """After DUUR seconds, and once the burst is over (at most two minutes more)."""
    gevent.sleep(DUUR)
    if PIEK and not piek_voorbij.wait(timeout=120):
        print("De piek is na twee extra minuten nog niet voorbij; de meting stopt.", flush=True)
    environment.runner.quit()


def _controle_mislukt(environment, naam: str, melding: str) -> None:
    """A failed check that is not a failed request (locust's CHECK rows in the report)."""
    environment.events.request.fire(
        request_type="CHECK",
        name=naam,
        response_time=0,
        response_length=0,
        exception=AssertionError(melding),
        context={},
    )


class PortaalGebruiker(HttpUser):
    abstract = True
    # People, not scripts: a few seconds between tasks, and a pause to read or type between the
    # pages of one task (`lezen`). Each user still makes a request every ~2.5 s on average.
    wait_time = between(2, 5)
    username = ""

    def lezen(self) -> None:
        gevent.sleep(random.uniform(1, 3))

    def on_start(self):
        self.client.cookies = _CookiesOverHttp()
        self.username = self.kies_account()
        pagina = self.client.get("/inloggen/", name="inloggen (niet gemeten)")
        velden = formulier(pagina.text, veld="username")
        velden.update(username=self.username, password="demo")
        with self.client.post(
            "/inloggen/", data=velden, name="inloggen (niet gemeten)", catch_response=True
        ) as antwoord:
            if "/inloggen/" in antwoord.url:
                antwoord.failure(f"inloggen als {self.username} mislukt")
        # One visit to the user's own first page before the window: each gunicorn worker has then
        # compiled its templates, as it has after the first minutes of a working day.
        self.opwarmen()
        if next(_ingelogd) == GEBRUIKERS:
            _alle_ingelogd(self.environment)
        meetvenster.wait()

    def kies_account(self) -> str:
        raise NotImplementedError

    def opwarmen(self) -> None:
        raise NotImplementedError


class Ambtenaar(PortaalGebruiker):
    """A civil servant editing his own review: open the form, change the text, save."""

    weight = 2

    def kies_account(self) -> str:
        self.nummer = (next(_ambtenaar_nummer) - 1) % AMBTENAREN + 1
        self.pad = f"/themas/lasttest/lasttest-activiteit-{self.nummer:02d}/"
        return f"last-ambtenaar-{self.nummer:02d}"

    def opwarmen(self) -> None:
        self.client.get(self.pad + "beoordeling/", name="opwarmen (niet gemeten)")

    @task
    def beoordeling_bewerken(self):
        pagina = self.client.get(self.pad + "beoordeling/", name="beoordeling: formulier")
        if pagina.status_code != 200:
            return
        velden = formulier(pagina.text, veld="onderbouwing")
        marker = f"last-{uuid.uuid4().hex}"
        velden["onderbouwing"] = marker
        self.lezen()
        poging = {
            "soort": "beoordeling",
            "marker": marker,
            "gebruiker": self.username,
            "activiteit": f"lasttest-activiteit-{self.nummer:02d}",
        }
        # Written before the POST: a request still in flight when locust stops may be saved.
        marker_schrijven(**poging, gelukt=False)
        with self.client.post(
            self.pad + "beoordeling/",
            data=velden,
            name="beoordeling: opslaan (POST)",
            allow_redirects=False,
            catch_response=True,
        ) as antwoord:
            if antwoord.status_code == 302:
                marker_schrijven(**poging, gelukt=True)
                antwoord.success()
            elif antwoord.status_code == 409:
                uitkomsten["conflict"] += 1  # refused on purpose: nothing lost, the user is told
                antwoord.success()
            else:
                antwoord.failure(f"opslaan gaf {antwoord.status_code} (formulierfout?)")
                return
        self.client.get(self.pad, name="activiteit (na opslaan)")


STEM_ACTIE = re.compile(r'action="(/regiekamer/bestuurlijk/(\d+)/stem/)"')


class Wethouder(PortaalGebruiker):
    """An alderman voting: open the vote page, vote on a proposal, sometimes change his vote."""

    weight = 1

    def kies_account(self) -> str:
        return f"wethouder-{GEMEENTEN[next(_wethouder_nummer) % len(GEMEENTEN)]}"

    def opwarmen(self) -> None:
        self.client.get("/regiekamer/bestuurlijk/", name="opwarmen (niet gemeten)")

    @task
    def stemmen(self):
        pagina = self.client.get("/regiekamer/bestuurlijk/", name="stemmen: overzicht")
        acties = STEM_ACTIE.findall(pagina.text)
        if not acties:
            return
        actie, _pk = random.choice(acties)
        velden = formulier(pagina.text, actie=actie)
        marker = f"last-{uuid.uuid4().hex}"
        velden.update(keuze=random.choice(["instemmen", "onthouden"]), toelichting=marker)
        self.lezen()
        marker_schrijven(soort="stem", marker=marker, gebruiker=self.username, gelukt=False)
        with self.client.post(
            actie,
            data=velden,
            name="stemmen: stem (POST)",
            allow_redirects=False,
            catch_response=True,
        ) as antwoord:
            if antwoord.status_code != 302:
                antwoord.failure(f"stemmen gaf {antwoord.status_code}")
                return
        volgende = self.client.get("/regiekamer/bestuurlijk/", name="stemmen: overzicht")
        if "Uw stem is vastgelegd" in volgende.text:
            marker_schrijven(soort="stem", marker=marker, gebruiker=self.username, gelukt=True)
            return
        if "al besloten" in volgende.text:
            uitkomsten["te_laat"] += 1  # another alderman's vote decided it first
        elif volgende.ok:
            _controle_mislukt(self.environment, "stemmen: bevestiging", "geen bevestiging")


PDF_LINK = re.compile(r'href="(/brieven/publicaties/[0-9a-f-]+\.pdf)"')
DETAIL_LINK = re.compile(r'href="(/brieven/[0-9a-f-]{36}/)"')


class Raadslid(PortaalGebruiker):
    """A council member reading the letters: the list, a letter, its PDF."""

    weight = 1

    def kies_account(self) -> str:
        return f"raadslid-{GEMEENTEN[next(_raadslid_nummer) % len(GEMEENTEN)]}"

    def opwarmen(self) -> None:
        self.client.get("/brieven/", name="opwarmen (niet gemeten)")

    @task
    def brief_downloaden(self):
        lijst = self.client.get("/brieven/", name="brieven: lijst")
        details = DETAIL_LINK.findall(lijst.text)
        if not details:
            return
        self.lezen()
        detail = self.client.get(random.choice(details), name="brieven: brief")
        pdfs = PDF_LINK.findall(detail.text)
        if not pdfs:
            return
        self.lezen()
        with self.client.get(
            random.choice(pdfs), name="brieven: PDF", catch_response=True
        ) as antwoord:
            if not antwoord.content.startswith(b"%PDF"):
                antwoord.failure("geen PDF")


def _link_naar_piekbrief(html: str) -> str | None:
    """The letter's address in a list of links: the link whose text names the burst's letter."""
    gevonden = re.search(r'href="(/brieven/[0-9a-f-]{36}/)"[^>]*>[^<]*' + PIEKBRIEF, html)
    return gevonden.group(1) if gevonden else None


class Publiceerder(PortaalGebruiker):
    """The burst's cause: the beheerder publishes the draft and waits until it is out."""

    fixed_count = 1 if PIEK else 0
    wait_time = between(3600, 3600)  # one publication; then nothing more

    def kies_account(self) -> str:
        return "beheerder"

    def opwarmen(self) -> None:
        self.client.get("/brieven/", name="opwarmen (niet gemeten)")

    @task
    def publiceren(self):
        gevent.sleep(PUBLICEREN_NA)
        brief = _link_naar_piekbrief(self.client.get("/brieven/", name="brieven: lijst").text)
        if brief is None:
            _controle_mislukt(self.environment, "piek: publiceren", "geen piekbrief gevonden")
            return
        actie = brief + "publiceren/"
        pagina = self.client.get(actie, name="piek: publiceren (bevestiging)")
        velden = formulier(pagina.text, veld="versie")  # the confirmation posts to itself
        begin = time.monotonic()
        antwoord = self.client.post(
            actie, data=velden, name="piek: publiceren (POST)", allow_redirects=False
        )
        if antwoord.status_code != 302:
            _controle_mislukt(self.environment, "piek: publiceren", f"{antwoord.status_code}")
            return
        # The letter page shows the PDFs once all seven are out (rendered by the worker).
        while time.monotonic() - begin < 120:
            if PDF_LINK.search(self.client.get(brief, name="piek: brief (voortgang)").text):
                print(
                    f"Piekbrief gepubliceerd {time.monotonic() - begin:.1f} s na de klik; "
                    f"{PIEK} raadsleden volgen hun melding binnen een minuut.",
                    flush=True,
                )
                gepubliceerd.set()
                return
            gevent.sleep(1)
        _controle_mislukt(self.environment, "piek: publiceren", "na 120 s niet gepubliceerd")


class PiekRaadslid(PortaalGebruiker):
    """A council member of the burst: his notification, the letter, the list, his PDF."""

    fixed_count = PIEK
    wait_time = between(3600, 3600)  # one visit after the publication

    def kies_account(self) -> str:
        nummer = next(_piek_nummer)
        gemeente = GEMEENTEN[nummer % len(GEMEENTEN)]
        return f"last-raadslid-{gemeente}-{nummer // len(GEMEENTEN) + 1:02d}"

    def opwarmen(self) -> None:
        pass  # he comes when the notification does

    @task
    def melding_volgen(self):
        marker_schrijven(soort="download", marker="", gebruiker=self.username, gelukt=False)
        gepubliceerd.wait()
        gevent.sleep(random.uniform(0, PIEK_MINUUT))
        try:
            self._volgen()
        finally:
            if next(_piek_klaar) == PIEK:
                piek_voorbij.set()

    def _volgen(self) -> None:
        brief = _link_naar_piekbrief(self.client.get("/meldingen/", name="piek: meldingen").text)
        if brief is None:
            _controle_mislukt(self.environment, "piek: melding", "geen melding van de brief")
            return
        pdfs = PDF_LINK.findall(self.client.get(brief, name="piek: brief").text)
        self.client.get("/brieven/", name="piek: brieven lijst")
        if len(pdfs) != 1:
            _controle_mislukt(self.environment, "piek: PDF", f"{len(pdfs)} PDF-links")
            return
        with self.client.get(pdfs[0], name="piek: PDF", catch_response=True) as antwoord:
            if not antwoord.content.startswith(b"%PDF"):
                antwoord.failure("geen PDF")
                return
        marker_schrijven(soort="download", marker=pdfs[0], gebruiker=self.username, gelukt=True)
