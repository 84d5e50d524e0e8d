"""Benchmark of the theme pages: 50 themes x 20 activities, median server time and queries.

Run: .venv/bin/python benchmarks/themas.py [--herhalingen N]

Builds the data in a throw-away SQLite test database (the configured database is not touched),
then requests each page through Django's test client as a logged-in team member and prints the
median time and the number of queries per page, next to a trivial logged-in template view measured
in the same run. Target (issue 3): each page within 3x the trivial view.
"""

import argparse
import os
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


def measure(client: Client, url: str, herhalingen: int) -> tuple[float, int]:
    client.get(url)  # warm caches (templates, url resolvers)
    tijden = []
    for _ in range(herhalingen):
        start = time.perf_counter()
        response = client.get(url)
        tijden.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return statistics.median(tijden) * 1000, len(ctx.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--herhalingen", type=int, default=30)
    args = parser.parse_args()

    # Not setup_test_environment(): its instrumented template rendering would dominate the times.
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    bench_urls()
    with override_settings(ROOT_URLCONF="bench_urls", DEBUG=False, ALLOWED_HOSTS=["testserver"]):
        print(f"Data opbouwen: {THEMAS} thema's x {ACTIVITEITEN} activiteiten ...", flush=True)
        start = time.perf_counter()
        user, activiteit = build()
        print(f"  klaar in {time.perf_counter() - start:.1f} s\n")

        client = Client()
        client.force_login(user)
        thema = activiteit.thema.slug
        kwargs = {"slug": thema, "activiteit": activiteit.slug}
        paginas = [
            ("triviale pagina (base.html)", reverse("bench-leeg")),
            ("overzicht /themas/", reverse("thema:overzicht")),
            ("themapagina (20 activiteiten)", reverse("thema:detail", args=[thema])),
            ("activiteitpagina", reverse("thema:activiteit", kwargs=kwargs)),
            ("beoordelingsformulier", reverse("thema:beoordelen", kwargs=kwargs)),
        ]
        resultaten = [(naam, *measure(client, url, args.herhalingen)) for naam, url in paginas]

    basis = resultaten[0][1]
    print(f"{'pagina':34} {'mediaan':>10} {'x triviaal':>11} {'queries':>8}")
    for naam, ms, queries in resultaten:
        factor = ms / basis
        vlag = "" if factor <= DOEL or naam.startswith("triviale") else "  BOVEN DOEL"
        print(f"{naam:34} {ms:8.1f} ms {factor:10.1f}x {queries:8d}{vlag}")
    print(f"\n{args.herhalingen} herhalingen per pagina; doel: elke pagina binnen {DOEL:.0f}x.")
    connection.creation.destroy_test_db(":memory:", verbosity=0)


if __name__ == "__main__":
    main()
