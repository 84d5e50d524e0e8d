"""Two aldermen voting at the same moment: both votes count, the outcome is computed once."""

import threading

import pytest
from django.db import connection, connections

from tests import regiewereld
from tests.factories import BeoordelingFactory
from thema.constants import BeoordelingStatus
from transitie.constants import BesluitUitkomst, StemKeuze
from transitie.regiekamer.models import Besluit, Stem
from transitie.regiekamer.services import stem_cast

rk = regiewereld.rk


@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="SQLite serialises writers; the race needs PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_votes_both_count_and_decide_once(rk):
    beoordeling = BeoordelingFactory(activiteit=rk.activiteit, geadviseerd=True)
    stem_cast(
        beoordeling_id=beoordeling.pk,
        gemeente=rk.gemeente("Dordrecht"),
        keuze=StemKeuze.INSTEMMEN,
        acting_user=rk.wethouder("Dordrecht"),
    )
    barrier = threading.Barrier(2)
    fouten: list[BaseException] = []

    def stem(naam: str) -> None:
        try:
            barrier.wait(timeout=10)
            stem_cast(
                beoordeling_id=beoordeling.pk,
                gemeente=rk.gemeente(naam),
                keuze=StemKeuze.INSTEMMEN,
                acting_user=rk.wethouder(naam),
            )
        except BaseException as fout:  # noqa: BLE001 - reported in the main thread
            fouten.append(fout)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=stem, args=(n,)) for n in ("Papendrecht", "Zwijndrecht")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert fouten == []
    assert Stem.objects.filter(beoordeling=beoordeling).count() == 3
    besluit = Besluit.objects.get(beoordeling=beoordeling)
    assert besluit.uitkomst == BesluitUitkomst.AANGENOMEN
    assert besluit.history.count() == 1
    beoordeling.refresh_from_db()
    assert beoordeling.status == BeoordelingStatus.VASTGESTELD
    assert beoordeling.history.filter(status=BeoordelingStatus.VASTGESTELD).count() == 1
