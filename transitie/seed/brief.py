"""The seed letter: its sections and commitments, published as the councils received it."""

import datetime
from pathlib import Path

from django.db import transaction

from drechtsteden.services import system_user
from transitie.brieven.models import Briefbijlage, Briefsectie, Raadsinformatiebrief, Toezegging
from transitie.brieven.services import brief_publish
from transitie.constants import (
    BriefStatus,
    SectieSoort,
)
from transitie.seed.laden import Loader

SEED_BRIEF_BESTAND = (
    Path(__file__).parent / "data" / "raadsinformatiebrief-doorontwikkeling-samenwerking.txt"
)


SEED_BRIEF_TITEL = "Doorontwikkeling bestuurlijke samenwerking Drechtsteden"


SEED_BRIEF_ONDERWERP = (
    "Stand van zaken en vervolg van de bestuursopdracht 'Doorontwikkeling bestuurlijke "
    "samenwerking Drechtsteden voor het ruimtelijk economisch domein'"
)


# The seed file carries no date, no sender, kenmerk, contact person or signature: the letter holds
# none of them (they show as "niet opgegeven"), rather than made-up ones.

# The annex the seed letter names ("Bijlage - Jaarverantwoording Groeiagenda 2023"); the seed holds
# no file of it, so the letter lists it as not supplied.
SEED_BRIEF_BIJLAGE = "Jaarverantwoording Groeiagenda 2023"


SEED_BRIEF_KOPPEN = {
    "Inleiding": SectieSoort.INLEIDING,
    "Kernboodschap": SectieSoort.KERNBOODSCHAP,
    "Consequenties": SectieSoort.CONSEQUENTIES,
    "Vervolg": SectieSoort.VERVOLG,
    "Bijlage": SectieSoort.BIJLAGEN,
}


# A short first line of a paragraph without closing punctuation is one of the letter's subheadings.
TUSSENKOP_MAX = 70


def seed_letter_sections(tekst: str) -> dict[str, str]:
    """The seed letter's text split into its five sections, in the portal's small markup.

    The file is text extracted from a PDF: a line with only a space ends a paragraph, empty lines
    are extraction noise, and a line ending in a hyphen continues the word on the next line.
    """
    secties: dict[str, list[list[str]]] = {}
    alineas: list[list[str]] | None = None
    for ruwe_regel in tekst.splitlines():
        regel = ruwe_regel.strip()
        if regel in SEED_BRIEF_KOPPEN:
            alineas = secties.setdefault(SEED_BRIEF_KOPPEN[regel], [[]])
        elif alineas is None:
            continue
        elif regel:
            alineas[-1].append(regel)
        elif ruwe_regel and alineas[-1]:
            alineas.append([])
    return {soort: _seed_markup(alineas) for soort, alineas in secties.items()}


def _seed_markup(alineas: list[list[str]]) -> str:
    blokken = []
    for regels in alineas:
        if not regels:
            continue
        if regels[0].startswith("- "):
            blokken.append("\n".join(regels))
            continue
        kop = None
        if len(regels) > 1 and len(regels[0]) <= TUSSENKOP_MAX and regels[0][-1] not in ".,:;)":
            kop, regels = regels[0], regels[1:]
        tekst = ""
        for regel in regels:
            if tekst.endswith("-") and not tekst.endswith(" -"):
                tekst += regel
            else:
                tekst = f"{tekst} {regel}" if tekst else regel
        blokken.append(f"## {kop}\n{tekst}" if kop else tekst)
    return "\n\n".join(blokken)


# What the seed letter promises the councils, all seven of them. The letter names no dates; it
# asks for the implementation "uiterlijk op 1 juli 2025", the end of the process it speaks of.
SEED_TOEZEGGINGEN_VERWACHT = datetime.date(2025, 7, 1)


SEED_TOEZEGGINGEN = (
    "Wijzigingen met betrekking tot de (financiële) kaders worden ter vaststelling aan de "
    "gemeenteraden voorgelegd.",
    "Aan het einde van het proces wordt een (nieuw) uitvoeringsprogramma inclusief begroting "
    "opgesteld, waarin de inhoudelijke en financiële consequenties worden verwerkt.",
    "Aan de hand van een inhoudelijke analyse en dialoog worden mogelijke meerjarige financiële "
    "keuzes en de consequenties daarvan inzichtelijk gemaakt, om de gemeenten te helpen "
    "weloverwogen keuzes te maken in hun bezuinigingsopgaven.",
)


def load_seed_letter(loader: Loader) -> Raadsinformatiebrief:
    """The seed's letter: loaded as a draft, then published through the publishing service after
    the commit, which renders each council's PDF once (that takes seconds; the facts need not wait
    for it). A run whose publishing failed leaves the draft, and the next run publishes it."""
    brief = Raadsinformatiebrief.objects.filter(titel=SEED_BRIEF_TITEL).first()
    if brief is None or brief.status != BriefStatus.GEPUBLICEERD:
        secties = seed_letter_sections(SEED_BRIEF_BESTAND.read_text(encoding="utf-8"))
        brief = loader.ensure(
            Raadsinformatiebrief,
            {"titel": SEED_BRIEF_TITEL},
            {"onderwerp": SEED_BRIEF_ONDERWERP, "datum": None},
        )
        loader.ensure(Briefbijlage, {"brief": brief, "titel": SEED_BRIEF_BIJLAGE})
        for soort, tekst in secties.items():
            loader.ensure(Briefsectie, {"brief": brief, "soort": soort}, initial={"tekst": tekst})
        transaction.on_commit(lambda: publish_seed_letter(loader, brief))
    for tekst in SEED_TOEZEGGINGEN:
        # `initial`: a commitment settled in the portal stays settled on the next run.
        loader.ensure(
            Toezegging,
            {"brief": brief, "tekst": tekst},
            initial={"verwacht_op": SEED_TOEZEGGINGEN_VERWACHT},
        )
    return brief


def publish_seed_letter(loader: Loader, brief: Raadsinformatiebrief) -> None:
    """Publish the seed's letter as the system account, now: the seed does not say when it was
    sent, so the portal records when it published it, and its data blocks show that day."""
    brief_publish(acting_user=system_user(), brief=brief)
    loader.verslag.gewijzigd[Raadsinformatiebrief._meta.verbose_name_plural] += 1
