"""Benchmark of the raadsinformatiebrieven: rendering with 10, 100 and 500 decisions, and downloads.

Run: .venv/bin/python benchmarks/brieven.py [--herhalingen N] [--verzoeken N]
                                            [--conn-max-age S] [--postgres URL]

1. Render: a letter with its five sections and the block "Besluiten per thema", for Dordrecht,
   with 10, 100 and 500 decisions in 5 themes. Our render (`brief_render`: the queries, the
   template and WeasyPrint) against WeasyPrint alone rendering the same final HTML with the same
   options; median of N interleaved runs each; peak memory of one more run under tracemalloc.
   Target: our render at most 1.2x WeasyPrint alone.
2. Download: the 500-decision letter is published; a council member of Dordrecht downloads his
   council's PDF over HTTP from gunicorn (1 sync worker, DEBUG off, on a free random port),
   interleaved with the same bytes served as a static file by the same gunicorn (whitenoise, as in
   production). Median of N requests each, a new connection per request (a gunicorn sync worker
   closes it anyway). Target: the download at most 2x the static file.
   It also counts the download's queries in-process (Django's test Client, same code path).

The data lives in a throw-away database: an SQLite file in a temporary directory, or with
--postgres a fresh database on that server (created and dropped again). The configured database
is not touched. The database connections of gunicorn live DJANGO_CONN_MAX_AGE seconds
(--conn-max-age, default 60; 0 closes the connection after every request).
"""

import argparse
import hashlib
import http.client
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

AANTALLEN = (10, 100, 500)
THEMAS = 5
DOEL_RENDER = 1.2
DOEL_DOWNLOAD = 2.0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--herhalingen", type=int, default=3, help="renders per measurement")
    parser.add_argument("--verzoeken", type=int, default=300, help="HTTP requests per URL")
    parser.add_argument("--conn-max-age", type=int, default=60)
    parser.add_argument(
        "--alleen-download", action="store_true", help="skip the render measurements"
    )
    parser.add_argument("--postgres", help="server URL, e.g. postgres://postgres@127.0.0.1:5432")
    return parser.parse_args()


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postgres_database(server: str, *, soort: str = "brieven") -> tuple[str, callable]:
    """A fresh database on the server, and the function that drops it."""
    import psycopg

    naam = f"rp_bench_{soort}_{secrets.token_hex(4)}"
    delen = urlsplit(server)
    beheer = urlunsplit(delen._replace(path="/postgres"))
    with psycopg.connect(beheer, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{naam}"')

    def opruimen() -> None:
        with psycopg.connect(beheer, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')

    return urlunsplit(delen._replace(path=f"/{naam}")), opruimen


def setup_django(database_url: str, static_dir: Path, conn_max_age: int) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="benchmarks.settings_brieven",
        DATABASE_URL=database_url,
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(40),
        DJANGO_HISTORIE_SLEUTEL=secrets.token_urlsafe(40),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,testserver",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_CONN_MAX_AGE=str(conn_max_age),
        BENCH_STATIC_DIR=str(static_dir),
        BENCH_STATIC_ROOT=str(static_dir.parent / "staticroot"),
        # Publishing signs: a throw-away certificate beside the database (DEBUG is off).
        DJANGO_ONDERTEKENING_PKCS12=str(static_dir.parent / "ondertekening.p12"),
        DJANGO_ONDERTEKENING_WACHTWOORD="bench",
    )
    import django
    from django.core.management import call_command

    django.setup()
    from transitie.brieven.ondertekening import certificaat_maak

    certificaat_maak(
        static_dir.parent / "ondertekening.p12", wachtwoord="bench", naam="Benchmark (test)"
    )
    call_command("migrate", verbosity=0)


def build_world():
    from tests.conftest import ZEVEN_DRECHTSTEDEN
    from tests.factories import (
        BriefsectieFactory,
        GemeenteFactory,
        PartnerFactory,
        RaadsinformatiebriefFactory,
        ThemaFactory,
        UserFactory,
    )
    from transitie.constants import SectieSoort

    gemeenten = [
        GemeenteFactory(naam=naam, cbs_code=code, drechtstad=True)
        for naam, code in ZEVEN_DRECHTSTEDEN
    ]
    dordrecht = gemeenten[1]
    letter = RaadsinformatiebriefFactory(
        titel="Stand van de transitie", onderwerp="Besluiten per thema", blok_besluiten=True
    )
    for soort in SectieSoort:
        BriefsectieFactory(brief=letter, soort=soort, tekst=f"Tekst van {soort.label}.\n\n- punt")
    return {
        "gemeenten": gemeenten,
        "dordrecht": dordrecht,
        "letter": letter,
        "themas": [ThemaFactory(naam=f"Thema {n + 1}") for n in range(THEMAS)],
        "partners": [PartnerFactory() for _ in range(3)],
        "wethouder": UserFactory(username="bench-wethouder", wethouder=True, gemeente=dordrecht),
        "raadslid": UserFactory(username="bench-raadslid", raadslid=True, gemeente=dordrecht),
    }


def add_decisions(world, van: int, tot: int) -> None:
    from tests.factories import ActiviteitFactory, besluit_met_stemmen
    from transitie.constants import StemKeuze

    gemeenten = world["gemeenten"]
    for n in range(van, tot):
        soort = n % 3
        besluit_met_stemmen(
            {world["dordrecht"]: StemKeuze.INSTEMMEN},
            activiteit=ActiviteitFactory(
                thema=world["themas"][n % THEMAS], naam=f"Activiteit nummer {n + 1}"
            ),
            hergroeperen=soort == 0,
            stoppen=soort == 1,
            voorgestelde_gemeenten=gemeenten[: 2 + n % 5] if soort == 0 else (),
            voorgestelde_partners=world["partners"][: n % 3] if soort == 0 else (),
        )


def measure_render(world, herhalingen: int) -> dict:
    from weasyprint import HTML

    from transitie.brieven.pdf import PDF_VARIANT, STATIC_DIR, PortalStaticURLFetcher, brief_render

    letter, gemeente = world["letter"], world["dordrecht"]

    def ons():
        return brief_render(brief=letter, gemeente=gemeente)

    rendered = ons()  # warm: fonts, stylesheet, templates

    def weasyprint_alleen():
        return HTML(
            string=rendered.html,
            base_url=STATIC_DIR.resolve().as_uri() + "/",
            url_fetcher=PortalStaticURLFetcher(),
        ).write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True, custom_metadata=False)

    weasyprint_alleen()
    ons_tijden, weasy_tijden = [], []
    for _ in range(herhalingen):
        for functie, tijden in ((ons, ons_tijden), (weasyprint_alleen, weasy_tijden)):
            start = time.perf_counter()
            functie()
            tijden.append(time.perf_counter() - start)
    tracemalloc.start()
    tracemalloc.reset_peak()
    ons()
    piek = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    import io

    from pypdf import PdfReader

    return {
        "ons": statistics.median(ons_tijden),
        "weasyprint": statistics.median(weasy_tijden),
        "piek": piek,
        "paginas": len(PdfReader(io.BytesIO(rendered.pdf)).pages),
        "pdf": len(rendered.pdf),
    }


def count_download_queries(url: str, raadslid) -> list[str]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(raadslid)
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return [q["sql"] for q in ctx.captured_queries]


def start_gunicorn(poort: int, env: dict) -> subprocess.Popen:
    proces = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "drechtsteden.wsgi",
            "--bind",
            f"127.0.0.1:{poort}",
            "--workers",
            "1",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", poort), timeout=0.2).close()
            return proces
        except OSError:
            time.sleep(0.1)
    proces.terminate()
    raise RuntimeError("gunicorn startte niet")


def get(poort: int, pad: str, cookie: str | None = None) -> tuple[float, int, bytes]:
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", poort, timeout=30)
    conn.request("GET", pad, headers={"Cookie": cookie} if cookie else {})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return time.perf_counter() - start, response.status, body


def measure_downloads(
    poort: int, paden: dict[str, str], cookie: str, n: int, sha256: str
) -> dict[str, float]:
    """Median seconds per path, the paths requested in turn; `paden["download"]` must return
    the PDF with `sha256`, the static file must answer 200."""
    for _ in range(10):  # warm the worker: imports, url resolvers, the first connection
        for pad in paden.values():
            get(poort, pad, cookie)
    tijden = {naam: [] for naam in paden}
    for _ in range(n):
        for naam, pad in paden.items():
            tijd, status, body = get(poort, pad, cookie)
            assert status == 200, (naam, status)
            if naam == "download":
                assert hashlib.sha256(body).hexdigest() == sha256
            tijden[naam].append(tijd)
    return {naam: statistics.median(gemeten) for naam, gemeten in tijden.items()}


def oordeel(factor: float, doel: float) -> str:
    return "gehaald" if factor <= doel else "NIET GEHAALD"


def measure_renders(world, herhalingen: int) -> None:
    print(f"\n1. Renderen (Dordrecht), mediaan van {herhalingen} keer")
    print(
        f"{'besluiten':>9} {'pagina':>6} {'PDF':>8} {'ons':>9} {'WeasyPrint':>11} "
        f"{'factor':>7} {'piek geheugen':>14}  doel <= {DOEL_RENDER}"
    )
    gemaakt = 0
    for aantal in AANTALLEN:
        add_decisions(world, gemaakt, aantal)
        gemaakt = aantal
        r = measure_render(world, herhalingen)
        factor = r["ons"] / r["weasyprint"]
        print(
            f"{aantal:9d} {r['paginas']:6d} {r['pdf'] / 1024:6.0f} kB {r['ons'] * 1000:6.0f} ms "
            f"{r['weasyprint'] * 1000:8.0f} ms {factor:6.2f}x {r['piek'] / 2**20:10.1f} MiB  "
            f"{oordeel(factor, DOEL_RENDER)}",
            flush=True,
        )


def main() -> None:
    args = parse_args()
    tijdelijk = Path(tempfile.mkdtemp(prefix="bench-brieven-"))
    static_dir = tijdelijk / "static"
    (static_dir / "bench").mkdir(parents=True)
    (tijdelijk / "staticroot").mkdir()
    opruimen = None
    gunicorn = None
    try:
        if args.postgres:
            database_url, opruimen = postgres_database(args.postgres)
        else:
            database_url = f"sqlite:///{tijdelijk / 'bench.sqlite3'}"
        setup_django(database_url, static_dir, args.conn_max_age)
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection
        from django.urls import reverse

        from transitie.brieven.services import brief_publish

        print(f"Database: {connection.vendor}; DJANGO_CONN_MAX_AGE={args.conn_max_age}")
        world = build_world()
        if args.alleen_download:
            add_decisions(world, 0, AANTALLEN[-1])
        else:
            measure_renders(world, args.herhalingen)

        publicaties = brief_publish(acting_user=world["wethouder"], brief=world["letter"])
        publicatie = next(p for p in publicaties if p.gemeente_id == world["dordrecht"].pk)
        (static_dir / "bench" / "brief.pdf").write_bytes(bytes(publicatie.pdf))
        # As a deployment does: the pages' static URLs come from the manifest (DEBUG off).
        call_command("collectstatic", interactive=False, verbosity=0)
        download = reverse("brieven:download", kwargs={"publicatie_id": publicatie.uuid})
        static = f"/{settings.STATIC_URL.strip('/')}/bench/brief.pdf"
        queries = count_download_queries(download, world["raadslid"])

        from django.test import Client

        # A session as a login makes it, with the backend Django's login would record.
        browser = Client()
        browser.force_login(world["raadslid"])
        cookie = (
            f"{settings.SESSION_COOKIE_NAME}={browser.cookies[settings.SESSION_COOKIE_NAME].value}"
        )
        connection.close()

        poort = vrije_poort()
        gunicorn = start_gunicorn(poort, dict(os.environ))
        paden = {"statisch": static, "download": download}
        mediaan = measure_downloads(poort, paden, cookie, args.verzoeken, publicatie.sha256)
        factor = mediaan["download"] / mediaan["statisch"]
        print(
            f"\n2. Downloaden over HTTP (gunicorn, 1 sync worker, poort {poort}), "
            f"mediaan van {args.verzoeken} verzoeken, PDF van {len(publicatie.pdf) / 1024:.0f} kB"
        )
        print(f"   statisch bestand (whitenoise):     {mediaan['statisch'] * 1000:6.2f} ms")
        print(f"   gepubliceerde download:            {mediaan['download'] * 1000:6.2f} ms")
        print(
            f"   factor {factor:.2f}x, doel <= {DOEL_DOWNLOAD:.0f}x: "
            f"{oordeel(factor, DOEL_DOWNLOAD)}"
        )
        belasting = ", ".join(f"{b:.1f}" for b in os.getloadavg())
        print(f"   (belasting van de machine tijdens het meten: {belasting})")
        print(f"\n   {len(queries)} queries per download (in-process gemeten):")
        for sql in queries:
            print(f"   - {sql[:110]}")
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            gunicorn.wait(timeout=10)
        if opruimen is not None:
            from django.db import connections

            connections.close_all()
            opruimen()
        shutil.rmtree(tijdelijk, ignore_errors=True)


if __name__ == "__main__":
    main()
