"""laad_drechtsteden loads the seed's own letter and publishes it, with a PDF per council, once."""

import io

import pytest
from pypdf import PdfReader

from drechtsteden.services import SYSTEM_USERNAME
from tests.factories import UserFactory
from transitie.brieven.models import Briefpublicatie, Raadsinformatiebrief
from transitie.brieven.selectors import brief_list
from transitie.constants import BriefStatus, SectieSoort
from transitie.seed import load
from transitie.seed.brief import (
    SEED_BRIEF_BESTAND,
    SEED_BRIEF_DATUM,
    SEED_BRIEF_TITEL,
    seed_letter_sections,
)

pytestmark = pytest.mark.django_db


def test_seed_text_splits_into_the_five_sections_with_subheadings():
    secties = seed_letter_sections(SEED_BRIEF_BESTAND.read_text(encoding="utf-8"))

    assert list(secties) == SectieSoort.values
    assert secties["inleiding"].startswith("Al jarenlang werken we als gemeenten")
    assert "ruimtelijk-economisch domein" in secties["kernboodschap"]
    assert secties["consequenties"].startswith(
        "## Aanbevelingen om de samenwerking verder te verbeteren\nOp basis van"
    )
    assert "## Begroting 2024 wordt budgetneutraal voortgezet in 2025" in secties["vervolg"]
    assert secties["bijlagen"] == "- Jaarverantwoording Groeiagenda 2023"


def test_load_publishes_the_seed_letter_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        load()
    with django_capture_on_commit_callbacks(execute=True):
        tweede = load()

    brief = Raadsinformatiebrief.objects.get(titel=SEED_BRIEF_TITEL)
    assert brief.status == BriefStatus.GEPUBLICEERD
    assert brief.secties.count() == 5
    assert Briefpublicatie.objects.filter(brief=brief).count() == 7
    assert tweede.leeg
    dordrecht = brief.publicaties.get(gemeente__naam="Dordrecht")
    assert dordrecht.bestandsnaam.endswith("-raadsinformatiebrief-transitie-dordrecht.pdf")
    tekst = "".join(p.extract_text() for p in PdfReader(io.BytesIO(dordrecht.pdf)).pages)
    assert "Aan de gemeenteraad van Dordrecht" in tekst
    assert "Common Eye" in tekst
    raadslid = UserFactory(raadslid=True, gemeente=dordrecht.gemeente)
    assert list(brief_list(user=raadslid)) == [brief]
    # Loaded as a draft, then published by the publishing service, as the system account, with
    # the date the letter was sent.
    rijen = list(brief.history.order_by("history_date", "history_id"))
    assert [(r.history_type, r.status) for r in rijen] == [
        ("+", BriefStatus.CONCEPT),
        ("~", BriefStatus.GEPUBLICEERD),
    ]
    assert rijen[-1].history_change_reason == "Gepubliceerd"
    assert {r.history_user.username for r in rijen} == {SYSTEM_USERNAME}
    assert brief.gepubliceerd_op.date() == SEED_BRIEF_DATUM
    assert dordrecht.history.get().history_user.username == SYSTEM_USERNAME
