"""Letters: drafting with lost-update protection and history, publishing once, frozen after."""

import datetime
import hashlib
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from pypdf import PdfReader

from tests.factories import (
    LidmaatschapFactory,
    RaadsinformatiebriefFactory,
    UserFactory,
)
from transitie.brieven.models import Briefsectie
from transitie.brieven.selectors import access_brief, access_publicatie, brief_list
from transitie.brieven.services import (
    BriefConflict,
    BriefInvoer,
    brief_create,
    brief_publish,
    brief_update,
)
from transitie.constants import BriefStatus, SectieSoort
from transitie.onveranderlijk import Onveranderlijk


def invoer(**kwargs) -> BriefInvoer:
    waarden = {
        "titel": "Transitie Drechtsteden",
        "onderwerp": "Stand van zaken",
        "datum": datetime.date(2025, 3, 12),
        "secties": {soort: f"Tekst van {soort}." for soort in SectieSoort.values},
        "afzender": "De colleges van de Drechtsteden",
        "contactpersoon_naam": "A. de Vries",
        "contactpersoon_email": "a.devries@example.nl",
        "ondertekening": "B. Bakker, voorzitter",
    }
    return BriefInvoer(**{**waarden, **kwargs})


@pytest.fixture
def ambtenaar(drechtsteden):
    return UserFactory(ambtenaar=True, gemeente=drechtsteden[1])


@pytest.fixture
def wethouder(drechtsteden):
    return UserFactory(wethouder=True, gemeente=drechtsteden[1])


def test_civil_servant_creates_a_draft_with_five_sections_and_history(ambtenaar):
    letter = brief_create(acting_user=ambtenaar, invoer=invoer())

    assert letter.status == BriefStatus.CONCEPT
    assert letter.secties.count() == 5
    rij = letter.history.get()
    assert (rij.history_type, rij.history_user, rij.history_change_reason) == (
        "+",
        ambtenaar,
        "Concept aangemaakt",
    )
    assert {(s.history_user, s.history_change_reason) for s in Briefsectie.history.all()} == {
        (ambtenaar, "Concept aangemaakt")
    }


def test_an_update_records_who_changed_the_draft(ambtenaar, drechtsteden):
    letter = brief_create(acting_user=ambtenaar, invoer=invoer())
    collega = UserFactory(regisseur=True, gemeente=drechtsteden[1])

    brief_update(
        acting_user=collega, brief=letter, versie=letter.versie, invoer=invoer(titel="Nieuw")
    )

    rij = letter.history.first()
    assert (rij.history_type, rij.history_user, rij.history_change_reason) == (
        "~",
        collega,
        "Concept bijgewerkt",
    )
    assert letter.history.count() == 2


def test_raadslid_cannot_draft(drechtsteden):
    raadslid = UserFactory(raadslid=True, gemeente=drechtsteden[1])
    with pytest.raises(PermissionDenied):
        brief_create(acting_user=raadslid, invoer=invoer())


def test_saving_against_an_old_version_is_a_conflict_and_saves_nothing(ambtenaar):
    letter = brief_create(acting_user=ambtenaar, invoer=invoer())
    geladen = letter.versie
    brief_update(acting_user=ambtenaar, brief=letter, versie=geladen, invoer=invoer(titel="Een"))

    with pytest.raises(BriefConflict):
        brief_update(
            acting_user=ambtenaar, brief=letter, versie=geladen, invoer=invoer(titel="Twee")
        )

    letter.refresh_from_db()
    assert letter.titel == "Een"
    assert letter.versie == geladen + 1


def test_saving_without_changes_writes_no_history(ambtenaar):
    letter = brief_create(acting_user=ambtenaar, invoer=invoer())
    voor = letter.history.count()

    brief_update(acting_user=ambtenaar, brief=letter, versie=letter.versie, invoer=invoer())

    assert letter.history.count() == voor


def test_only_the_bestuurlijke_regiekamer_publishes(ambtenaar):
    letter = brief_create(acting_user=ambtenaar, invoer=invoer())
    with pytest.raises(PermissionDenied):
        brief_publish(acting_user=ambtenaar, brief=letter)


def test_publishing_renders_seven_pdfs_with_hash_and_open_data(
    ambtenaar, wethouder, drechtsteden, regiekamers
):
    LidmaatschapFactory(regiekamer=regiekamers[1], gebruiker=wethouder, gemeente=drechtsteden[1])
    letter = brief_create(acting_user=ambtenaar, invoer=invoer(blok_regiekamers=True))

    publicaties = brief_publish(acting_user=wethouder, brief=letter)

    letter.refresh_from_db()
    assert letter.status == BriefStatus.GEPUBLICEERD
    assert letter.gepubliceerd_op is not None
    assert len(publicaties) == 7
    dordrecht = next(p for p in publicaties if p.gemeente.naam == "Dordrecht")
    assert dordrecht.bestandsnaam == "2025-03-12-raadsinformatiebrief-transitie-dordrecht.pdf"
    assert dordrecht.sha256 == hashlib.sha256(dordrecht.pdf).hexdigest()
    tekst = "".join(p.extract_text() for p in PdfReader(io.BytesIO(dordrecht.pdf)).pages)
    assert "Aan de gemeenteraad van Dordrecht" in tekst
    data = json.loads(dordrecht.open_data_json)
    assert data["gemeente"] == "Dordrecht"
    assert data["blokken"]["regiekamers"][0]["naam"] == wethouder.get_full_name()
    assert dordrecht.open_data_csv.splitlines()[0] == (
        "blok,regiekamer,gemeente,naam,rol,van,peildatum,begrotingsjaar,valuta"
    )
    assert (data["peildatum"], data["valuta"]) == (timezone.localdate().isoformat(), "EUR")
    assert wethouder.get_full_name() in dordrecht.open_data_csv


def test_published_letter_is_frozen(ambtenaar, wethouder):
    letter = brief_create(acting_user=ambtenaar, invoer=invoer())
    brief_publish(acting_user=wethouder, brief=letter)
    letter.refresh_from_db()

    with pytest.raises(Onveranderlijk, match="stel een correctie op"):
        brief_update(
            acting_user=ambtenaar, brief=letter, versie=letter.versie, invoer=invoer(titel="X")
        )
    with pytest.raises(Onveranderlijk):
        brief_publish(acting_user=wethouder, brief=letter)


def test_a_correction_refers_to_a_published_letter(ambtenaar, wethouder):
    oud = brief_create(acting_user=ambtenaar, invoer=invoer())
    with pytest.raises(ValidationError):
        brief_create(acting_user=ambtenaar, invoer=invoer(corrigeert=oud))
    brief_publish(acting_user=wethouder, brief=oud)
    oud.refresh_from_db()

    correctie = brief_create(acting_user=ambtenaar, invoer=invoer(corrigeert=oud))

    assert correctie.corrigeert == oud


def test_raadslid_sees_only_published_letters_of_his_council(ambtenaar, wethouder, drechtsteden):
    gepubliceerd = brief_create(acting_user=ambtenaar, invoer=invoer())
    publicaties = brief_publish(acting_user=wethouder, brief=gepubliceerd)
    concept = RaadsinformatiebriefFactory()
    raadslid = UserFactory(raadslid=True, gemeente=drechtsteden[1])

    assert list(brief_list(user=raadslid)) == [gepubliceerd]
    with pytest.raises(Http404):
        access_brief(user=raadslid, brief_id=concept.uuid)
    papendrecht = next(p for p in publicaties if p.gemeente.naam == "Papendrecht")
    dordrecht = next(p for p in publicaties if p.gemeente.naam == "Dordrecht")
    with pytest.raises(Http404):
        access_publicatie(user=raadslid, publicatie_id=papendrecht.uuid)
    assert access_publicatie(user=raadslid, publicatie_id=dordrecht.uuid) == dordrecht
    assert concept in brief_list(user=ambtenaar)
