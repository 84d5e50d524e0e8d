"""The letter pages: every URL per role, the edit form's lost update, publishing and downloads."""

import copy
import hashlib

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import build_once_per_module, drechtsteden_create
from tests.factories import (
    BriefpublicatieFactory,
    RaadsinformatiebriefFactory,
    UserFactory,
)
from tests.werker import werker
from transitie.brieven.models import Raadsinformatiebrief
from transitie.constants import BriefStatus, SectieSoort

pytestmark = pytest.mark.django_db

ROLLEN = ("anoniem", "ambtenaar", "regisseur", "wethouder", "raadslid", "beheerder")


def wereld_create() -> dict:
    drechtsteden = drechtsteden_create()
    dordrecht, papendrecht = drechtsteden[1], drechtsteden[4]
    concept = RaadsinformatiebriefFactory(secties=True)
    gepubliceerd = RaadsinformatiebriefFactory(gepubliceerd=True, secties=True)
    return {
        "concept": concept,
        "gepubliceerd": gepubliceerd,
        "dordrecht": BriefpublicatieFactory(brief=gepubliceerd, gemeente=dordrecht),
        "papendrecht": BriefpublicatieFactory(
            brief=gepubliceerd, gemeente=papendrecht, pdf=b"%PDF-1.7\n% papendrecht\n%%EOF\n"
        ),
        "gebruikers": {
            "ambtenaar": UserFactory(ambtenaar=True, gemeente=dordrecht),
            "regisseur": UserFactory(regisseur=True, gemeente=dordrecht),
            "wethouder": UserFactory(wethouder=True, gemeente=dordrecht),
            "raadslid": UserFactory(raadslid=True, gemeente=dordrecht),
            "beheerder": UserFactory(beheerder=True),
        },
    }


# Built once for the module; each test its own copy (see build_once_per_module).
wereld_van_de_module = build_once_per_module(wereld_create)


@pytest.fixture
def wereld(wereld_van_de_module, db) -> dict:
    return copy.deepcopy(wereld_van_de_module)


def client_voor(wereld, rol: str) -> Client:
    client = Client()
    if rol != "anoniem":
        client.force_login(wereld["gebruikers"][rol])
    return client


def url(wereld, naam: str) -> str:
    concept, gepubliceerd = wereld["concept"].uuid, wereld["gepubliceerd"].uuid
    return {
        "lijst": reverse("brieven:lijst"),
        "nieuw": reverse("brieven:nieuw"),
        "concept": reverse("brieven:detail", kwargs={"brief_id": concept}),
        "concept_bewerken": reverse("brieven:bewerken", kwargs={"brief_id": concept}),
        "concept_publiceren": reverse("brieven:publiceren", kwargs={"brief_id": concept}),
        "concept_voorbeeld": reverse(
            "brieven:voorbeeld", kwargs={"brief_id": concept, "gemeente": "dordrecht"}
        ),
        "gepubliceerd": reverse("brieven:detail", kwargs={"brief_id": gepubliceerd}),
        "pdf_dordrecht": reverse(
            "brieven:download", kwargs={"publicatie_id": wereld["dordrecht"].uuid}
        ),
        "pdf_papendrecht": reverse(
            "brieven:download", kwargs={"publicatie_id": wereld["papendrecht"].uuid}
        ),
        "json_papendrecht": reverse(
            "brieven:open_data_json", kwargs={"publicatie_id": wereld["papendrecht"].uuid}
        ),
        "csv_papendrecht": reverse(
            "brieven:open_data_csv", kwargs={"publicatie_id": wereld["papendrecht"].uuid}
        ),
        "csv_dordrecht": reverse(
            "brieven:open_data_csv", kwargs={"publicatie_id": wereld["dordrecht"].uuid}
        ),
    }[naam]


ALLEN = {"anoniem": 302, **dict.fromkeys(ROLLEN[1:], 200)}
CONCEPT_LEZEN = {**ALLEN, "raadslid": 404}
OPSTELLEN = {**CONCEPT_LEZEN, "wethouder": 403, "raadslid": 403}
MATRIX = {
    "lijst": ALLEN,
    "nieuw": OPSTELLEN,
    "concept": CONCEPT_LEZEN,
    "concept_bewerken": OPSTELLEN,
    "concept_publiceren": {**CONCEPT_LEZEN, "ambtenaar": 403, "regisseur": 403},
    "concept_voorbeeld": CONCEPT_LEZEN,
    "gepubliceerd": ALLEN,
    "pdf_dordrecht": ALLEN,
    "csv_dordrecht": ALLEN,
    "pdf_papendrecht": CONCEPT_LEZEN,
    "json_papendrecht": CONCEPT_LEZEN,
    "csv_papendrecht": CONCEPT_LEZEN,
}


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("naam", MATRIX)
def test_access_per_url_per_role(wereld, naam, rol):
    response = client_voor(wereld, rol).get(url(wereld, naam))
    assert response.status_code == MATRIX[naam][rol], (naam, rol)


def test_raadslid_list_shows_only_published_letters_of_his_council(wereld):
    response = client_voor(wereld, "raadslid").get(url(wereld, "lijst"))

    assert list(response.context["brieven"]) == [wereld["gepubliceerd"]]
    assert wereld["concept"].titel not in response.content.decode()
    assert url(wereld, "pdf_dordrecht") in response.content.decode()
    assert url(wereld, "pdf_papendrecht") not in response.content.decode()


def test_download_returns_exactly_the_stored_bytes_as_attachment(wereld):
    publicatie = wereld["dordrecht"]

    response = client_voor(wereld, "raadslid").get(url(wereld, "pdf_dordrecht"))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{publicatie.bestandsnaam}"'
    assert hashlib.sha256(response.content).hexdigest() == publicatie.sha256


def formulier(**kwargs) -> dict:
    data = {
        "titel": "Stand van de transitie",
        "onderwerp": "Voortgang",
        "datum": "2025-03-12",
        **{f"sectie_{soort}": f"Tekst {soort}" for soort in SectieSoort.values},
    }
    return {**data, **kwargs}


def test_draft_is_created_and_a_stale_save_is_a_conflict(wereld):
    client = client_voor(wereld, "ambtenaar")
    response = client.post(url(wereld, "nieuw"), formulier(blok_regiekamers="on"))
    letter = Raadsinformatiebrief.objects.get(titel="Stand van de transitie")
    assert response.status_code == 302
    assert letter.blok_regiekamers
    bewerken = reverse("brieven:bewerken", kwargs={"brief_id": letter.uuid})

    assert client.post(bewerken, formulier(versie=1, titel="Eerste")).status_code == 302
    response = client.post(bewerken, formulier(versie=1, titel="Tweede"))

    assert response.status_code == 409
    assert "iemand anders was u voor" in response.content.decode()
    letter.refresh_from_db()
    assert letter.titel == "Eerste"


def test_preview_is_the_pdf_template_with_the_stylesheet_from_static(wereld):
    response = client_voor(wereld, "ambtenaar").get(url(wereld, "concept_voorbeeld"))

    html = response.content.decode()
    assert "Aan de gemeenteraad van Dordrecht" in html
    assert '<link rel="stylesheet" href="/static/pdf/brief.css">' in html


def test_wethouder_publishes_after_confirmation(wereld):
    client = client_voor(wereld, "wethouder")
    letter = wereld["concept"]

    response = client.post(url(wereld, "concept_publiceren"), {"versie": letter.versie})

    # The request asks the worker (tests/transitie/brieven/test_publiceren.py); it publishes.
    assert response.status_code == 302
    assert letter.publicaties.count() == 0
    werker()
    letter.refresh_from_db()
    assert letter.status == BriefStatus.GEPUBLICEERD
    assert letter.publicaties.count() == 7


def test_publishing_a_changed_letter_asks_to_check_again(wereld):
    client = client_voor(wereld, "wethouder")

    response = client.post(url(wereld, "concept_publiceren"), {"versie": 99})

    assert response.status_code == 200
    assert "gewijzigd sinds u deze pagina opende" in response.content.decode()
    wereld["concept"].refresh_from_db()
    assert wereld["concept"].status == BriefStatus.CONCEPT


@pytest.mark.parametrize("aantal", [1, 30])
@pytest.mark.parametrize("rol", ["ambtenaar", "raadslid"])
def test_list_queries_do_not_grow_with_the_letters(
    wereld, django_assert_max_num_queries, aantal, rol
):
    for _ in range(aantal):
        BriefpublicatieFactory(
            brief=RaadsinformatiebriefFactory(gepubliceerd=True),
            gemeente=wereld["dordrecht"].gemeente,
        )
    client = client_voor(wereld, rol)
    # 9: Django's ModelBackend reads the user's own and his roles' permissions apart.
    # +1: the header's unread notifications (drechtsteden.meldingen)
    with django_assert_max_num_queries(10):
        assert client.get(url(wereld, "lijst")).status_code == 200


def test_the_compose_form_stores_the_letters_parts(wereld):
    client = client_voor(wereld, "ambtenaar")
    response = client.post(
        url(wereld, "nieuw"),
        formulier(
            afzender="De colleges van de Drechtsteden",
            kenmerk="RIB-2025-007",
            contactpersoon_naam="A. de Vries",
            contactpersoon_email="a.devries@example.nl",
            contactpersoon_telefoon="078 123 45 67",
            ondertekening="B. Bakker, burgemeester\nC. Claassen, secretaris",
        ),
    )

    assert response.status_code == 302
    letter = Raadsinformatiebrief.objects.get(titel="Stand van de transitie")
    assert (letter.afzender, letter.kenmerk, letter.contactpersoon_telefoon) == (
        "De colleges van de Drechtsteden",
        "RIB-2025-007",
        "078 123 45 67",
    )
    assert letter.ondertekenaars == [("B. Bakker", "burgemeester"), ("C. Claassen", "secretaris")]


def test_a_signatory_without_a_function_is_refused_at_its_field(wereld):
    client = client_voor(wereld, "ambtenaar")
    response = client.post(url(wereld, "nieuw"), formulier(ondertekening="B. Bakker"))

    assert response.status_code == 200
    assert "Schrijf elke ondertekenaar als naam, komma, functie: B. Bakker" in (
        response.content.decode()
    )
    assert not Raadsinformatiebrief.objects.filter(titel="Stand van de transitie").exists()


def test_the_compose_page_tells_the_truth_about_the_blocks(wereld):
    html = client_voor(wereld, "ambtenaar").get(url(wereld, "nieuw")).content.decode()

    assert "wordt nog niet in de brief opgenomen" not in html
    assert "ook het blok besluiten per thema" in html
    assert "een kenmerk is niet verplicht" in html


def test_a_draft_shows_what_is_missing_and_who_may_publish(wereld):
    letter = RaadsinformatiebriefFactory(secties=True, onvolledig=True)
    wethouder = wereld["gebruikers"]["wethouder"]
    client = client_voor(wereld, "ambtenaar")

    html = client.get(reverse("brieven:detail", kwargs={"brief_id": letter.uuid})).content.decode()

    assert "<dt>Kenmerk</dt><dd>niet opgegeven</dd>" in html
    assert "Deze brief kan nog niet worden gepubliceerd" in html
    assert "<li>afzender</li>" in html
    assert "Publiceren mag: Beheerder, Bestuurlijke regiekamer." in html
    assert wethouder.get_full_name() in html
    assert wereld["gebruikers"]["ambtenaar"].get_full_name() not in html.split("Publiceren mag")[1]


def test_the_preview_has_a_way_back_that_the_pdf_does_not_show(wereld):
    html = client_voor(wereld, "ambtenaar").get(url(wereld, "concept_voorbeeld")).content.decode()

    terug = reverse("brieven:detail", kwargs={"brief_id": wereld["concept"].uuid})
    assert f'<a href="{terug}">Terug naar de brief</a>' in html
