"""The theme pages: who gets which status, validation at the field, lost updates, exports."""

import copy
import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import build_once_per_module
from tests.factories import (
    ActiviteitFactory,
    BeoordelingFactory,
    DeelnameFactory,
    PartnerFactory,
    ThemaFactory,
)
from tests.regiewereld import Regiewereld, client_for, regiewereld_create
from thema.constants import BeoordelingStatus
from thema.models import Beoordeling

pytestmark = pytest.mark.django_db


# Built once for the module; each test its own copy (see build_once_per_module).
rk_van_de_module = build_once_per_module(regiewereld_create)


@pytest.fixture
def rk(rk_van_de_module, db) -> Regiewereld:
    return copy.deepcopy(rk_van_de_module)


def urls(rk) -> dict[str, str]:
    kwargs = {"slug": rk.thema.slug, "activiteit": rk.activiteit.slug}
    return {
        "overzicht": reverse("thema:overzicht"),
        "csv": reverse("thema:export_csv"),
        "xlsx": reverse("thema:export_xlsx"),
        "thema": reverse("thema:detail", kwargs={"slug": rk.thema.slug}),
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


def form_data(**overrides) -> dict:
    """A valid DOORZETTEN review as the browser posts it; override fields per test."""
    data = {
        "versie": "",
        "score_lokaal": "4",
        "score_regionaal": "3",
        "score_organisatie": "4",
        "prioriteit": "hoog",
        "onderbouwing": "Draagt bij aan de regionale arbeidsmarkt.",
        "voorstel": "doorzetten",
        "coalitievorm": "",
        "nieuwe_activiteit_naam": "",
        "nieuwe_activiteit_beschrijving": "",
        "bedrag_2025": "",
        "bedrag_2026": "",
        "bedrag_2027": "",
        "bedrag_2028": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _client(rk, rol: str) -> Client:
    return Client() if rol == "anoniem" else client_for(rk.gebruiker(rol))


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize(("naam", "methode"), list(MATRIX))
def test_permission_matrix(rk, rol, naam, methode):
    beoordeling = BeoordelingFactory(activiteit=rk.activiteit, compleet=True, ingediend_op=None)
    client = _client(rk, rol)
    url = urls(rk)[naam]
    if methode == "get":
        response = client.get(url)
    elif naam == "beoordelen":
        response = client.post(url, form_data(versie=str(beoordeling.versie)))
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


def test_a_submitted_review_is_read_only_for_the_team(rk):
    BeoordelingFactory(activiteit=rk.activiteit, ingediend=True)
    client = client_for(rk.teamlid)
    response = client.get(urls(rk)["beoordelen"])
    assert response.status_code == 302
    response = client.get(urls(rk)["activiteit"])
    assert "Beoordeling bewerken" not in response.content.decode()
    assert "Alleen-lezen" in response.content.decode()


def test_a_raadslid_does_not_see_the_concept_on_any_page(rk):
    BeoordelingFactory(
        activiteit=rk.activiteit, compleet=True, onderbouwing="Geheime concepttekst."
    )
    client = client_for(rk.raadslid)
    for naam in ("overzicht", "thema", "activiteit", "geschiedenis", "csv"):
        body = client.get(urls(rk)[naam]).content.decode("utf-8-sig")
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
            "voorgestelde_gemeenten": ["Dordrecht", "Papendrecht", "Zwijndrecht"],
            "voorgestelde_partners": ["Hogeschool Rotterdam"],
        },
        "voorgestelde_gemeenten",
        "Een kleinere coalitie heeft minder deelnemers dan nu: nu 4, voorgesteld 4.",
    ),
    (
        {
            "voorstel": "hergroeperen",
            "coalitievorm": "groter",
            "voorgestelde_gemeenten": ["Dordrecht", "Zwijndrecht"],
        },
        "voorgestelde_gemeenten",
        "Een grotere coalitie heeft meer deelnemers dan nu: nu 4, voorgesteld 2.",
    ),
    (
        {
            "voorstel": "hergroeperen",
            "coalitievorm": "andersoortig",
            "voorgestelde_gemeenten": ["Dordrecht", "Papendrecht", "Zwijndrecht"],
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


def _ids(rk, data: dict) -> dict:
    """Names in the table -> the ids the browser posts (unknown ids stay as they are)."""
    data = dict(data)
    partners = {
        rk.partner.naam: rk.partner,
        rk.andere_partner.naam: rk.andere_partner,
    }
    if "voorgestelde_gemeenten" in data:
        data["voorgestelde_gemeenten"] = [
            str(rk.gemeenten[n].pk) if n in rk.gemeenten else n
            for n in data["voorgestelde_gemeenten"]
        ]
    if "voorgestelde_partners" in data:
        data["voorgestelde_partners"] = [str(partners[n].pk) for n in data["voorgestelde_partners"]]
    return data


@pytest.mark.parametrize(("invoer", "veld", "bericht"), BAD_INPUTS)
def test_bad_input_gets_its_message_at_the_field(rk, invoer, veld, bericht):
    client = client_for(rk.teamlid)
    data = form_data(**{"onderbouwing": "Mijn zorgvuldige onderbouwing.", **_ids(rk, invoer)})
    response = client.post(urls(rk)["beoordelen"], data)

    assert response.status_code == 200
    form = response.context["form"]
    assert any(bericht in fout for fout in form.errors[veld]), form.errors
    html = response.content.decode()
    assert f'id="id_{veld}_error"' in html
    if veld != "onderbouwing":
        assert "Mijn zorgvuldige onderbouwing." in html  # nothing the user typed is lost
    assert not Beoordeling.objects.exists()


def test_stoppen_of_an_activity_without_participants_is_meaningless(rk):
    leeg = ActiviteitFactory(thema=rk.thema, naam="Leeg", slug="leeg")
    client = client_for(rk.teamlid)
    url = reverse("thema:beoordelen", kwargs={"slug": rk.thema.slug, "activiteit": "leeg"})
    response = client.post(url, form_data(voorstel="stoppen"))
    assert response.status_code == 200
    assert "stoppen heeft dan geen betekenis" in " ".join(
        response.context["form"].errors["voorstel"]
    )
    assert not leeg.beoordelingen.exists()


def test_dutch_amounts_are_understood(rk):
    client = client_for(rk.teamlid)
    data = form_data(
        bedrag_2025="-12.500",
        bedrag_2026="€ 2.500,50",
        bedrag_2027="-750,5",
        bedrag_2028="100",
    )
    response = client.post(urls(rk)["beoordelen"], data)
    assert response.status_code == 302
    bedragen = {
        fc.jaar: str(fc.bedrag) for fc in Beoordeling.objects.get().financiele_consequenties.all()
    }
    assert bedragen == {2025: "-12500.00", 2026: "2500.50", 2027: "-750.50", 2028: "100.00"}


def test_hidden_fields_of_another_proposal_are_ignored_by_the_server(rk):
    client = client_for(rk.teamlid)
    data = form_data(
        voorstel="doorzetten",
        coalitievorm="onzin",
        voorgestelde_gemeenten=["99999"],
        nieuwe_activiteit_naam="Wordt genegeerd",
    )
    response = client.post(urls(rk)["beoordelen"], data)
    assert response.status_code == 302
    beoordeling = Beoordeling.objects.get()
    assert beoordeling.coalitievorm == "" and beoordeling.nieuwe_activiteit_naam == ""


def test_the_second_save_is_refused_and_shows_both_versions(rk):
    jan = client_for(rk.teamlid)
    fatima = client_for(rk.collega)
    url = urls(rk)["beoordelen"]
    assert jan.post(url, form_data()).status_code == 302

    # Both open the form at version 1.
    assert jan.get(url).context["form"].initial["versie"] == 1
    assert fatima.get(url).context["form"].initial["versie"] == 1

    fatima_data = form_data(versie="1", score_lokaal="2", onderbouwing="Fatima's tekst.")
    assert fatima.post(url, fatima_data).status_code == 302

    jan_data = form_data(versie="1", prioriteit="laag", onderbouwing="Jans tekst.")
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
    merged = form_data(versie="2", score_lokaal="2", prioriteit="laag", onderbouwing="Samen.")
    assert jan.post(url, merged).status_code == 302
    stored.refresh_from_db()
    assert (stored.onderbouwing, stored.prioriteit, stored.score_lokaal) == ("Samen.", "laag", 2)
    assert [r.history_user for r in stored.history.order_by("history_date")] == [
        rk.teamlid,
        rk.collega,
        rk.teamlid,
    ]


def test_two_people_starting_the_same_review_do_not_both_create_it(rk):
    jan = client_for(rk.teamlid)
    fatima = client_for(rk.collega)
    url = urls(rk)["beoordelen"]
    assert fatima.post(url, form_data(onderbouwing="Eerst.")).status_code == 302
    response = jan.post(url, form_data(onderbouwing="Later."))
    assert response.status_code == 409
    assert Beoordeling.objects.get().onderbouwing == "Eerst."


def test_submit_needs_confirmation_and_records_the_reason(rk):
    client = client_for(rk.teamlid)
    client.post(urls(rk)["beoordelen"], form_data())
    response = client.get(urls(rk)["indienen"])
    assert "Ja, indienen bij de ambtelijke regiekamer" in response.content.decode()
    assert Beoordeling.objects.get().status == BeoordelingStatus.CONCEPT
    response = client.post(urls(rk)["indienen"], {"versie": "1"}, follow=True)
    assert "De beoordeling is ingediend bij de ambtelijke regiekamer." in response.content.decode()
    beoordeling = Beoordeling.objects.get()
    assert beoordeling.status == BeoordelingStatus.INGEDIEND
    assert beoordeling.history.first().history_change_reason == "Ingediend"


def test_an_incomplete_review_is_completed_not_submitted(rk):
    """The confirmation lists what is missing, each linked to its field, and offers to complete
    the review instead of submitting it; a submit posted anyway is refused and changes nothing."""
    client = client_for(rk.teamlid)
    client.post(
        urls(rk)["beoordelen"],
        form_data(score_lokaal="", score_organisatie="", prioriteit=""),
    )
    response = client.get(urls(rk)["indienen"])
    html = response.content.decode()
    assert "Ja, indienen" not in html
    assert f'href="{urls(rk)["beoordelen"]}#id_score_lokaal"' in html
    assert "Geef een score van 1 tot en met 5 voor de bijdrage aan lokale doelen." in html
    assert f'href="{urls(rk)["beoordelen"]}#id_prioriteit">Kies een prioriteit.' in html
    assert "Beoordeling aanvullen" in html
    assert [o.veld for o in response.context["ontbrekend"]] == [
        "score_lokaal",
        "score_organisatie",
        "prioriteit",
    ]
    # The fields the links point to exist on the form, with their errors named.
    form_html = client.get(urls(rk)["beoordelen"]).content.decode()
    for veld in ("score_lokaal", "score_organisatie", "prioriteit"):
        assert f'id="id_{veld}"' in form_html

    response = client.post(urls(rk)["indienen"], {"versie": "1"})
    assert response.status_code == 200
    assert "Beoordeling aanvullen" in response.content.decode()
    beoordeling = Beoordeling.objects.get()
    assert beoordeling.status == BeoordelingStatus.CONCEPT
    assert beoordeling.history.count() == 1


def test_history_tab_shows_who_when_why_and_what(rk):
    client = client_for(rk.teamlid)
    client.post(urls(rk)["beoordelen"], form_data())
    client.post(
        urls(rk)["beoordelen"],
        form_data(
            versie="1",
            voorstel="hergroeperen",
            coalitievorm="kleiner",
            voorgestelde_gemeenten=[str(rk.gemeente("Dordrecht").pk)],
        ),
    )
    client.post(urls(rk)["indienen"], {"versie": "2"})
    html = client.get(urls(rk)["geschiedenis"]).content.decode()
    assert "Door Jan de Graaf op" in html
    assert "Ingediend" in html
    assert "Voorgestelde gemeenten" in html and "Dordrecht" in html
    assert "Hergroeperen in een andere coalitie" in html


# Overview, filters and exports


def test_overview_counts_filters_and_searches(rk):
    BeoordelingFactory(activiteit=rk.activiteit, ingediend=True)
    andere = ThemaFactory(naam="Wonen en werken")
    ActiviteitFactory(thema=andere, naam="Woondeal")
    client = client_for(rk.regisseur)
    response = client.get(urls(rk)["overzicht"])
    regels = {r.thema.naam: r for r in response.context["overzicht"].regels}
    assert regels["Economie en vestigingsklimaat"].aantallen == {"ingediend": 1}
    assert regels["Wonen en werken"].aantallen == {"geen": 1}

    gefilterd = client.get(urls(rk)["overzicht"], {"status": "ingediend"}).context["overzicht"]
    assert [r.thema.naam for r in gefilterd.regels] == ["Economie en vestigingsklimaat"]
    gezocht = client.get(urls(rk)["overzicht"], {"zoek": "woon"}).context["overzicht"]
    assert [r.thema.naam for r in gezocht.regels] == ["Wonen en werken"]
    per_gemeente = client.get(urls(rk)["overzicht"], {"gemeente": "alblasserdam"})
    assert per_gemeente.context["overzicht"].regels == ()
    voorstel = client.get(urls(rk)["overzicht"], {"voorstel": "doorzetten"}).context["overzicht"]
    assert [r.thema.naam for r in voorstel.regels] == ["Economie en vestigingsklimaat"]
    assert client.get(urls(rk)["overzicht"], {"status": "onzin"}).status_code == 200


def test_exports_have_the_columns_of_the_page(rk):
    BeoordelingFactory(activiteit=rk.activiteit, ingediend=True)
    client = client_for(rk.teamlid)
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
    html = client.get(urls(rk)["overzicht"]).content.decode()
    for kolom in kolommen[:-1]:
        assert f">{kolom}</th>" in html

    response = client.get(urls(rk)["csv"])
    assert response["Content-Disposition"].startswith('attachment; filename="themas-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == kolommen
    assert rows[1] == ["Economie en vestigingsklimaat", "1", "0", "0", "1", "0", "0", "0", "100"]

    response = client.get(urls(rk)["xlsx"])
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert list(values[0]) == kolommen
    assert list(values[1]) == ["Economie en vestigingsklimaat", 1, 0, 0, 1, 0, 0, 0, 100]


# Queries: the same number with few and with many activities


def _vul(rk, aantal: int) -> None:
    partner = PartnerFactory()
    gemeenten = list(rk.gemeenten.values())
    for i in range(aantal):
        activiteit = ActiviteitFactory(thema=rk.thema, partners=[partner])
        for gemeente in gemeenten[: 2 + i % 5]:
            DeelnameFactory(activiteit=activiteit, gemeente=gemeente)
        if i % 2:
            BeoordelingFactory(activiteit=activiteit, ingediend=True)
    ThemaFactory()


QUERY_PAGINAS = ("overzicht", "thema", "activiteit", "geschiedenis", "beoordelen")


def test_query_count_does_not_grow_with_activities(rk, django_assert_max_num_queries):
    """Each page, with the fixture's own activity: the same queries with 6 and with 101 activities.

    One world for all pages: building 101 activities is what this test spends its time on.
    """
    client = client_for(rk.teamlid)
    adressen = urls(rk)

    def tel() -> dict[str, int]:
        aantallen = {}
        for naam in QUERY_PAGINAS:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(adressen[naam]).status_code == 200, naam
            aantallen[naam] = len(ctx.captured_queries)
        return aantallen

    _vul(rk, 5)
    weinig = tel()
    _vul(rk, 95)
    assert tel() == weinig
    for naam in QUERY_PAGINAS:
        with django_assert_max_num_queries(weinig[naam]):
            client.get(adressen[naam])
