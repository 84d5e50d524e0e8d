"""Benchmark of signing and checking a letter's PDF (PAdES B-B with pyHanko).

Run: .venv/bin/python benchmarks/ondertekening.py [--herhalingen N]

For a letter with 10 and with 120 decisions (Dordrecht's PDF, rendered once): `pdf_sign` and
`pdf_signature_check` N times each, interleaved; the median in milliseconds, the render beside it
for scale, and the file's size before and after signing. Then the 120-decision letter is published
for the seven (each PDF rendered and signed) and its page, which checks the seven signatures, is
requested N times in-process (Django's test Client); the median.

The data lives in a throw-away SQLite database in a temporary directory, with a throw-away
certificate (EC P-256, as the demo's); the configured database is not touched.
"""

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.brieven import add_decisions, build_world, setup_django  # noqa: E402

AANTALLEN = (10, 120)


def meet_briefpagina(world, herhalingen: int) -> None:
    """Publish the 120-decision letter for the seven, then time its page, which checks seven
    signatures, as a wethouder (who sees all seven PDFs)."""
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from transitie.brieven.services import brief_publish

    start = time.perf_counter()
    brief_publish(acting_user=world["wethouder"], brief=world["letter"])
    publiceren = time.perf_counter() - start
    # As a deployment does: the page's static URLs come from the manifest (DEBUG off).
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client()
    client.force_login(world["wethouder"])
    url = reverse("brieven:detail", kwargs={"brief_id": world["letter"].uuid})
    client.get(url)
    tijden = []
    for _ in range(herhalingen):
        start = time.perf_counter()
        response = client.get(url)
        tijden.append(time.perf_counter() - start)
        assert response.content.decode().count("de handtekening is geldig") == 7
    print(
        f"\nPubliceren voor de zeven (renderen en ondertekenen, na elkaar): {publiceren:.1f} s\n"
        f"Briefpagina met zeven gecontroleerde handtekeningen (wethouder, DEBUG uit), mediaan: "
        f"{statistics.median(tijden) * 1000:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--herhalingen", type=int, default=10)
    args = parser.parse_args()
    tijdelijk = Path(tempfile.mkdtemp(prefix="bench-ondertekening-"))
    (tijdelijk / "static").mkdir()
    (tijdelijk / "staticroot").mkdir()
    try:
        setup_django(f"sqlite:///{tijdelijk / 'bench.sqlite3'}", tijdelijk / "static", 0)
        from transitie.brieven.ondertekening import pdf_sign, pdf_signature_check
        from transitie.brieven.pdf import brief_render

        world = build_world()
        print(f"Ondertekenen en controleren, mediaan van {args.herhalingen} keer (Dordrecht)")
        print(
            f"{'besluiten':>9} {'render':>9} {'PDF':>8} {'getekend':>9} "
            f"{'ondertekenen':>13} {'controleren':>12}"
        )
        gemaakt = 0
        for aantal in AANTALLEN:
            add_decisions(world, gemaakt, aantal)
            gemaakt = aantal
            start = time.perf_counter()
            pdf = brief_render(brief=world["letter"], gemeente=world["dordrecht"]).pdf
            render = time.perf_counter() - start
            getekend = pdf_sign(pdf)  # warm: the key, pyHanko's imports
            assert pdf_signature_check(getekend).klopt
            tekenen, controleren = [], []
            for _ in range(args.herhalingen):
                start = time.perf_counter()
                getekend = pdf_sign(pdf)
                tekenen.append(time.perf_counter() - start)
                start = time.perf_counter()
                handtekening = pdf_signature_check(getekend)
                controleren.append(time.perf_counter() - start)
                assert handtekening.klopt
            print(
                f"{aantal:9d} {render * 1000:6.0f} ms {len(pdf) / 1024:5.0f} kB "
                f"{len(getekend) / 1024:6.0f} kB {statistics.median(tekenen) * 1000:10.0f} ms "
                f"{statistics.median(controleren) * 1000:9.0f} ms",
                flush=True,
            )
        meet_briefpagina(world, args.herhalingen)
    finally:
        shutil.rmtree(tijdelijk, ignore_errors=True)


if __name__ == "__main__":
    main()
