"""Load-test data: `prepare` adds people and proposals, `verify` checks that nothing was lost.

    python benchmarks/load/data.py prepare
    python benchmarks/load/data.py wacht            (until the worker's queue is empty)
    python benchmarks/load/data.py verify MARKERS.jsonl [MAILS.jsonl]

Runs against the database in DATABASE_URL, after `migrate` and `laad_drechtsteden --demo`.
`prepare` adds, through the seed's Loader (so with history by the system user):
- a theme "Lasttest" with one activity per load civil servant (`last-ambtenaar-NN`, in its team), so
  that each civil servant edits his own review and conflicts mean a real lost-update attempt;
- proposals on the bestuurlijke regiekamer's agenda (advised reviews of activities in which all
  seven take part), for the seven demo aldermen to vote on;
- for the burst after a publication (issue 16): 30 council members per council
  (`last-raadslid-<gemeente>-NN`, each with an e-mail address and the default choice "at once") and
  a complete draft letter "Lasttest piekbrief", drafted by the demo regisseur, which the load test's
  publisher (the demo beheerder) publishes during the measured window.
`verify` reads the markers locust wrote for every POST (a unique text in the review's onderbouwing
or the vote's toelichting), finds each confirmed one in the history by the right user, and each
civil servant's last saved text in his review now.
"""

import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "drechtsteden.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_tasks.base import TaskResultStatus  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from drechtsteden.constants import Rol  # noqa: E402
from drechtsteden.meldingen.constants import BezorgStatus  # noqa: E402
from drechtsteden.meldingen.models import Bezorging, Melding  # noqa: E402
from drechtsteden.models import Gemeente, Profiel  # noqa: E402
from drechtsteden.selectors import drechtsteden_list, users_with_role  # noqa: E402
from drechtsteden.services import system_user  # noqa: E402
from thema import workflow  # noqa: E402
from thema.constants import Prioriteit, Voorstel  # noqa: E402
from thema.models import Activiteit, Beoordeling, Deelname, Teamlid, Thema  # noqa: E402
from transitie.brieven.models import Raadsinformatiebrief  # noqa: E402
from transitie.brieven.services import BriefInvoer, brief_create  # noqa: E402
from transitie.constants import AdviesOordeel, AdviesVervolg, BriefStatus, SectieSoort  # noqa: E402
from transitie.regiekamer.models import Advies, Stem  # noqa: E402
from transitie.seed.demo import DEMO_PASSWORD  # noqa: E402
from transitie.seed.laden import Loader, Verslag  # noqa: E402

# The state in which a proposal waits for the aldermen's votes.
TER_STEMMING = workflow.wacht_op(workflow.Actor.BESTUURLIJKE_REGIEKAMER)
AMBTENAREN = 30
VOORSTELLEN = 40
THEMA_SLUG = "lasttest"
REDEN = "Lasttest: voorbereiding"
RAADSLEDEN_PER_GEMEENTE = 30  # the most `run.py --piek-per-gemeente` can ask for
PIEKBRIEF = "Lasttest piekbrief"


def ambtenaar_naam(nummer: int) -> str:
    return f"last-ambtenaar-{nummer:02d}"


def raadslid_naam(gemeente_slug: str, nummer: int) -> str:
    return f"last-raadslid-{gemeente_slug}-{nummer:02d}"


@transaction.atomic
def prepare() -> None:
    loader = Loader(user=system_user(), reden=REDEN, verslag=Verslag())
    gemeenten = list(Gemeente.objects.filter(is_drechtstad=True).order_by("naam"))
    thema = loader.ensure(
        Thema,
        {"slug": THEMA_SLUG},
        initial={"naam": "Lasttest", "beschrijving": "Voor de lasttest.", "is_demo": True},
    )
    password = make_password(DEMO_PASSWORD)  # one hash for every load account
    groep = Group.objects.get(name=Rol.AMBTENAAR.value)
    User = get_user_model()
    for nummer in range(1, AMBTENAREN + 1):
        user, _ = User.objects.get_or_create(
            username=ambtenaar_naam(nummer),
            defaults={
                "first_name": "Last",
                "last_name": f"Ambtenaar {nummer}",
                "password": password,
            },
        )
        user.groups.add(groep)
        loader.ensure(
            Profiel,
            {"gebruiker": user},
            initial={"gemeente": gemeenten[nummer % len(gemeenten)], "functie": "Lasttest"},
        )
        loader.ensure(Teamlid, {"thema": thema, "gebruiker": user})
        _activiteit(loader, thema, f"lasttest-activiteit-{nummer:02d}", gemeenten)

    regisseur = User.objects.get(username="regisseur-dordrecht")
    for nummer in range(1, VOORSTELLEN + 1):
        activiteit = _activiteit(loader, thema, f"lastvoorstel-{nummer:02d}", gemeenten)
        beoordeling = loader.ensure(
            Beoordeling,
            {"activiteit": activiteit, "ronde": 1},
            initial={
                "status": TER_STEMMING[0],
                "voorstel": Voorstel.DOORZETTEN,
                "prioriteit": Prioriteit.MIDDEL,
                "score_lokaal": 3,
                "score_regionaal": 4,
                "score_organisatie": 3,
                "onderbouwing": "Voorstel voor de lasttest.",
                "ingediend_op": timezone.now(),
            },
        )
        if not beoordeling.adviezen.exists():
            loader.ensure(
                Advies,
                {"beoordeling": beoordeling},
                initial={
                    "oordeel": AdviesOordeel.POSITIEF,
                    "toelichting": "Advies voor de lasttest.",
                    "vervolg": AdviesVervolg.AGENDEREN,
                    "gegeven_door": regisseur,
                },
            )
    raadsleden = _raadsleden(loader, gemeenten, password)
    _piekbrief()
    print(
        f"Lasttest-data: {AMBTENAREN} ambtenaren met elk een eigen activiteit, "
        f"{Beoordeling.objects.filter(status__in=TER_STEMMING).count()} voorstellen "
        f"ter stemming, {raadsleden} raadsleden voor de piek na de publicatie van "
        f"'{PIEKBRIEF}'."
    )


def _raadsleden(loader: Loader, gemeenten: list, password: str) -> int:
    groep = Group.objects.get(name=Rol.RAADSLID.value)
    User = get_user_model()
    for gemeente in gemeenten:
        for nummer in range(1, RAADSLEDEN_PER_GEMEENTE + 1):
            naam = raadslid_naam(gemeente.slug, nummer)
            user, _ = User.objects.get_or_create(
                username=naam,
                defaults={
                    "first_name": "Last",
                    "last_name": f"Raadslid {gemeente.naam} {nummer}",
                    "email": f"{naam}@lasttest.example",
                    "password": password,
                },
            )
            user.groups.add(groep)
            loader.ensure(
                Profiel, {"gebruiker": user}, initial={"gemeente": gemeente, "functie": "Raadslid"}
            )
    return len(gemeenten) * RAADSLEDEN_PER_GEMEENTE


def _piekbrief() -> None:
    """A complete draft with every data block, as the griffie would leave it for publication."""
    if Raadsinformatiebrief.objects.filter(titel=PIEKBRIEF).exists():
        return
    brief_create(
        acting_user=get_user_model().objects.get(username="regisseur-dordrecht"),
        invoer=BriefInvoer(
            titel=PIEKBRIEF,
            onderwerp="Stand van de transitie voor de lasttest",
            datum=timezone.localdate(),
            secties={soort: f"Tekst van {soort} voor de lasttest." for soort in SectieSoort.values},
            afzender="De colleges van de Drechtsteden",
            kenmerk="LAST-1",
            contactpersoon_naam="A. de Vries",
            contactpersoon_email="a.devries@example.nl",
            ondertekening="B. Bakker, voorzitter",
            blok_besluiten=True,
            blok_transitieplan=True,
            blok_financien=True,
            blok_regiekamers=True,
        ),
    )


def wacht(seconden: float) -> bool:
    """Wait until the worker has done every task (mails included); False after `seconden`."""
    import time

    open_taken = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    )
    einde = time.monotonic() + seconden
    while (aantal := open_taken.count()) and time.monotonic() < einde:
        time.sleep(1)
    print(f"Taken in de wachtrij van de werker: {aantal} open.")
    return aantal == 0


def _activiteit(loader: Loader, thema: Thema, slug: str, gemeenten: list) -> Activiteit:
    activiteit = loader.ensure(
        Activiteit,
        {"thema": thema, "slug": slug},
        initial={"naam": slug.replace("-", " ").capitalize(), "vorm": "Lasttest.", "is_demo": True},
    )
    for gemeente in gemeenten:
        loader.ensure(
            Deelname,
            {"activiteit": activiteit, "gemeente": gemeente},
            initial={"jaarlijkse_bijdrage": "1000.00"},
        )
    return activiteit


def verify(markers_path: str) -> bool:
    """Every POST the portal confirmed is in the database. Prints and returns the verdict.

    A POST whose answer got lost (a broken connection) may or may not have been saved; it is not
    counted as confirmed, but it may be the review's latest version.
    """
    regels = [json.loads(line) for line in Path(markers_path).read_text().splitlines() if line]
    # One line before each POST (gelukt false), one more once the portal confirmed it.
    regels = [m for m in regels if m["soort"] in ("stem", "beoordeling")]
    pogingen = list({m["marker"]: {**m, "gelukt": False} for m in regels}.values())
    bevestigd = {m["marker"] for m in regels if m["gelukt"]}
    for m in pogingen:
        m["gelukt"] = m["marker"] in bevestigd
    gelukt = [m for m in pogingen if m["gelukt"]]
    per_soort = Counter(m["soort"] for m in gelukt)
    HistoricalStem = Stem.history.model
    HistoricalBeoordeling = Beoordeling.history.model
    in_historie = {
        "stem": set(
            HistoricalStem.objects.filter(toelichting__startswith="last-").values_list(
                "toelichting", "history_user__username"
            )
        ),
        "beoordeling": set(
            HistoricalBeoordeling.objects.filter(onderbouwing__startswith="last-").values_list(
                "onderbouwing", "history_user__username"
            )
        ),
    }
    verloren = [m for m in gelukt if (m["marker"], m["gebruiker"]) not in in_historie[m["soort"]]]

    # Each civil servant edits only his own review, one request at a time: what the review holds
    # now must be his last attempt that reached the database, and no confirmed save after it.
    nu = dict(
        Beoordeling.objects.filter(activiteit__thema__slug=THEMA_SLUG).values_list(
            "activiteit__slug", "onderbouwing"
        )
    )
    overschreven = []
    per_gebruiker: dict[str, list] = {}
    for m in pogingen:
        if m["soort"] == "beoordeling":
            per_gebruiker.setdefault(m["gebruiker"], []).append(m)
    for reeks in per_gebruiker.values():
        markers = [m["marker"] for m in reeks]
        huidig = nu.get(reeks[0]["activiteit"])
        positie = markers.index(huidig) if huidig in markers else -1
        overschreven += [m for m in reeks[positie + 1 :] if m["gelukt"]]

    print(
        f"Bevestigde POSTs volgens locust: {per_soort['stem']} stemmen, "
        f"{per_soort['beoordeling']} opgeslagen beoordelingen "
        f"(van {len(pogingen)} pogingen; de rest geweigerd of zonder antwoord)."
    )
    print(
        f"Historie in de database: {len(in_historie['stem'])} stemmen, "
        f"{len(in_historie['beoordeling'])} beoordelingsversies met een lasttest-tekst."
    )
    print(f"Bevestigd maar niet in de database: {len(verloren)}; later overschreven: "
          f"{len(overschreven)}.")  # fmt: skip
    for m in (verloren + overschreven)[:10]:
        print(f"  verloren: {m}")
    return bool(gelukt) and not verloren and not overschreven


def verify_piek(markers_path: str, mails_path: str) -> bool:
    """The burst: the letter was published; every council member of the seven got exactly one
    notification and, by the worker, exactly one mail; every load council member downloaded."""
    regels = [json.loads(line) for line in Path(markers_path).read_text().splitlines() if line]
    # One line when a burst council member started waiting, one more after his download.
    verwacht = {m["gebruiker"] for m in regels if m["soort"] == "download"}
    downloads = {m["gebruiker"] for m in regels if m["soort"] == "download" and m["gelukt"]}
    brief = Raadsinformatiebrief.objects.get(titel=PIEKBRIEF)
    raadsleden = users_with_role(Rol.RAADSLID).filter(
        profiel__gemeente__in=drechtsteden_list(), is_active=True
    )
    meldingen = Melding.objects.filter(gebeurtenis=f"brief-gepubliceerd:{brief.uuid}")
    gemeld = Counter(meldingen.values_list("ontvanger__username", flat=True))
    namen = set(raadsleden.values_list("username", flat=True))
    adressen = dict(raadsleden.exclude(email="").values_list("email", "username"))
    bezorgd = Counter(
        Bezorging.objects.filter(melding__in=meldingen).values_list("status", flat=True)
    )
    mails = Counter()
    for regel in Path(mails_path).read_text().splitlines():
        mail = json.loads(regel)
        if PIEKBRIEF in mail["onderwerp"]:
            mails.update(a for a in mail["aan"] if a in adressen)

    print(f"'{PIEKBRIEF}': {brief.get_status_display()}.")
    print(
        f"Meldingen: {len(gemeld)} van {len(namen)} raadsleden, "
        f"{sum(1 for n in gemeld.values() if n > 1)} dubbel; bezorgingen: {dict(bezorgd)}."
    )
    print(
        f"Mails ontvangen door de SMTP-server: {len(mails)} van {len(adressen)} adressen, "
        f"{sum(1 for n in mails.values() if n > 1)} dubbel."
    )
    print(
        f"Downloads na de melding: {len(downloads)} van de {len(verwacht)} raadsleden van de piek."
    )
    return (
        brief.status == BriefStatus.GEPUBLICEERD
        and set(gemeld) == namen
        and max(gemeld.values(), default=0) == 1
        and set(bezorgd) <= {BezorgStatus.VERZONDEN, BezorgStatus.GEEN_MAIL}
        and set(mails) == set(adressen)
        and max(mails.values(), default=0) == 1
        and verwacht
        and downloads == verwacht
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["prepare"]:
        prepare()
    elif sys.argv[1:2] == ["wacht"]:
        sys.exit(0 if wacht(float(sys.argv[2]) if len(sys.argv) > 2 else 180) else 1)
    elif sys.argv[1:2] == ["verify"] and len(sys.argv) in (3, 4):
        goed = verify(sys.argv[2])
        if len(sys.argv) == 4:
            goed = verify_piek(sys.argv[2], sys.argv[3]) and goed
        sys.exit(0 if goed else 1)
    else:
        sys.exit(__doc__)
