"""laad_drechtsteden loads the seed letter's commitments and, with --demo, a framework change."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from transitie.brieven.models import Toezegging
from transitie.constants import RaadsbehandelingStatus
from transitie.financien.models import Kaderwijziging, Raadsbehandeling
from transitie.financien.selectors import kaderwijziging_geldt
from transitie.seed.brief import SEED_BRIEF_TITEL


def laad(*args: str) -> None:
    call_command("laad_drechtsteden", *args, stdout=StringIO())


def test_the_seed_letters_three_commitments_are_open_for_all_seven(db):
    laad()
    toezeggingen = list(Toezegging.objects.select_related("brief").order_by("id"))
    assert len(toezeggingen) == 3
    assert {t.brief.titel for t in toezeggingen} == {SEED_BRIEF_TITEL}
    assert all(t.is_open and t.gemeente is None for t in toezeggingen)
    assert {t.verwacht_op for t in toezeggingen} == {datetime.date(2025, 7, 1)}
    teksten = " ".join(t.tekst for t in toezeggingen)
    assert "(financiële) kaders worden ter vaststelling aan de gemeenteraden" in teksten
    assert "uitvoeringsprogramma inclusief begroting" in teksten
    assert "meerjarige financiële keuzes" in teksten
    assert not Kaderwijziging.objects.exists()


def test_a_second_run_keeps_a_settled_commitment_settled_and_adds_nothing(db):
    laad()
    toezegging = Toezegging.objects.order_by("id").first()
    toezegging.afdoening = "Uitvoeringsprogramma vastgesteld."
    toezegging.afgedaan_op = datetime.date(2025, 6, 1)
    toezegging.save()
    rijen = (Toezegging.objects.count(), Toezegging.history.count())
    laad()
    toezegging.refresh_from_db()
    assert toezegging.afgedaan_op == datetime.date(2025, 6, 1)
    assert (Toezegging.objects.count(), Toezegging.history.count()) == rijen


@pytest.mark.parametrize("runs", [1, 2])
def test_demo_loads_one_framework_change_with_some_councils_adopted(db, settings, runs):
    settings.DEBUG = True
    for _ in range(runs):
        laad("--demo")
    wijziging = Kaderwijziging.objects.get()
    assert wijziging.is_demo and "(demo)" in wijziging.titel
    statussen = dict(
        Raadsbehandeling.objects.filter(kaderwijziging=wijziging).values_list(
            "gemeente__slug", "status"
        )
    )
    assert len(statussen) == 7
    assert sorted(s for s, st in statussen.items() if st == RaadsbehandelingStatus.VASTGESTELD) == [
        "dordrecht",
        "papendrecht",
        "zwijndrecht",
    ]
    assert not kaderwijziging_geldt(kaderwijziging=wijziging)
    assert Raadsbehandeling.history.count() == 7
