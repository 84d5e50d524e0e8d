"""Benchmark of the aldermen's vote page (regiekamer:stemmen): median server time per request.

Run: .venv/bin/python benchmarks/stemmen.py [--herhalingen N] [--aantallen 40 100] [--profiel]

Builds the data in a throw-away SQLite test database (the configured database is not touched):
the seven, an alderman each, and N advised proposals (each with an advice, three involved
municipalities, four years of financial consequences and two votes cast), then requests the
page through Django's test client as the Dordrecht alderman with DEBUG off and prints the median
ms, the page size and the queries. With --profiel it prints the top of a cProfile of one request.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "drechtsteden.settings")
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402


def wereld():
    """The seven with an alderman each; returns (gemeenten, Dordrecht's alderman)."""
    from tests.conftest import ZEVEN_DRECHTSTEDEN
    from tests.factories import (
        GemeenteFactory,
        LidmaatschapFactory,
        RegiekamerFactory,
        UserFactory,
    )

    RegiekamerFactory()
    bestuurlijk = RegiekamerFactory(bestuurlijk=True)
    gemeenten = [
        GemeenteFactory(naam=naam, cbs_code=code, drechtstad=True)
        for naam, code in ZEVEN_DRECHTSTEDEN
    ]
    wethouders = []
    for gemeente in gemeenten:
        wethouder = UserFactory(
            username=f"wethouder-{gemeente.slug}", wethouder=True, gemeente=gemeente
        )
        LidmaatschapFactory(regiekamer=bestuurlijk, gebruiker=wethouder, gemeente=gemeente)
        wethouders.append(wethouder)
    return gemeenten, wethouders


def voorstellen(gemeenten, wethouders, aantal: int) -> None:
    from tests.factories import (
        ActiviteitFactory,
        AdviesFactory,
        BeoordelingFactory,
        DeelnameFactory,
        FinancieleConsequentieFactory,
        PartnerFactory,
        StemFactory,
        ThemaFactory,
    )

    thema = ThemaFactory()
    partner = PartnerFactory()
    for n in range(aantal):
        activiteit = ActiviteitFactory(thema=thema, partners=[partner])
        for g in range(3):
            DeelnameFactory(activiteit=activiteit, gemeente=gemeenten[(n + g) % 7])
        beoordeling = BeoordelingFactory(activiteit=activiteit, geadviseerd=True)
        for _ in range(4):
            FinancieleConsequentieFactory(beoordeling=beoordeling)
        AdviesFactory(beoordeling=beoordeling)
        for g in (1, 2):
            StemFactory(
                beoordeling=beoordeling,
                gemeente=gemeenten[(n + g) % 7],
                uitgebracht_door=wethouders[(n + g) % 7],
            )


def eenmaal(client: Client, url: str) -> tuple[float, int]:
    start = time.perf_counter()
    response = client.get(url)
    duur = time.perf_counter() - start
    assert response.status_code == 200, (url, response.status_code)
    return duur, len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--herhalingen", type=int, default=20)
    parser.add_argument("--aantallen", type=int, nargs="+", default=[40, 100])
    parser.add_argument("--profiel", action="store_true")
    args = parser.parse_args()

    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"]):
        gemeenten, wethouders = wereld()
        client = Client()
        client.force_login(wethouders[0])
        url = reverse("regiekamer:stemmen")
        klaar = 0
        print(f"{'voorstellen':>11} {'mediaan':>10} {'kB':>7} {'queries':>8}")
        for aantal in sorted(args.aantallen):
            voorstellen(gemeenten, wethouders, aantal - klaar)
            klaar = aantal
            eenmaal(client, url)  # warm caches (templates, url resolvers)
            tijden = [eenmaal(client, url)[0] for _ in range(args.herhalingen)]
            with CaptureQueriesContext(connection) as ctx:
                _duur, grootte = eenmaal(client, url)
            print(
                f"{aantal:>11} {statistics.median(tijden) * 1000:7.1f} ms "
                f"{grootte / 1000:7.1f} {len(ctx.captured_queries):8d}",
                flush=True,
            )
            if args.profiel:
                profiel = cProfile.Profile()
                profiel.runcall(client.get, url)
                pstats.Stats(profiel).sort_stats("cumulative").print_stats(40)
    print(f"\nMediaan van {args.herhalingen} verzoeken als wethouder van Dordrecht, DEBUG uit.")
    connection.creation.destroy_test_db(":memory:", verbosity=0)


if __name__ == "__main__":
    main()
