"""Load test: 50 users, 60 s, gunicorn on PostgreSQL; p50/p95 per page, errors, lost writes.

    make load            (or: .venv-load/bin/python benchmarks/load/run.py)

1. Makes a fresh PostgreSQL database (LAST_DATABASE_URL, default
   postgres://postgres@127.0.0.1:5432/rp_lasttest; it is dropped and created again), migrates it,
   loads `laad_drechtsteden --demo` and `data.py prepare`, runs collectstatic.
2. Starts gunicorn with production settings (DEBUG off, persistent database connections) on a free
   port: 4 workers x 2 threads (gthread) for this 2-core machine.
3. Runs locust headless (benchmarks/load/locustfile.py): civil servants editing reviews, aldermen
   voting, council members downloading letters. Users log in first; the 60-second measured window
   starts when all are logged in, so login (a deliberately slow password hash) is not measured.
4. Prints p50/p95 per page and the error rate, then `data.py verify` checks in the database that
   every successful POST locust recorded (vote or saved review) is there.
Targets (issue 7): p95 < 500 ms on every page, no errors, no lost vote or edit.
"""

import argparse
import csv
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
# The demo certificate's passphrase; kept here, the load test's python need not import the portal.
DEMO_ONDERTEKENING_WACHTWOORD = "demo-ondertekening"
HIER = Path(__file__).resolve().parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
P95_DOEL_MS = 500


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stap(tekst: str) -> None:
    print(f"\n== {tekst}", flush=True)


def database_opnieuw(url: str) -> None:
    from urllib.parse import urlparse

    deel = urlparse(url)
    naam = deel.path.lstrip("/")
    beheer = deel._replace(path="/postgres").geturl()
    with psycopg.connect(beheer, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{naam}"')


def run(cmd: list, env: dict) -> None:
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)


def wacht_op(url: str, proces: subprocess.Popen, seconden: float = 60) -> None:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if proces.poll() is not None:
            sys.exit("gunicorn is gestopt voordat hij antwoordde")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"gunicorn antwoordt niet op {url}")


def rapport(stats_csv: Path) -> tuple[bool, bool]:
    """Print p50/p95 per page and the error rate; return (p95 met, no errors)."""
    rijen = list(csv.DictReader(stats_csv.open()))
    print(
        f"\n{'pagina':<32} {'verzoeken':>9} {'fouten':>7} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}"
    )
    p95_gehaald = True
    totaal = fouten = 0
    per_seconde = 0.0
    for rij in rijen:
        naam = rij["Name"] if rij["Name"] != "Aggregated" else "ALLE PAGINA'S"
        aantal, fout = int(rij["Request Count"]), int(rij["Failure Count"])
        if rij["Name"] == "Aggregated":
            totaal, fouten, per_seconde = aantal, fout, float(rij["Requests/s"])
        elif rij["Type"] != "CHECK" and aantal and float(rij["95%"]) >= P95_DOEL_MS:
            p95_gehaald = False
        print(
            f"{naam:<32} {aantal:>9} {fout:>7} {rij['50%']:>7} {rij['95%']:>7} "
            f"{float(rij['Max Response Time']):>7.0f}"
        )
    foutpercentage = 100 * fouten / totaal if totaal else 100
    print(f"\nDoorvoer: {per_seconde:.1f} verzoeken per seconde over het meetvenster.")
    print(f"Foutpercentage: {foutpercentage:.2f}% ({fouten} van {totaal} verzoeken)")
    return p95_gehaald and totaal > 0, fouten == 0 and totaal > 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gebruikers", type=int, default=50)
    parser.add_argument("--duur", type=int, default=60, help="measured window in seconds")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--overslaan-voorbereiding",
        action="store_true",
        help="reuse the database as it is (a second run adds to the history)",
    )
    args = parser.parse_args()

    url = os.environ.get("LAST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/rp_lasttest")
    poort = vrije_poort()
    werkmap = Path(tempfile.mkdtemp(prefix="lasttest-"))
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        # One key for the preparation (DEBUG on) and the server, so the chain stays one chain.
        "DJANGO_HISTORIE_SLEUTEL": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",  # TLS ends at the proxy in production
        "DJANGO_CONN_MAX_AGE": "600",
        "PYTHONUNBUFFERED": "1",
        # Publishing signs (the seed letter too): a throw-away demo certificate in the work dir.
        "DJANGO_ONDERTEKENING_PKCS12": str(werkmap / "ondertekening.p12"),
        "DJANGO_ONDERTEKENING_WACHTWOORD": DEMO_ONDERTEKENING_WACHTWOORD,
    }
    run(
        [PYTHON, "manage.py", "maak_democertificaat", "--pad", env["DJANGO_ONDERTEKENING_PKCS12"]],
        env,
    )

    if not args.overslaan_voorbereiding:
        stap(f"Database voorbereiden: {url}")
        database_opnieuw(url)
        # The demo accounts are only loaded with DEBUG on (the demo password is public).
        voorbereiding = {**env, "DJANGO_DEBUG": "true"}
        run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], voorbereiding)
        run([PYTHON, "manage.py", "laad_drechtsteden", "--demo"], voorbereiding)
        run([PYTHON, str(HIER / "data.py"), "prepare"], voorbereiding)
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)

    stap(f"gunicorn: {args.workers} workers x {args.threads} threads op 127.0.0.1:{poort}")
    gunicorn = subprocess.Popen(
        [
            str(BIN / "gunicorn"), "drechtsteden.wsgi",
            "--bind", f"127.0.0.1:{poort}",
            "--workers", str(args.workers),
            "--threads", str(args.threads),
            "--worker-class", "gthread",
            # Longer than locust's idle gaps: gunicorn's default of 2 s closes connections that
            # the client is about to reuse, which shows up as "connection reset" errors.
            "--keep-alive", "75",
            "--log-level", "warning",
        ],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        wacht_op(f"http://127.0.0.1:{poort}/inloggen/", gunicorn)
        stap(
            f"locust: {args.gebruikers} gebruikers, eerst inloggen (niet gemeten), "
            f"dan {args.duur} s gemeten"
        )
        markers = werkmap / "markers.jsonl"
        resultaat = subprocess.run(
            [
                str(BIN / "locust"), "-f", str(HIER / "locustfile.py"), "--headless",
                "--host", f"http://127.0.0.1:{poort}",
                "--users", str(args.gebruikers), "--spawn-rate", "5",
                # A safety limit only: the locustfile stops itself after the measured window.
                "--run-time", f"{args.duur + 180}s",
                "--csv", str(werkmap / "stats"), "--only-summary", "--loglevel", "WARNING",
            ],
            cwd=ROOT,
            env={**env, "LAST_GEBRUIKERS": str(args.gebruikers), "LAST_DUUR": str(args.duur),
                 "LAST_MARKERS": str(markers)},
        )  # fmt: skip
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)

    stap("Resultaat (alleen het meetvenster; inloggen niet meegeteld)")
    # The machine may be shared: the load average says how much CPU others took meanwhile.
    belasting = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Machinebelasting (load average 1/5/15 min): {belasting}; {os.cpu_count()} cores")
    p95_gehaald, geen_fouten = rapport(werkmap / "stats_stats.csv")
    stap("Controle in de database: is elke gelukte stem en bewerking bewaard?")
    verify = subprocess.run([PYTHON, str(HIER / "data.py"), "verify", str(markers)], cwd=ROOT,
                            env=env)  # fmt: skip
    niets_verloren = verify.returncode == 0 and markers.stat().st_size > 0

    stap("Doelen")
    for doel, gehaald in (
        (f"p95 onder {P95_DOEL_MS} ms op elke pagina", p95_gehaald),
        ("geen fouten", geen_fouten),
        ("geen verloren stem of bewerking", niets_verloren),
    ):
        print(f"{'gehaald' if gehaald else 'NIET GEHAALD':<13} {doel}")
    print(f"(locust-uitvoer en markers: {werkmap})")
    return (
        0
        if (p95_gehaald and geen_fouten and niets_verloren and resultaat.returncode in (0, 1))
        else 1
    )


if __name__ == "__main__":
    sys.exit(main())
