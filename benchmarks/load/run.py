"""Load test: 50 users and a publication's burst, gunicorn on PostgreSQL; p95, errors, losses.

    make load            (or: .venv-load/bin/python benchmarks/load/run.py)

1. Makes a fresh PostgreSQL database (LAST_DATABASE_URL, default
   postgres://postgres@127.0.0.1:5432/rp_lasttest; it is dropped and created again), migrates it,
   loads `laad_drechtsteden --demo` and `data.py prepare`, runs collectstatic.
2. Starts gunicorn with production settings (DEBUG off, persistent database connections) on a free
   port: 4 workers x 2 threads (gthread) for this 2-core machine.
   Beside it the background workers (`manage.py db_worker`, as `make run` starts them) and a real
   SMTP server (aiosmtpd, on a free port) that the portal's mails go to.
3. Runs locust headless (benchmarks/load/locustfile.py): civil servants editing reviews, aldermen
   voting, council members downloading letters, and the burst after a publication: the beheerder
   publishes a letter and 210 council members (30 per council) follow their notification within a
   minute. Users log in first; the measured window (90 s by default, longer until the burst is over)
   starts when all are logged in, so login (a deliberately slow password hash) is not measured.
4. Prints p50/p95 per page and the error rate, waits until the workers' queue is empty, then
   `data.py verify` checks in the database that every successful POST locust recorded (vote or
   saved review) is there, that every council member got exactly one notification and one mail of
   the publication, and that every burst council member downloaded his council's PDF.
Targets (issues 7 and 16): p95 < 500 ms on every page, no errors, nothing lost.
"""

import argparse
import csv
import json
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
from aiosmtpd.controller import Controller

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


class Postbus:
    """The SMTP server's handler: one JSON line per received mail (recipients and subject)."""

    def __init__(self, pad: Path) -> None:
        self.pad = pad
        pad.touch()

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes
        from email.policy import default

        onderwerp = str(message_from_bytes(envelope.content, policy=default)["Subject"])
        with self.pad.open("a") as bestand:
            bestand.write(json.dumps({"aan": envelope.rcpt_tos, "onderwerp": onderwerp}) + "\n")
        return "250 OK"


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
    parser.add_argument("--duur", type=int, default=90, help="measured window in seconds")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--werkers", type=int, default=os.cpu_count(), help="db_worker processes")
    parser.add_argument(
        "--piek-per-gemeente",
        type=int,
        default=30,
        help="council members per council in the burst after a publication (0: no burst)",
    )
    parser.add_argument(
        "--overslaan-voorbereiding",
        action="store_true",
        help="reuse the database as it is (a second run adds to the history)",
    )
    args = parser.parse_args()

    url = os.environ.get("LAST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/rp_lasttest")
    poort = vrije_poort()
    werkmap = Path(tempfile.mkdtemp(prefix="lasttest-"))
    mails = werkmap / "mails.jsonl"
    smtp = Controller(Postbus(mails), hostname="127.0.0.1", port=vrije_poort())
    smtp.start()
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
        "DJANGO_EMAIL_HOST": "127.0.0.1",
        "DJANGO_EMAIL_PORT": str(smtp.port),
        "DJANGO_PORTAAL_URL": f"http://127.0.0.1:{poort}",
        "PYTHONUNBUFFERED": "1",
        # Publishing signs (the seed letter too): a throw-away demo certificate in the work dir.
        "DJANGO_ONDERTEKENING_PKCS12": str(werkmap / "ondertekening.p12"),
        "DJANGO_ONDERTEKENING_WACHTWOORD": DEMO_ONDERTEKENING_WACHTWOORD,
    }
    piek = args.piek_per_gemeente
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
    stap(f"{args.werkers} achtergrondwerkers (db_worker); SMTP-server op 127.0.0.1:{smtp.port}")
    werkers = [
        subprocess.Popen(
            [
                # As `make run` starts them: at a lower CPU priority than the web server.
                "nice",
                "-n",
                "10",
                PYTHON,
                "manage.py",
                "db_worker",
                "--queue-name",
                "*",
                "--no-reload",
                "--interval",
                "0.25",
                "--worker-id",
                f"last-{n}",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        for n in range(args.werkers)
    ]
    gebruikers = args.gebruikers + (1 + 7 * piek if piek else 0)
    try:
        wacht_op(f"http://127.0.0.1:{poort}/inloggen/", gunicorn)
        stap(
            f"locust: {args.gebruikers} gebruikers"
            + (f" en de piek (1 publiceerder, {7 * piek} raadsleden)" if piek else "")
            + f", eerst inloggen (niet gemeten), dan {args.duur} s gemeten"
        )
        markers = werkmap / "markers.jsonl"
        resultaat = subprocess.run(
            [
                str(BIN / "locust"), "-f", str(HIER / "locustfile.py"), "--headless",
                "--host", f"http://127.0.0.1:{poort}",
                "--users", str(gebruikers), "--spawn-rate", "10",
                # A safety limit only: the locustfile stops itself after the measured window.
                "--run-time", f"{args.duur + 180}s",
                "--csv", str(werkmap / "stats"), "--only-summary", "--loglevel", "WARNING",
            ],
            cwd=ROOT,
            env={**env, "LAST_GEBRUIKERS": str(gebruikers), "LAST_DUUR": str(args.duur),
                 "LAST_MARKERS": str(markers), "LAST_PIEK_PER_GEMEENTE": str(piek)},
        )  # fmt: skip
        stap("De werkers maken hun wachtrij af (mails van de meldingen)")
        subprocess.run([PYTHON, str(HIER / "data.py"), "wacht", "180"], cwd=ROOT, env=env)
    finally:
        gunicorn.terminate()
        for werker in werkers:
            werker.terminate()
        for proces in (gunicorn, *werkers):
            proces.wait(timeout=30)
        smtp.stop()

    stap("Resultaat (alleen het meetvenster; inloggen niet meegeteld)")
    # The machine may be shared: the load average says how much CPU others took meanwhile.
    belasting = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Machinebelasting (load average 1/5/15 min): {belasting}; {os.cpu_count()} cores")
    p95_gehaald, geen_fouten = rapport(werkmap / "stats_stats.csv")
    stap("Controle in de database: is elke gelukte stem en bewerking bewaard, elke melding er?")
    verify = subprocess.run(
        [PYTHON, str(HIER / "data.py"), "verify", str(markers), *([str(mails)] if piek else [])],
        cwd=ROOT, env=env,
    )  # fmt: skip
    niets_verloren = verify.returncode == 0 and markers.stat().st_size > 0

    stap("Doelen")
    for doel, gehaald in (
        (f"p95 onder {P95_DOEL_MS} ms op elke pagina", p95_gehaald),
        ("geen fouten", geen_fouten),
        ("geen verloren stem, bewerking, melding, mail of download", niets_verloren),
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
