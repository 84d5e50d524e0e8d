"""A later letter's PDF lists the commitments still open for its council, read back with pypdf."""

import datetime
import io
import json

import pytest
from pypdf import PdfReader

from tests.factories import (
    BriefsectieFactory,
    RaadsinformatiebriefFactory,
    ToezeggingFactory,
    UserFactory,
)
from transitie.brieven.pdf import brief_render
from transitie.brieven.services import brief_publish, toezegging_settle


def pdf_text(pdf: bytes) -> str:
    """The PDF's text with Dutch hyphenation undone and lines joined, so phrases can be found."""
    tekst = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(tekst.replace("\u2010\n", "").split())


@pytest.fixture
def eerste(db):
    return RaadsinformatiebriefFactory(
        gepubliceerd=True, titel="Eerste brief", datum=datetime.date(2024, 11, 1)
    )


@pytest.fixture
def later(db):
    letter = RaadsinformatiebriefFactory(titel="Latere brief", datum=datetime.date(2025, 3, 1))
    BriefsectieFactory(brief=letter, tekst="De voortgang van de transitie.")
    return letter


def test_a_later_letter_lists_the_open_commitments_of_its_council(drechtsteden, eerste, later):
    dordrecht, papendrecht = drechtsteden[1], drechtsteden[4]
    ToezeggingFactory(brief=eerste, tekst="Kaderwijzigingen gaan naar de raden.")
    ToezeggingFactory(brief=eerste, tekst="Dordts raadsvoorstel volgt.", gemeente=dordrecht)
    ToezeggingFactory(brief=eerste, tekst="Papendrechts overleg volgt.", gemeente=papendrecht)
    ToezeggingFactory(
        brief=eerste,
        tekst="Al afgedane toezegging.",
        afdoening="Gedaan",
        afgedaan_op=datetime.date(2025, 1, 10),
    )

    rendered = brief_render(brief=later, gemeente=dordrecht)

    tekst = pdf_text(rendered.pdf)
    assert "Openstaande toezeggingen" in tekst
    assert "Kaderwijzigingen gaan naar de raden." in tekst
    assert "Dordts raadsvoorstel volgt." in tekst
    assert "Papendrechts overleg volgt." not in tekst
    assert "Al afgedane toezegging." not in tekst
    assert "Eerste brief (1 november 2024)" in tekst
    assert "1 juli 2025" in tekst and "2025-07-01" not in tekst
    assert [r["tekst"] for r in rendered.blokken.rijen() if r["blok"] == "toezeggingen"] == [
        "Kaderwijzigingen gaan naar de raden.",
        "Dordts raadsvoorstel volgt.",
    ]


def test_no_section_without_open_commitments(drechtsteden, eerste, later):
    ToezeggingFactory(
        brief=eerste, tekst="Afgedaan.", afdoening="Gedaan", afgedaan_op=datetime.date(2025, 1, 1)
    )
    tekst = pdf_text(brief_render(brief=later, gemeente=drechtsteden[1]).pdf)
    assert "Openstaande toezeggingen" not in tekst
    assert "De voortgang van de transitie." in tekst


def test_settled_commitments_drop_out_of_the_next_letter(drechtsteden, eerste, later):
    toezegging = ToezeggingFactory(brief=eerste, tekst="Een nieuw uitvoeringsprogramma.")
    wethouder = UserFactory(wethouder=True, gemeente=drechtsteden[1])
    brief_publish(acting_user=wethouder, brief=later)
    publicatie = later.publicaties.get(gemeente=drechtsteden[1])
    assert "Een nieuw uitvoeringsprogramma." in pdf_text(bytes(publicatie.pdf))
    assert json.loads(publicatie.open_data_json)["blokken"]["toezeggingen"][0]["tekst"] == (
        "Een nieuw uitvoeringsprogramma."
    )

    toezegging_settle(
        acting_user=wethouder,
        toezegging=toezegging,
        afdoening="Programma vastgesteld.",
        afgedaan_op=datetime.date(2025, 4, 1),
    )
    volgende = RaadsinformatiebriefFactory(titel="Volgende", datum=datetime.date(2025, 5, 1))
    BriefsectieFactory(brief=volgende, tekst="Verder.")
    assert "Een nieuw uitvoeringsprogramma." not in pdf_text(
        brief_render(brief=volgende, gemeente=drechtsteden[1]).pdf
    )
    # The published PDF of the earlier letter is frozen and still holds it.
    publicatie.refresh_from_db()
    assert "Een nieuw uitvoeringsprogramma." in pdf_text(bytes(publicatie.pdf))
