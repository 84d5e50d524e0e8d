"""Annexes: checked on upload, frozen with the letter, listed in its PDF, served only intact."""

import hashlib
import io
import logging

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import (
    BriefbijlageFactory,
    RaadsinformatiebriefFactory,
    UserFactory,
    pdf_bytes,
)
from transitie.brieven.bijlagen import MAX_BIJLAGE_BYTES, bijlage_check
from transitie.brieven.models import Briefbijlage
from transitie.brieven.pdf import brief_render
from transitie.brieven.services import bijlage_add, bijlage_remove, brief_publish
from transitie.onveranderlijk import Onveranderlijk

pytestmark = pytest.mark.django_db


def opgeslagen(pdf: pikepdf.Pdf, **opties) -> bytes:
    uitvoer = io.BytesIO()
    pdf.save(uitvoer, **opties)
    return uitvoer.getvalue()


def met_javascript() -> bytes:
    pdf = pikepdf.open(io.BytesIO(pdf_bytes()))
    pdf.Root.OpenAction = pikepdf.Dictionary(
        S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)")
    )
    return opgeslagen(pdf)


def met_ingesloten_bestand() -> bytes:
    pdf = pikepdf.open(io.BytesIO(pdf_bytes()))
    pdf.attachments["geheim.txt"] = pikepdf.AttachedFileSpec(pdf, b"verborgen")
    return opgeslagen(pdf)


def versleuteld(gebruiker: str) -> bytes:
    pdf = pikepdf.open(io.BytesIO(pdf_bytes()))
    return opgeslagen(pdf, encryption=pikepdf.Encryption(owner="eigenaar", user=gebruiker))


@pytest.mark.parametrize(
    ("inhoud", "code", "bericht"),
    [
        (lambda: b"Dit is tekst, geen PDF.", "geen_pdf", "geen PDF"),
        (lambda: b"%PDF-1.7\nkapot", "geen_pdf", "geen leesbare PDF"),
        (met_javascript, "javascript", "JavaScript"),
        (met_ingesloten_bestand, "ingesloten", "ingesloten bestanden"),
        (lambda: versleuteld(""), "versleuteld", "versleuteld"),
        (lambda: versleuteld("geheim"), "versleuteld", "wachtwoord"),
        (lambda: b"%PDF-" + b"0" * MAX_BIJLAGE_BYTES, "te_groot", "hoogstens 10 MB"),
    ],
)
def test_upload_check_refuses_what_is_not_a_plain_pdf(inhoud, code, bericht):
    with pytest.raises(ValidationError) as fout:
        bijlage_check(inhoud())
    assert fout.value.code == code
    assert bericht in fout.value.messages[0]


def test_upload_check_accepts_a_plain_pdf():
    bijlage_check(pdf_bytes())


@pytest.fixture
def mensen(drechtsteden):
    dordrecht = drechtsteden[1]
    return {
        "ambtenaar": UserFactory(ambtenaar=True, gemeente=dordrecht),
        "wethouder": UserFactory(wethouder=True, gemeente=dordrecht),
        "raadslid": UserFactory(raadslid=True, gemeente=dordrecht),
        "raadslid_zonder_raad": UserFactory(raadslid=True),
    }


def test_an_annex_is_hashed_on_upload_with_history(mensen):
    brief = RaadsinformatiebriefFactory(secties=True)
    inhoud = pdf_bytes("Jaarverantwoording")

    bijlage = bijlage_add(
        acting_user=mensen["ambtenaar"],
        brief=brief,
        titel="Jaarverantwoording Groeiagenda 2023",
        inhoud=inhoud,
        bestandsnaam="Jaarverantwoording 2023.PDF",
    )

    assert bijlage.sha256 == hashlib.sha256(inhoud).hexdigest()
    assert bijlage.bestandsnaam == "jaarverantwoording-2023.pdf"
    assert bytes(Briefbijlage.objects.get(pk=bijlage.pk).pdf) == inhoud
    rij = bijlage.history.get()
    assert (rij.history_user, rij.history_change_reason) == (
        mensen["ambtenaar"],
        "Bijlage toegevoegd",
    )


def test_an_annex_is_listed_in_the_letter_with_its_hash_and_frozen_at_publication(mensen):
    brief = RaadsinformatiebriefFactory(secties=True)
    bijlage = BriefbijlageFactory(brief=brief, titel="Jaarverantwoording Groeiagenda 2023")

    publicaties = brief_publish(acting_user=mensen["wethouder"], brief=brief)

    reader = PdfReader(io.BytesIO(bytes(publicaties[0].pdf)))
    tekst = "".join(p.extract_text() for p in reader.pages)
    platte_tekst = "".join(tekst.split())
    assert "JaarverantwoordingGroeiagenda2023" in platte_tekst
    assert bijlage.sha256 in platte_tekst
    # Not embedded: the letter's PDF holds no files.
    with pikepdf.open(io.BytesIO(bytes(publicaties[0].pdf))) as pdf:
        assert len(pdf.attachments) == 0
    bijlage.refresh_from_db()
    bijlage.titel = "Andere titel"
    with pytest.raises(Onveranderlijk):
        bijlage.save()
    with pytest.raises(Onveranderlijk):
        bijlage_remove(acting_user=mensen["ambtenaar"], bijlage=bijlage)
    with pytest.raises(Onveranderlijk):
        bijlage_add(
            acting_user=mensen["ambtenaar"],
            brief=brief,
            titel="Nog een",
            inhoud=pdf_bytes(),
            bestandsnaam="x.pdf",
        )


def test_a_letter_is_not_published_while_parts_or_annex_files_are_missing(mensen):
    brief = RaadsinformatiebriefFactory(secties=True, onvolledig=True, datum=None)
    BriefbijlageFactory(brief=brief, titel="Jaarverantwoording", zonder_bestand=True)

    with pytest.raises(ValidationError) as fout:
        brief_publish(acting_user=mensen["wethouder"], brief=brief)

    assert fout.value.messages == [
        "De brief mist nog: datum, afzender, contactpersoon, e-mail of telefoon van de "
        "contactpersoon, ondertekening (naam en functie), het bestand van de bijlage "
        "Jaarverantwoording."
    ]
    brief.refresh_from_db()
    assert brief.status == "concept"


def test_a_changed_annex_stops_publication(mensen):
    brief = RaadsinformatiebriefFactory(secties=True)
    bijlage = BriefbijlageFactory(brief=brief)
    bijlage.pdf = pdf_bytes("Ander bestand")  # bytes changed behind the service's back
    bijlage.save()

    with pytest.raises(ValidationError, match="na het uploaden gewijzigd"):
        brief_publish(acting_user=mensen["wethouder"], brief=brief)


def test_an_annex_is_downloaded_by_the_councils_that_receive_the_letter(mensen):
    brief = RaadsinformatiebriefFactory(secties=True)
    bijlage = BriefbijlageFactory(brief=brief)
    url = reverse("brieven:bijlage_download", kwargs={"bijlage_id": bijlage.uuid})
    raadslid = Client()
    raadslid.force_login(mensen["raadslid"])
    assert raadslid.get(url).status_code == 404  # a draft's annex: not for the council yet

    brief_publish(acting_user=mensen["wethouder"], brief=brief)

    response = raadslid.get(url)
    assert response.status_code == 200
    assert response.content == bytes(bijlage.pdf)
    assert response["Content-Type"] == "application/pdf"
    assert response["ETag"] == f'"{bijlage.sha256}"'
    assert "attachment" in response["Content-Disposition"]
    zonder_raad = Client()
    zonder_raad.force_login(mensen["raadslid_zonder_raad"])
    assert zonder_raad.get(url).status_code == 404
    assert Client().get(url).status_code == 302  # to the login page


def test_an_annex_whose_bytes_no_longer_match_its_hash_is_refused_and_logged(mensen, caplog):
    brief = RaadsinformatiebriefFactory(secties=True)
    bijlage = BriefbijlageFactory(brief=brief)
    brief_publish(acting_user=mensen["wethouder"], brief=brief)
    # Someone with database access swaps the bytes (the model refuses; the database does not).
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE transitie_briefbijlage SET pdf = %s WHERE id = %s",
            [pdf_bytes("Vervalst"), bijlage.pk],
        )
    raadslid = Client()
    raadslid.force_login(mensen["raadslid"])
    caplog.set_level(logging.INFO, logger="regieportaal.security")

    response = raadslid.get(
        reverse("brieven:bijlage_download", kwargs={"bijlage_id": bijlage.uuid})
    )

    assert response.status_code == 409
    assert "komt niet meer overeen met de SHA-256" in response.content.decode()
    assert b"Vervalst" not in response.content
    regels = [r for r in caplog.records if r.name == "regieportaal.security"]
    assert any(str(bijlage.uuid) in r.getMessage() for r in regels)


def test_upload_page_shows_the_refusal_at_the_field_and_keeps_the_title(mensen):
    brief = RaadsinformatiebriefFactory(secties=True)
    client = Client()
    client.force_login(mensen["ambtenaar"])
    url = reverse("brieven:bijlage_toevoegen", kwargs={"brief_id": brief.uuid})

    response = client.post(
        url,
        {
            "titel": "Jaarverantwoording",
            "bestand": SimpleUploadedFile("x.pdf", met_javascript(), "application/pdf"),
        },
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Deze PDF bevat JavaScript" in html
    assert 'value="Jaarverantwoording"' in html
    assert not brief.bijlagen.exists()

    response = client.post(
        url,
        {
            "titel": "Jaarverantwoording",
            "bestand": SimpleUploadedFile("x.pdf", pdf_bytes(), "application/pdf"),
        },
    )
    assert response.status_code == 302
    assert brief.bijlagen.get().titel == "Jaarverantwoording"


def test_a_tagged_weasyprint_pdf_passes_the_check(drechtsteden):
    """A real-world PDF/A with fonts, ICC profile, tags and links is no false alarm."""
    brief = RaadsinformatiebriefFactory(secties=True)
    bijlage_check(brief_render(brief=brief, gemeente=drechtsteden[1]).pdf)
