"""laad_drechtsteden loads the seed's own letter and publishes it, with a PDF per council, once."""

import datetime
import io

import pikepdf
import pytest
from django.utils import timezone
from pypdf import PdfReader

from drechtsteden.services import SYSTEM_USERNAME
from tests.factories import UserFactory
from transitie.brieven.models import Briefpublicatie, Raadsinformatiebrief
from transitie.brieven.selectors import brief_list
from transitie.constants import BriefStatus, SectieSoort
from transitie.seed import load
from transitie.seed.brief import (
    SEED_BRIEF_BESTAND,
    SEED_BRIEF_BIJLAGE,
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
    voor = timezone.now().replace(microsecond=0)
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
    # Loaded as a draft, then published by the publishing service, as the system account, now:
    # the seed does not say when the letter was sent.
    rijen = list(brief.history.order_by("history_date", "history_id"))
    assert [(r.history_type, r.status) for r in rijen] == [
        ("+", BriefStatus.CONCEPT),
        ("~", BriefStatus.GEPUBLICEERD),
    ]
    assert rijen[-1].history_change_reason == "Gepubliceerd"
    assert {r.history_user.username for r in rijen} == {SYSTEM_USERNAME}
    assert brief.gepubliceerd_op >= voor
    assert brief.peildatum == timezone.localdate()
    assert dordrecht.history.get().history_user.username == SYSTEM_USERNAME


def test_the_seed_letter_carries_only_what_the_seed_says(django_capture_on_commit_callbacks):
    voor = timezone.now().replace(microsecond=0)
    with django_capture_on_commit_callbacks(execute=True):
        load()

    brief = Raadsinformatiebrief.objects.get(titel=SEED_BRIEF_TITEL)
    # The seed names no date, sender, kenmerk, contact person or signatory: none is invented.
    assert brief.datum is None
    assert (brief.afzender, brief.kenmerk, brief.contactpersoon_naam, brief.ondertekening) == (
        "",
        "",
        "",
        "",
    )
    # Its annex is named, without a file: listed as not supplied.
    bijlage = brief.bijlagen.get()
    assert (bijlage.titel, bijlage.heeft_bestand) == (SEED_BRIEF_BIJLAGE, False)
    dordrecht = brief.publicaties.get(gemeente__naam="Dordrecht")
    assert dordrecht.bestandsnaam == (
        f"{timezone.localdate().isoformat()}-raadsinformatiebrief-transitie-dordrecht.pdf"
    )
    tekst = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(dordrecht.pdf)).pages
    )
    assert "Kenmerk niet opgegeven" in tekst
    assert "Datum niet opgegeven" in tekst
    assert "Afzender niet opgegeven" in tekst
    assert "Ondertekening: niet opgegeven." in tekst
    assert "Jaarverantwoording Groeiagenda 2023 niet beschikbaar" in tekst
    # The PDF's creation date is the moment it was rendered, not an invented letter date.
    with pikepdf.open(io.BytesIO(dordrecht.pdf)) as pdf:
        gemaakt = pdf.docinfo["/CreationDate"]
    assert str(gemaakt).endswith("+00'00")  # written in UTC
    aangemaakt = datetime.datetime.strptime(str(gemaakt)[2:16], "%Y%m%d%H%M%S").replace(
        tzinfo=datetime.UTC
    )
    assert voor <= aangemaakt <= timezone.now()
    assert dordrecht.history.get().history_user.username == SYSTEM_USERNAME
