"""The theme pages: who gets which status, validation at the field, lost updates, exports."""

import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    ActiviteitFactory,
    BeoordelingFactory,
    DeelnameFactory,
    PartnerFactory,
    ThemaFactory,
)
from tests.thema.conftest import client_for, form_data
from thema.constants import BeoordelingStatus
from thema.models import Beoordeling

pytestmark = pytest.mark.django_db


def urls(wereld) -> dict[str, str]:
    kwargs = {"slug": wereld.thema.slug, "activiteit": wereld.activiteit.slug}
    return {
        "overzicht": reverse("thema:overzicht"),
        "csv": reverse("thema:export_csv"),
        "xlsx": reverse("thema:export_xlsx"),
        "thema": reverse("thema:detail", kwargs={"slug": wereld.thema.slug}),
        "activiteit": reverse("thema:activiteit", kwargs=kwargs),
        "geschiedenis": reverse("thema:geschiedenis", kwargs=kwargs),
        "beoordelen": reverse("thema:beoordelen", kwargs=kwargs),
        "indienen": reverse("thema:indienen", kwargs=kwargs),
    }


ROLLEN = ("anoniem", "teamlid", "buitenstaander", "regisseur", "wethouder", "raadslid", "beheerder")
LEZEN = {"anoniem": 302, **dict.fromkeys(ROLLEN[1:], 200)}
SCHRIJVEN = {"anoniem": 302, "teamlid": 200, **dict.fromkeys(ROLLEN[2:], 403)}

# (url, method) -> expected status per role, with a concept review on the activity.
MATRIX = {
    ("overzicht", "get"): LEZEN,
    ("csv", "get"): LEZEN,
    ("xlsx", "get"): LEZEN,
    ("thema", "get"): LEZEN,
    ("activiteit", "get"): LEZEN,
    ("geschiedenis", "get"): LEZEN,
    ("beoordelen", "get"): SCHRIJVEN,
    ("beoordelen", "post"): {**SCHRIJVEN, "teamlid": 302},
    ("indienen", "get"): SCHRIJVEN,
    ("indienen", "post"): {**SCHRIJVEN, "teamlid": 302},
}


def _client(wereld, rol: str) -> Client:
    return Client() if rol == "anoniem" else client_for(getattr(wereld, rol))


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize(("naam", "methode"), list(MATRIX))
def test_permission_matrix(wereld, rol, naam, methode):
    beoordeling = BeoordelingFactory(activiteit=wereld.activiteit, compleet=True, ingediend_op=None)
    client = _client(wereld, rol)
    url = urls(wereld)[naam]
    if methode == "get":
        response = client.get(url)
    elif naam == "beoordelen":
        response = client.post(url, form_data(wereld, versie=str(beoordeling.versie)))
    else:
        response = client.post(url, {"versie": beoordeling.versie})
    assert response.status_code == MATRIX[(naam, methode)][rol]
    if rol == "anoniem":
        assert response["Location"].startswith("/inloggen/")
    expected_status = (
        BeoordelingStatus.INGEDIEND
        if (naam, methode, rol) == ("indienen", "post", "teamlid")
        else BeoordelingStatus.CONCEPT
    )
    assert Beoordeling.objects.get().status == expected_status


def test_a_submitted_review_is_read_only_for_the_team(wereld):
    BeoordelingFactory(activiteit=wereld.activiteit, ingediend=True)
    client = client_for(wereld.teamlid)
    response = client.get(urls(wereld)["beoordelen"])
    assert response.status_code == 302
    response = client.get(urls(wereld)["activiteit"])
    assert "Beoordeling bewerken" not in response.content.decode()
    assert "Alleen-lezen" in response.content.decode()


def test_a_raadslid_does_not_see_the_concept_on_any_page(wereld):
    BeoordelingFactory(
        activiteit=wereld.activiteit, compleet=True, onderbouwing="Geheime concepttekst."
    )
    client = client_for(wereld.raadslid)
    for naam in ("overzicht", "thema", "activiteit", "geschiedenis", "csv"):
        body = client.get(urls(wereld)[naam]).content.decode("utf-8-sig")
        assert "Geheime concepttekst" not in body
        assert "Concept" not in body, naam


# Validation: bad input -> the Dutch message at its field, and the typed values kept.

KLEINER = {"voorstel": "hergroeperen", "coalitievorm": "kleiner"}
BAD_INPUTS = [
    (
        {"score_lokaal": "7"},
        "score_lokaal",
        "De score voor ‘Bijdrage aan lokale doelen’ is een geheel getal van 1 tot en met 5.",
    ),
    (
        {"score_regionaal": "0"},
        "score_regionaal",
        "De score voor ‘Bijdrage aan regionale doelen’ is een geheel getal van 1 tot en met 5.",
    ),
    (
        {"score_organisatie": "drie"},
        "score_organisatie",
        "De score voor ‘Logisch en effectief georganiseerd’ is een geheel getal van 1 tot en "
        "met 5.",
    ),
    ({"onderbouwing": "   \n  "}, "onderbouwing", "Schrijf een onderbouwing: waarom dit voorstel?"),
    ({"bedrag_2026": "veel"}, "bedrag_2026", "Vul een bedrag in euro's in"),
    ({"bedrag_2025": "12,345"}, "bedrag_2025", "hoogstens twee cijfers achter de komma"),
    ({"bedrag_2027": "1e6"}, "bedrag_2027", "Vul een bedrag in euro's in"),
    ({"prioriteit": "dringend"}, "prioriteit", "Kies hoog, middel of laag."),
    ({"voorstel": "opheffen"}, "voorstel", "Kies een van de vier voorstellen."),
    (
        {"voorstel": "hergroeperen", "coalitievorm": "groter", "voorgestelde_gemeenten": ["99999"]},
        "voorgestelde_gemeenten",
        "Onbekende gemeente: kies uit de zeven Drechtsteden.",
    ),
    ({"voorstel": "hergroeperen"}, "coalitievorm", "Kies of de nieuwe coalitie kleiner"),
    (
        {**KLEINER, "voorgestelde_gemeenten": ["Dordrecht", "Alblasserdam"]},
        "voorgestelde_gemeenten",
        "alleen uit gemeenten die nu meedoen; Alblasserdam doet nu niet mee.",
    ),
    (
        {
            **KLEINER,
            "voorgestelde_gemeenten": ["Dordrecht"],
            "voorgestelde_partners": ["Gemeente Gorinchem"],
        },
        "voorgestelde_partners",
        "alleen uit partners die nu meedoen; Gemeente Gorinchem doet nu niet mee.",
    ),
    (
        {
            **KLEINER,
            "voorgestelde_gemeenten": ["Dordrecht", "Zwijndrecht", "Papendrecht", "Sliedrecht"],
            "voorgestelde_partners": ["Hogeschool Rotterdam"],
        },
        "voorgestelde_gemeenten",
        "Een kleinere coalitie heeft minder deelnemers dan nu: nu 5, voorgesteld 5.",
    ),
    (
        {
            "voorstel": "hergroeperen",
            "coalitievorm": "groter",
            "voorgestelde_gemeenten": ["Dordrecht", "Zwijndrecht"],
        },
        "voorgestelde_gemeenten",
        "Een grotere coalitie heeft meer deelnemers dan nu: nu 5, voorgesteld 2.",
    ),
    (
        {
            "voorstel": "hergroeperen",
            "coalitievorm": "andersoortig",
            "voorgestelde_gemeenten": ["Dordrecht", "Zwijndrecht", "Papendrecht", "Sliedrecht"],
            "voorgestelde_partners": ["Hogeschool Rotterdam"],
        },
        "voorgestelde_gemeenten",
        "Een andersoortige coalitie verschilt in samenstelling van de huidige",
    ),
    (
        {"voorstel": "hergroeperen", "coalitievorm": "kleiner"},
        "voorgestelde_gemeenten",
        "Kies de gemeenten die in de nieuwe coalitie meedoen.",
    ),
    (
        {"voorstel": "toevoegen", "voorgestelde_gemeenten": ["Dordrecht"]},
        "nieuwe_activiteit_naam",
        "Geef de nieuwe activiteit een naam.",
    ),
    (
        {"voorstel": "toevoegen", "nieuwe_activiteit_naam": "Havenloket"},
        "voorgestelde_gemeenten",
        "Kies de gemeenten die aan de nieuwe activiteit meedoen.",
    ),
]


def _ids(wereld, data: dict) -> dict:
    """Names in the table -> the ids the browser posts (unknown ids stay as they are)."""
    data = dict(data)
    partners = {
        wereld.partner.naam: wereld.partner,
        wereld.andere_partner.naam: wereld.andere_partner,
    }
    if "voorgestelde_gemeenten" in data:
        data["voorgestelde_gemeenten"] = [
            str(wereld.gemeenten[n].pk) if n in wereld.gemeenten else n
            for n in data["voorgestelde_gemeenten"]
        ]
    if "voorgestelde_partners" in data:
        data["voorgestelde_partners"] = [str(partners[n].pk) for n in data["voorgestelde_partners"]]
    return data


@pytest.mark.parametrize(("invoer", "veld", "bericht"), BAD_INPUTS)
def test_bad_input_gets_its_message_at_the_field(wereld, invoer, veld, bericht):
    client = client_for(wereld.teamlid)
    data = form_data(
        wereld, **{"onderbouwing": "Mijn zorgvuldige onderbouwing.", **_ids(wereld, invoer)}
    )
    response = client.post(urls(wereld)["beoordelen"], data)

    assert response.status_code == 200
    form = response.context["form"]
    assert any(bericht in fout for fout in form.errors[veld]), form.errors
    html = response.content.decode()
    assert f'id="id_{veld}_error"' in html
    if veld != "onderbouwing":
        assert "Mijn zorgvuldige onderbouwing." in html  # nothing the user typed is lost
    assert not Beoordeling.objects.exists()


def test_stoppen_of_an_activity_without_participants_is_meaningless(wereld):
    leeg = ActiviteitFactory(thema=wereld.thema, naam="Leeg", slug="leeg")
    client = client_for(wereld.teamlid)
    url = reverse("thema:beoordelen", kwargs={"slug": wereld.thema.slug, "activiteit": "leeg"})
    response = client.post(url, form_data(wereld, voorstel="stoppen"))
    assert response.status_code == 200
    assert "stoppen heeft dan geen betekenis" in " ".join(
        response.context["form"].errors["voorstel"]
    )
    assert not leeg.beoordelingen.exists()


def test_dutch_amounts_are_understood(wereld):
    client = client_for(wereld.teamlid)
    data = form_data(
        wereld,
        bedrag_2025="-12.500",
        bedrag_2026="€ 2.500,50",
        bedrag_2027="-750,5",
        bedrag_2028="100",
    )
    response = client.post(urls(wereld)["beoordelen"], data)
    assert response.status_code == 302
    bedragen = {
        fc.jaar: str(fc.bedrag) for fc in Beoordeling.objects.get().financiele_consequenties.all()
    }
    assert bedragen == {2025: "-12500.00", 2026: "2500.50", 2027: "-750.50", 2028: "100.00"}


def test_hidden_fields_of_another_proposal_are_ignored_by_the_server(wereld):
    client = client_for(wereld.teamlid)
    data = form_data(
        wereld,
        voorstel="doorzetten",
        coalitievorm="onzin",
        voorgestelde_gemeenten=["99999"],
        nieuwe_activiteit_naam="Wordt genegeerd",
    )
    response = client.post(urls(wereld)["beoordelen"], data)
    assert response.status_code == 302
    beoordeling = Beoordeling.objects.get()
    assert beoordeling.coalitievorm == "" and beoordeling.nieuwe_activiteit_naam == ""


def test_the_second_save_is_refused_and_shows_both_versions(wereld):
    jan = client_for(wereld.teamlid)
    fatima = client_for(wereld.collega)
    url = urls(wereld)["beoordelen"]
    assert jan.post(url, form_data(wereld)).status_code == 302

    # Both open the form at version 1.
    assert jan.get(url).context["form"].initial["versie"] == 1
    assert fatima.get(url).context["form"].initial["versie"] == 1

    fatima_data = form_data(wereld, versie="1", score_lokaal="2", onderbouwing="Fatima's tekst.")
    assert fatima.post(url, fatima_data).status_code == 302

    jan_data = form_data(wereld, versie="1", prioriteit="laag", onderbouwing="Jans tekst.")
    response = jan.post(url, jan_data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Niet opgeslagen: iemand anders was u voor" in html
    assert "Jans tekst." in html  # what he typed
    assert "Fatima El Amrani heeft hier intussen opgeslagen:" in html
    conflict = response.context["conflict"]
    assert conflict.gewijzigd == {"score_lokaal", "onderbouwing"}
    assert conflict.huidig["onderbouwing"] == "Fatima's tekst."
    stored = Beoordeling.objects.get()
    assert (stored.onderbouwing, stored.prioriteit, stored.versie) == ("Fatima's tekst.", "hoog", 2)
    # The re-rendered form counts against the version he has now seen: merging and saving works.
    assert response.context["form"]["versie"].value() == "2"
    merged = form_data(
        wereld, versie="2", score_lokaal="2", prioriteit="laag", onderbouwing="Samen."
    )
    assert jan.post(url, merged).status_code == 302
    stored.refresh_from_db()
    assert (stored.onderbouwing, stored.prioriteit, stored.score_lokaal) == ("Samen.", "laag", 2)
    assert [r.history_user for r in stored.history.order_by("history_date")] == [
        wereld.teamlid,
        wereld.collega,
        wereld.teamlid,
    ]


def test_two_people_starting_the_same_review_do_not_both_create_it(wereld):
    jan = client_for(wereld.teamlid)
    fatima = client_for(wereld.collega)
    url = urls(wereld)["beoordelen"]
    assert fatima.post(url, form_data(wereld, onderbouwing="Eerst.")).status_code == 302
    response = jan.post(url, form_data(wereld, onderbouwing="Later."))
    assert response.status_code == 409
    assert Beoordeling.objects.get().onderbouwing == "Eerst."


def test_submit_needs_confirmation_and_records_the_reason(wereld):
    client = client_for(wereld.teamlid)
    client.post(urls(wereld)["beoordelen"], form_data(wereld))
    response = client.get(urls(wereld)["indienen"])
    assert "Ja, indienen bij de ambtelijke regiekamer" in response.content.decode()
    assert Beoordeling.objects.get().status == BeoordelingStatus.CONCEPT
    response = client.post(urls(wereld)["indienen"], {"versie": "1"}, follow=True)
    assert "De beoordeling is ingediend bij de ambtelijke regiekamer." in response.content.decode()
    beoordeling = Beoordeling.objects.get()
    assert beoordeling.status == BeoordelingStatus.INGEDIEND
    assert beoordeling.history.first().history_change_reason == "Ingediend"


def test_an_incomplete_review_is_completed_not_submitted(wereld):
    """The confirmation lists what is missing, each linked to its field, and offers to complete
    the review instead of submitting it; a submit posted anyway is refused and changes nothing."""
    client = client_for(wereld.teamlid)
    client.post(
        urls(wereld)["beoordelen"],
        form_data(wereld, score_lokaal="", score_organisatie="", prioriteit=""),
    )
    response = client.get(urls(wereld)["indienen"])
    html = response.content.decode()
    assert "Ja, indienen" not in html
    assert f'href="{urls(wereld)["beoordelen"]}#id_score_lokaal"' in html
    assert "Geef een score van 1 tot en met 5 voor de bijdrage aan lokale doelen." in html
    assert f'href="{urls(wereld)["beoordelen"]}#id_prioriteit">Kies een prioriteit.' in html
    assert "Beoordeling aanvullen" in html
    assert [o.veld for o in response.context["ontbrekend"]] == [
        "score_lokaal",
        "score_organisatie",
        "prioriteit",
    ]
    # The fields the links point to exist on the form, with their errors named.
    form_html = client.get(urls(wereld)["beoordelen"]).content.decode()
    for veld in ("score_lokaal", "score_organisatie", "prioriteit"):
        assert f'id="id_{veld}"' in form_html

    response = client.post(urls(wereld)["indienen"], {"versie": "1"})
    assert response.status_code == 200
    assert "Beoordeling aanvullen" in response.content.decode()
    beoordeling = Beoordeling.objects.get()
    assert beoordeling.status == BeoordelingStatus.CONCEPT
    assert beoordeling.history.count() == 1


def test_history_tab_shows_who_when_why_and_what(wereld):
    client = client_for(wereld.teamlid)
    client.post(urls(wereld)["beoordelen"], form_data(wereld))
    client.post(
        urls(wereld)["beoordelen"],
        form_data(
            wereld,
            versie="1",
            voorstel="hergroeperen",
            coalitievorm="kleiner",
            voorgestelde_gemeenten=[str(wereld.gemeente("Dordrecht").pk)],
        ),
    )
    client.post(urls(wereld)["indienen"], {"versie": "2"})
    html = client.get(urls(wereld)["geschiedenis"]).content.decode()
    assert "Door Jan de Graaf op" in html
    assert "Ingediend" in html
    assert "Voorgestelde gemeenten" in html and "Dordrecht" in html
    assert "Hergroeperen in een andere coalitie" in html


# Overview, filters and exports


def test_overview_counts_filters_and_searches(wereld):
    BeoordelingFactory(activiteit=wereld.activiteit, ingediend=True)
    andere = ThemaFactory(naam="Wonen en werken")
    ActiviteitFactory(thema=andere, naam="Woondeal")
    client = client_for(wereld.regisseur)
    response = client.get(urls(wereld)["overzicht"])
    regels = {r.thema.naam: r for r in response.context["overzicht"].regels}
    assert regels["Economie en vestigingsklimaat"].aantallen == {"ingediend": 1}
    assert regels["Wonen en werken"].aantallen == {"geen": 1}

    gefilterd = client.get(urls(wereld)["overzicht"], {"status": "ingediend"}).context["overzicht"]
    assert [r.thema.naam for r in gefilterd.regels] == ["Economie en vestigingsklimaat"]
    gezocht = client.get(urls(wereld)["overzicht"], {"zoek": "woon"}).context["overzicht"]
    assert [r.thema.naam for r in gezocht.regels] == ["Wonen en werken"]
    per_gemeente = client.get(urls(wereld)["overzicht"], {"gemeente": "alblasserdam"})
    assert per_gemeente.context["overzicht"].regels == ()
    voorstel = client.get(urls(wereld)["overzicht"], {"voorstel": "doorzetten"}).context[
        "overzicht"
    ]
    assert [r.thema.naam for r in voorstel.regels] == ["Economie en vestigingsklimaat"]
    assert client.get(urls(wereld)["overzicht"], {"status": "onzin"}).status_code == 200


def test_exports_have_the_columns_of_the_page(wereld):
    BeoordelingFactory(activiteit=wereld.activiteit, ingediend=True)
    client = client_for(wereld.teamlid)
    kolommen = [
        "Thema",
        "Activiteiten",
        "Nog geen beoordeling",
        "Concept",
        "Ingediend",
        "Geadviseerd",
        "Aangenomen",
        "Verworpen",
        "Voortgang (%)",
    ]
    html = client.get(urls(wereld)["overzicht"]).content.decode()
    for kolom in kolommen[:-1]:
        assert f">{kolom}</th>" in html

    response = client.get(urls(wereld)["csv"])
    assert response["Content-Disposition"].startswith('attachment; filename="themas-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == kolommen
    assert rows[1] == ["Economie en vestigingsklimaat", "1", "0", "0", "1", "0", "0", "0", "100"]

    response = client.get(urls(wereld)["xlsx"])
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert list(values[0]) == kolommen
    assert list(values[1]) == ["Economie en vestigingsklimaat", 1, 0, 0, 1, 0, 0, 0, 100]


# Queries: the same number with few and with many activities


def _vul(wereld, aantal: int) -> None:
    partner = PartnerFactory()
    gemeenten = list(wereld.gemeenten.values())
    for i in range(aantal):
        activiteit = ActiviteitFactory(thema=wereld.thema, partners=[partner])
        for gemeente in gemeenten[: 2 + i % 5]:
            DeelnameFactory(activiteit=activiteit, gemeente=gemeente)
        if i % 2:
            BeoordelingFactory(activiteit=activiteit, ingediend=True)
    ThemaFactory()


QUERY_PAGINAS = ("overzicht", "thema", "activiteit", "geschiedenis", "beoordelen")


def test_query_count_does_not_grow_with_activities(wereld, django_assert_max_num_queries):
    """Each page, with the fixture's own activity: the same queries with 6 and with 101 activities.

    One world for all pages: building 101 activities is what this test spends its time on.
    """
    client = client_for(wereld.teamlid)
    adressen = urls(wereld)

    def tel() -> dict[str, int]:
        aantallen = {}
        for naam in QUERY_PAGINAS:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(adressen[naam]).status_code == 200, naam
            aantallen[naam] = len(ctx.captured_queries)
        return aantallen

    _vul(wereld, 5)
    weinig = tel()
    _vul(wereld, 95)
    assert tel() == weinig
    for naam in QUERY_PAGINAS:
        with django_assert_max_num_queries(weinig[naam]):
            client.get(adressen[naam])
