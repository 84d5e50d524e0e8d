"""Benchmark of the audit log /historie/: the first page with 1,000 history rows against the first
and the last page with 200,000.

Run: .venv/bin/python benchmarks/historie.py [--herhalingen N] [--groot 200000]

Builds the rows in a throw-away test database (SQLite, or the PostgreSQL of DATABASE_URL when it
is set; the configured database itself is not touched): a theme and an activity saved the ordinary
way, then their history rows copied in bulk (nine themes to one activity, a minute apart from
tomorrow on, by two people of two municipalities) and indexed into the hash chain with
`chain_index_missing`, as `controleer_historie --indexeer` does. Each page is requested through
Django's test client as the beheerder (the heaviest view: admin links too); the median server time
is printed with the queries.
Target (issue 7): each page with 200,000 rows within 3x the first page with 1,000.
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "drechtsteden.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

KLEIN = 1_000
GROOT = 200_000
DOEL = 3.0
# After the rows that build() saves the ordinary way: `chain_index_missing` only appends history
# newer than the chain's last link.
START = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1)


def build():
    from tests.factories import ActiviteitFactory, GemeenteFactory, ThemaFactory, UserFactory

    beheerder = UserFactory(username="bench-beheerder", beheerder=True)
    mensen = [
        UserFactory(regisseur=True, gemeente=GemeenteFactory(drechtstad=True)) for _ in range(2)
    ]
    thema = ThemaFactory(history_user=mensen[0])
    activiteit = ActiviteitFactory(thema=thema, history_user=mensen[1])
    return beheerder, mensen, [thema.history.get(), activiteit.history.get()]


def fill(voorbeelden, mensen, aantal: int, begin: int) -> None:
    """`aantal` history rows copied from the examples, numbered on from `begin`, then indexed."""
    from drechtsteden.historie.keten import chain_index_missing

    per_model: dict[type, list] = {}
    for n in range(begin, begin + aantal):
        voorbeeld = voorbeelden[1] if n % 10 == 9 else voorbeelden[0]
        model = type(voorbeeld)
        velden = {
            field.attname: getattr(voorbeeld, field.attname)
            for field in model._meta.concrete_fields
            if field.attname != "history_id"
        }
        velden.update(
            history_date=START + datetime.timedelta(minutes=n),
            history_type="~",
            history_user_id=mensen[n % 2].pk,
            history_change_reason=f"Wijziging {n}",
        )
        if "beschrijving" in velden:
            velden["beschrijving"] = f"Versie {n}"
        per_model.setdefault(model, []).append(model(**velden))
    for model, rijen in per_model.items():
        model.objects.bulk_create(rijen, batch_size=5000)
    chain_index_missing()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(client: Client, url: str, herhalingen: int) -> tuple[float, int]:
    client.get(url)  # warm caches (templates, url resolvers, content types)
    tijden = []
    for _ in range(herhalingen):
        start = time.perf_counter()
        response = client.get(url)
        tijden.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return statistics.median(tijden) * 1000, len(ctx.captured_queries)


def _getal(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--herhalingen", type=int, default=30)
    parser.add_argument("--groot", type=int, default=GROOT)
    args = parser.parse_args()
    from drechtsteden.historie.keten import chain_verify
    from drechtsteden.models import Historieregel

    # Not setup_test_environment(): its instrumented template rendering would dominate the times.
    origineel = connection.settings_dict["NAME"]
    naam = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    print(f"Database: {connection.vendor} ({naam})")
    try:
        with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"]):
            beheerder, mensen, voorbeelden = build()
            client = Client()
            client.force_login(beheerder)
            lijst = reverse("historie:lijst")

            al = Historieregel.objects.count()
            fill(voorbeelden, mensen, KLEIN - al, al)
            klein = measure(client, lijst, args.herhalingen)
            print(f"{Historieregel.objects.count():>7} historierijen: eerste pagina gemeten")

            start = time.perf_counter()
            fill(voorbeelden, mensen, args.groot - KLEIN, KLEIN)
            totaal = Historieregel.objects.count()
            print(f"{totaal:>7} historierijen opgebouwd in {time.perf_counter() - start:.0f} s")
            eerste = measure(client, lijst, args.herhalingen)
            laatste = measure(client, f"{lijst}?laatste=1", args.herhalingen)
            start = time.perf_counter()
            gecontroleerd, breuk = chain_verify()
            controle = time.perf_counter() - start
            assert breuk is None, breuk
    finally:
        connection.creation.destroy_test_db(origineel, verbosity=0)

    print(f"\n{'pagina':42} {'mediaan':>10} {'x basis':>8} {'queries':>8}")
    rijen = [
        (f"eerste pagina, {_getal(KLEIN)} rijen (basis)", klein, None),
        (f"eerste pagina, {_getal(totaal)} rijen", eerste, True),
        (f"laatste pagina, {_getal(totaal)} rijen", laatste, True),
    ]
    for label, (ms, queries), beoordeeld in rijen:
        factor = ms / klein[0]
        oordeel = ""
        if beoordeeld:
            oordeel = "  gehaald" if factor <= DOEL else "  NIET GEHAALD"
        print(f"{label:42} {ms:8.1f} ms {factor:7.2f}x {queries:8d}{oordeel}")
    print(f"\n{args.herhalingen} herhalingen per pagina; doel: binnen {DOEL:.0f}x de basis.")
    print(f"controleer_historie: {_getal(gecontroleerd)} rijen, keten intact, {controle:.1f} s.")


if __name__ == "__main__":
    main()
