"""Benchmark of publishing a letter in the background: the POST, and click to all seven published.

Run: .venv/bin/python benchmarks/publiceren.py [--werkers N] [--herhalingen N] [--interval S]
                                               [--postgres URL] [--synchroon]
     (or `make bench-publiceren`, which passes WERKERS, one per core by default)

A 120-decision letter with every block switched on (as tests/transitie/brieven/test_pdf_structuur.py
builds it) is published for the seven councils by a wethouder:
1. POST: the publish form posted through Django's test Client in this process (the whole request:
   middleware, view, `brief_publish_request`), DEBUG off. Target: under 300 ms.
2. Click to published: from just before the POST until the letter is published, with N real
   `manage.py db_worker` processes started beside it (as `make run` starts them: the same poll
   interval, `nice -n 10`), polled every 100 ms (the figure is printed to a tenth of a second;
   polling more often would take CPU from the workers being measured, and can only add up to
   0.1 s). Target: under 8 s. Also printed: when each council's PDF started and was ready, after
   the click, and per worker process.
Each repetition publishes a fresh copy of the letter over the same 120 decisions. One small letter
is published first, so that every worker has loaded WeasyPrint and its fonts, as a running worker
has.
--synchroon also times `brief_publish` (all seven rendered in one process, as the POST did before).

The data lives in a throw-away database: an SQLite file in a temporary directory, or with
--postgres a fresh database on that server (created and dropped again). The configured database is
not touched. The load average is printed before and after: on a busy machine the figures mean
little.
"""

import argparse
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.brieven import THEMAS, add_decisions, postgres_database  # noqa: E402

BESLUITEN = 120
DOEL_POST = 0.300
DOEL_GEPUBLICEERD = 8.0
MAX_WACHTEN = 300.0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--werkers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--herhalingen", type=int, default=3)
    parser.add_argument(
        "--interval", type=float, default=0.25, help="db_worker's poll interval (make run: 0.25)"
    )
    parser.add_argument("--postgres", help="server URL, e.g. postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--synchroon", action="store_true", help="also time brief_publish")
    return parser.parse_args()


def setup_django(database_url: str, tijdelijk: Path) -> None:
    certificaat = tijdelijk / "ondertekening.p12"
    os.environ.update(
        DJANGO_SETTINGS_MODULE="drechtsteden.settings",
        DATABASE_URL=database_url,
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(40),
        DJANGO_HISTORIE_SLEUTEL=secrets.token_urlsafe(40),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,testserver",
        DJANGO_SECURE_SSL_REDIRECT="false",
        # Publishing signs every PDF: a throw-away certificate (the workers read the same).
        DJANGO_ONDERTEKENING_PKCS12=str(certificaat),
        DJANGO_ONDERTEKENING_WACHTWOORD="bench",
    )
    import django
    from django.core.management import call_command

    django.setup()
    from transitie.brieven.ondertekening import certificaat_maak

    certificaat_maak(certificaat, wachtwoord="bench", naam="Benchmark (test)")
    call_command("migrate", verbosity=0)


def build_world() -> dict:
    from tests.conftest import ZEVEN_DRECHTSTEDEN
    from tests.factories import (
        GemeenteFactory,
        LidmaatschapFactory,
        PartnerFactory,
        RegiekamerFactory,
        ThemaFactory,
        ToezeggingFactory,
        UserFactory,
    )

    gemeenten = [
        GemeenteFactory(naam=naam, cbs_code=code, drechtstad=True)
        for naam, code in ZEVEN_DRECHTSTEDEN
    ]
    dordrecht = gemeenten[1]
    regiekamer = RegiekamerFactory(bestuurlijk=True)
    # The same 120 decisions as the letter benchmark's (benchmarks/brieven.py).
    add_decisions(
        {
            "gemeenten": gemeenten,
            "dordrecht": dordrecht,
            "themas": [ThemaFactory(naam=f"Thema {n + 1}") for n in range(THEMAS)],
            "partners": [PartnerFactory() for _ in range(3)],
        },
        0,
        BESLUITEN,
    )
    for gemeente in gemeenten:
        LidmaatschapFactory(regiekamer=regiekamer, gebruiker=UserFactory(), gemeente=gemeente)
    ToezeggingFactory()
    wethouder = UserFactory(username="bench-wethouder", wethouder=True, gemeente=dordrecht)
    LidmaatschapFactory(regiekamer=regiekamer, gebruiker=wethouder, gemeente=dordrecht)
    return {"wethouder": wethouder}


ALINEA = (
    "De zeven colleges hebben ingestemd met de aanbevelingen uit het adviesrapport en geven "
    "opdracht tot implementatie via het transitieplan, met oog voor maatschappelijke opgaven. "
)


def new_letter(*, groot: bool):
    """A complete draft; `groot`: every block on (120 decisions), else a short one."""
    from tests.factories import BriefsectieFactory, RaadsinformatiebriefFactory
    from transitie.constants import SectieSoort

    letter = RaadsinformatiebriefFactory(
        titel="Stand van de transitie" if groot else "Opwarmen",
        onderwerp="Besluiten per thema",
        blok_besluiten=groot,
        blok_regiekamers=groot,
        blok_transitieplan=groot,
        blok_financien=groot,
    )
    for soort in SectieSoort:
        BriefsectieFactory(brief=letter, soort=soort, tekst=f"## Kop\n{ALINEA * 4}\n\n- punt")
    return letter


def start_workers(aantal: int, interval: float, tijdelijk: Path) -> list[subprocess.Popen]:
    """`manage.py db_worker` processes as `make run` starts them; their output in a log file."""
    log = (tijdelijk / "werkers.log").open("ab")
    return [
        subprocess.Popen(
            [
                "nice",
                "-n",
                "10",
                sys.executable,
                "manage.py",
                "db_worker",
                "--queue-name",
                "*",
                "--no-reload",
                "--interval",
                str(interval),
                "--worker-id",
                f"bench-werker-{nummer}",
            ],
            cwd=ROOT,
            env=os.environ.copy(),
            stdout=log,
            stderr=log,
        )
        for nummer in range(1, aantal + 1)
    ]


def publish_and_wait(client, letter) -> dict:
    """POST the publish form; wait until the worker has published the letter."""
    from django.urls import reverse

    from transitie.brieven.models import Publicatieopdracht, Raadsinformatiebrief
    from transitie.constants import BriefStatus, OpdrachtStatus

    url = reverse("brieven:publiceren", kwargs={"brief_id": letter.uuid})
    klik = time.perf_counter()
    response = client.post(url, {"versie": letter.versie})
    post = time.perf_counter() - klik
    assert response.status_code == 302, response.status_code
    opdracht = Publicatieopdracht.objects.get(brief=letter)
    while True:
        status = Raadsinformatiebrief.objects.values_list("status", flat=True).get(pk=letter.pk)
        if status == BriefStatus.GEPUBLICEERD:
            gepubliceerd = time.perf_counter() - klik
            break
        opdracht.refresh_from_db()
        if opdracht.status == OpdrachtStatus.MISLUKT:
            raise RuntimeError(f"Publicatie mislukt: {opdracht.fout}")
        if time.perf_counter() - klik > MAX_WACHTEN:
            raise RuntimeError("Niet gepubliceerd binnen de wachttijd: draaien de werkers?")
        time.sleep(0.1)
    assert letter.publicaties.count() == 7
    return {"post": post, "gepubliceerd": gepubliceerd, "opdracht": opdracht}


def steps_report(opdracht) -> tuple[list[str], dict[str, int]]:
    """Per council: started and ready, in seconds after the request; and which worker ran what."""
    from django_tasks_db.models import DBTaskResult

    start = opdracht.aangevraagd_op
    regels = []
    for stap in opdracht.stappen.select_related("gemeente").order_by("gestart_op"):
        regels.append(
            f"    {stap.gemeente.naam:<24} start {(stap.gestart_op - start).total_seconds():5.1f} s"
            f"  klaar {(stap.klaar_op - start).total_seconds():5.1f} s"
        )
    per_werker: dict[str, int] = {}
    for taak in DBTaskResult.objects.filter(
        task_path__endswith="publicatiestap_render", enqueued_at__gte=start
    ):
        for werker in taak.worker_ids:
            per_werker[werker] = per_werker.get(werker, 0) + 1
    return regels, per_werker


def load() -> str:
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def oordeel(waarde: float, doel: float) -> str:
    return "gehaald" if waarde < doel else "NIET GEHAALD"


def main() -> None:
    args = parse_args()
    tijdelijk = Path(tempfile.mkdtemp(prefix="bench-publiceren-"))
    opruimen = None
    werkers: list[subprocess.Popen] = []
    try:
        if args.postgres:
            database_url, opruimen = postgres_database(args.postgres, soort="publiceren")
        else:
            database_url = f"sqlite:///{tijdelijk / 'bench.sqlite3'}"
        print(f"Load average voor de start: {load()} ({os.cpu_count()} cores)", flush=True)
        setup_django(database_url, tijdelijk)
        from django.db import connection
        from django.test import Client

        world = build_world()
        client = Client()
        client.force_login(world["wethouder"])
        print(
            f"Database: {connection.vendor}; {args.werkers} werker(s), interval "
            f"{args.interval} s; brief met {BESLUITEN} besluiten, alle blokken, zeven raden",
            flush=True,
        )
        werkers = start_workers(args.werkers, args.interval, tijdelijk)
        opwarmen = publish_and_wait(client, new_letter(groot=False))
        print(f"Opwarmen (korte brief): {opwarmen['gepubliceerd']:.1f} s", flush=True)

        posts, klaar = [], []
        for herhaling in range(1, args.herhalingen + 1):
            uitkomst = publish_and_wait(client, new_letter(groot=True))
            posts.append(uitkomst["post"])
            klaar.append(uitkomst["gepubliceerd"])
            print(
                f"\n{herhaling}. POST {uitkomst['post'] * 1000:.0f} ms; klik tot gepubliceerd "
                f"{uitkomst['gepubliceerd']:.1f} s (load {load()})",
                flush=True,
            )
            regels, per_werker = steps_report(uitkomst["opdracht"])
            print("\n".join(regels))
            print(
                "    per werker: " + ", ".join(f"{w}: {n}" for w, n in sorted(per_werker.items())),
                flush=True,
            )

        post, gepubliceerd = statistics.median(posts), statistics.median(klaar)
        print(f"\nMediaan van {args.herhalingen}:")
        print(
            f"  POST                 {post * 1000:6.0f} ms   doel < 300 ms: "
            f"{oordeel(post, DOEL_POST)}"
        )
        print(
            f"  klik tot gepubliceerd {gepubliceerd:6.1f} s    doel < 8 s:    "
            f"{oordeel(gepubliceerd, DOEL_GEPUBLICEERD)}"
        )
        print(f"Load average na afloop: {load()}", flush=True)

        if args.synchroon:
            from transitie.brieven.services import brief_publish

            for werker in werkers:
                werker.terminate()
            letter = new_letter(groot=True)
            start = time.perf_counter()
            brief_publish(acting_user=world["wethouder"], brief=letter)
            print(
                f"\nTer vergelijking, brief_publish in een proces (alle zeven na elkaar): "
                f"{time.perf_counter() - start:.1f} s (load {load()})"
            )
    finally:
        for werker in werkers:
            werker.terminate()
        for werker in werkers:
            try:
                werker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                werker.kill()
        if opruimen is not None:
            from django.db import connections

            connections.close_all()
            opruimen()
        shutil.rmtree(tijdelijk, ignore_errors=True)


if __name__ == "__main__":
    main()
