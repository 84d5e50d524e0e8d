"""A letter's open-data CSV writes a text a spreadsheet would run (= + - @) as text.

Issue 13, row 1. The texts come from people: a toezegging typed in the portal, the name of a new
activity adopted by the aldermen. The CSV goes through drechtsteden.exports.cel like every other
export.
"""

import csv
import io

import pytest
from django.utils import timezone

from tests.factories import (
    ActiviteitFactory,
    BeoordelingFactory,
    BesluitFactory,
    RaadsinformatiebriefFactory,
    ToezeggingFactory,
)
from transitie.brieven.services import publicatie_render

FORMULES = ('=HYPERLINK("https://evil.example","Klik")', "+SUM(1,2)", "-2+3", "@SUM(A1)")


@pytest.mark.django_db
def test_formulas_in_toezeggingen_and_activity_names_are_written_as_text(drechtsteden):
    dordrecht = next(g for g in drechtsteden if g.naam == "Dordrecht")
    eerdere = RaadsinformatiebriefFactory(gepubliceerd=True, secties=True)
    for i, formule in enumerate(FORMULES):
        ToezeggingFactory(brief=eerdere, tekst=formule)
        activiteit = ActiviteitFactory(naam=formule, slug=f"nieuwe-activiteit-{i}")
        BesluitFactory(beoordeling=BeoordelingFactory(activiteit=activiteit, vastgesteld=True))
    brief = RaadsinformatiebriefFactory(secties=True, blok_besluiten=True)

    publicatie = publicatie_render(brief=brief, gemeente=dordrecht, gepubliceerd_op=timezone.now())

    cellen = [cel for rij in csv.reader(io.StringIO(publicatie.open_data_csv)) for cel in rij]
    for formule in FORMULES:
        # Once as the toezegging, once as the activity the decision is about.
        assert cellen.count("'" + formule) >= 2, (formule, publicatie.open_data_csv)
        assert formule not in cellen
        # The JSON beside it keeps the value as typed: no spreadsheet runs JSON.
        assert formule in publicatie.open_data_json.replace('\\"', '"')
