"""Benchmark of the theme pages: 50 themes x 20 activities, median server time and queries.

Run: .venv/bin/python benchmarks/themas.py [--herhalingen N] [--profiel N]

Builds the data in a throw-away SQLite test database (the configured database is not touched),
then requests each page through Django's test client as a logged-in team member and prints the
median time and the number of queries per page, next to a trivial logged-in template view
(base.html) measured alternately with it in the same run, with DEBUG off. Target (issue 3): each
page within 3x the trivial view; each line says gehaald or NIET GEHAALD. With --profiel N it
prints, per page, the top of a cProfile of N requests (SORT=tottime for own time).
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "drechtsteden.settings")
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import include, path, reverse  # noqa: E402
from django.views.generic import TemplateView  # noqa: E402

THEMAS = 50
ACTIVITEITEN = 20
DOEL = 3.0


def bench_urls() -> types.ModuleType:
    """The portal's URLs plus the trivial page to compare with."""
    module = types.ModuleType("bench_urls")
    module.urlpatterns = [
        path("bench/leeg/", TemplateView.as_view(template_name="base.html"), name="bench-leeg"),
        path("", include(settings.ROOT_URLCONF)),
    ]
    sys.modules["bench_urls"] = module
    return module


def build() -> tuple:
    from tests.factories import (
        ActiviteitFactory,
        BeoordelingFactory,
        DeelnameFactory,
        GemeenteFactory,
        PartnerFactory,
        TeamlidFactory,
        ThemaFactory,
        UserFactory,
    )

    gemeenten = [GemeenteFactory(drechtstad=True) for _ in range(7)]
    partners = [PartnerFactory() for _ in range(5)]
    user = UserFactory(username="bench", ambtenaar=True, gemeente=gemeenten[0])
    eerste = None
    for t in range(THEMAS):
        thema = ThemaFactory()
        if t == 0:
            TeamlidFactory(thema=thema, gebruiker=user)
        for a in range(ACTIVITEITEN):
            activiteit = ActiviteitFactory(thema=thema, partners=partners[: a % 3 + 1])
            for gemeente in gemeenten[: 2 + a % 6]:
                DeelnameFactory(activiteit=activiteit, gemeente=gemeente)
            staat = a % 4
            if staat == 1:
                BeoordelingFactory(activiteit=activiteit, compleet=True, ingediend_op=None)
            elif staat == 2:
                BeoordelingFactory(activiteit=activiteit, ingediend=True)
            elif staat == 3:
                BeoordelingFactory(
                    activiteit=activiteit,
                    compleet=True,
                    ingediend_op=None,
                    voorgestelde_gemeenten=gemeenten[:2],
                )
            if eerste is None and staat == 3:
                eerste = activiteit
    return user, eerste


def eenmaal(client: Client, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    duur = time.perf_counter() - start
    assert response.status_code == 200, (url, response.status_code)
    return duur


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return len(ctx.captured_queries)


def measure(client: Client, basis: str, url: str, herhalingen: int) -> tuple[float, float, int]:
    """Median ms of the trivial page and of `url`, measured alternately, and `url`'s queries.

    Alternating puts a moment of machine noise (a shared machine) on both sides of the ratio.
    """
    eenmaal(client, url)  # warm caches (templates, url resolvers)
    basistijden, tijden = [], []
    for _ in range(herhalingen):
        basistijden.append(eenmaal(client, basis))
        tijden.append(eenmaal(client, url))
    return (
        statistics.median(basistijden) * 1000,
        statistics.median(tijden) * 1000,
        queries(client, url),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--herhalingen", type=int, default=40)
    parser.add_argument("--profiel", type=int, default=0, metavar="N", help="profile N requests")
    args = parser.parse_args()

    # Not setup_test_environment(): its instrumented template rendering would dominate the times.
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    bench_urls()
    # DEBUG off as in production: override_settings resets the template engines, so the pages
    # render with debug off and the cached template loader.
    with override_settings(ROOT_URLCONF="bench_urls", DEBUG=False, ALLOWED_HOSTS=["testserver"]):
        print(f"Data opbouwen: {THEMAS} thema's x {ACTIVITEITEN} activiteiten ...", flush=True)
        start = time.perf_counter()
        user, activiteit = build()
        print(f"  klaar in {time.perf_counter() - start:.1f} s\n", flush=True)

        client = Client()
        client.force_login(user)
        thema = activiteit.thema.slug
        kwargs = {"slug": thema, "activiteit": activiteit.slug}
        basis = reverse("bench-leeg")
        eenmaal(client, basis)
        paginas = [
            ("overzicht /themas/", reverse("thema:overzicht")),
            ("themapagina (20 activiteiten)", reverse("thema:detail", args=[thema])),
            ("activiteitpagina", reverse("thema:activiteit", kwargs=kwargs)),
            ("beoordelingsformulier", reverse("thema:beoordelen", kwargs=kwargs)),
        ]
        basisqueries = queries(client, basis)
        print(f"{'pagina':31} {'mediaan':>9} {'triviaal':>9} {'factor':>7} {'queries':>8}  doel")
        for naam, url in paginas:
            basis_ms, ms, aantal = measure(client, basis, url, args.herhalingen)
            factor = ms / basis_ms
            oordeel = "gehaald" if factor <= DOEL else "NIET GEHAALD"
            print(
                f"{naam:31} {ms:6.1f} ms {basis_ms:6.1f} ms {factor:6.2f}x {aantal:8d}  {oordeel}",
                flush=True,
            )
            if args.profiel:
                profiel = cProfile.Profile()
                for _ in range(args.profiel):
                    profiel.runcall(client.get, url)
                volgorde = os.environ.get("SORT", "cumulative")
                pstats.Stats(profiel).sort_stats(volgorde).print_stats(35)

    print(
        f"\nTriviale pagina: base.html voor dezelfde ingelogde gebruiker, {basisqueries} queries."
        f"\nMediaan van {args.herhalingen} herhalingen, pagina en triviale pagina om en om gemeten;"
        f" doel: elke pagina binnen {DOEL:.0f}x de triviale."
    )
    connection.creation.destroy_test_db(":memory:", verbosity=0)


if __name__ == "__main__":
    main()
