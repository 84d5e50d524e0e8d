"""The regiekamers' pages: who may open which, the forms' effects, exports and query counts."""

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
    AdviesFactory,
    BeoordelingFactory,
    BesluitFactory,
    DeelnameFactory,
    StemFactory,
    VerantwoordelijkheidFactory,
    besluit_met_stemmen,
)
from tests.regiewereld import BETROKKEN, Regiewereld, client_for, regiewereld_create
from thema.constants import BeoordelingStatus
from transitie.constants import BesluitUitkomst, StemKeuze
from transitie.regiekamer.models import Advies, Besluit, Stem

pytestmark = pytest.mark.django_db


# Built once for the module; each test its own copy (see build_once_per_module).
rk_van_de_module = build_once_per_module(regiewereld_create)


@pytest.fixture
def rk(rk_van_de_module, db) -> Regiewereld:
    return copy.deepcopy(rk_van_de_module)


ROLLEN = ("anoniem", "teamlid", "regisseur", "wethouder", "raadslid", "beheerder")


def _client(rk, rol) -> Client:
    return Client() if rol == "anoniem" else client_for(rk.gebruiker(rol))


def _voorbereid(rk):
    ingediend = BeoordelingFactory(activiteit=rk.activiteit, ingediend=True)
    andere = ActiviteitFactory(thema=rk.thema, naam="Havenloket", slug="havenloket")
    DeelnameFactory(activiteit=andere, gemeente=rk.gemeente("Dordrecht"))
    geadviseerd = BeoordelingFactory(activiteit=andere, geadviseerd=True)
    AdviesFactory(beoordeling=geadviseerd, gegeven_door=rk.regisseur)
    besluit = BesluitFactory()
    return ingediend, geadviseerd, besluit


LEZEN = {"anoniem": 302, **dict.fromkeys(ROLLEN[1:], 200)}
AMBTELIJK = {
    "anoniem": 302,
    "regisseur": 200,
    "beheerder": 200,
    **dict.fromkeys(("teamlid", "wethouder", "raadslid"), 403),
}
STEMVIEW = {**AMBTELIJK, "wethouder": 200}

# (name, method) -> expected status per role
MATRIX = {
    ("overzicht", "get"): LEZEN,
    ("wachtrij", "get"): AMBTELIJK,
    ("advies", "get"): AMBTELIJK,
    # The beheerder reads the queue but advises only with a current membership: said at the form.
    ("advies", "post"): {**AMBTELIJK, "regisseur": 302, "beheerder": 200},
    ("stemmen", "get"): STEMVIEW,
    ("stem", "post"): {
        "anoniem": 302,
        "wethouder": 302,
        **dict.fromkeys(("teamlid", "regisseur", "raadslid"), 403),
        "beheerder": 403,
    },
    ("besluiten", "get"): LEZEN,
    ("csv", "get"): LEZEN,
    ("xlsx", "get"): LEZEN,
    ("besluit", "get"): LEZEN,
}


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize(("naam", "methode"), list(MATRIX))
def test_permission_matrix(rk, rol, naam, methode):
    ingediend, geadviseerd, besluit = _voorbereid(rk)
    urls = {
        "overzicht": reverse("regiekamer:overzicht"),
        "wachtrij": reverse("regiekamer:wachtrij"),
        "advies": reverse("regiekamer:advies", kwargs={"pk": ingediend.pk}),
        "stemmen": reverse("regiekamer:stemmen"),
        "stem": reverse("regiekamer:stem", kwargs={"pk": geadviseerd.pk}),
        "besluiten": reverse("besluiten:lijst"),
        "csv": reverse("besluiten:export_csv"),
        "xlsx": reverse("besluiten:export_xlsx"),
        "besluit": reverse("besluiten:detail", kwargs={"pk": besluit.pk}),
    }
    client = _client(rk, rol)
    if methode == "get":
        response = client.get(urls[naam])
    elif naam == "advies":
        response = client.post(
            urls[naam],
            {"oordeel": "positief", "toelichting": "Goed.", "vervolg": "agenderen"},
        )
    else:
        response = client.post(urls[naam], {"keuze": "instemmen"})
    assert response.status_code == MATRIX[(naam, methode)][rol]
    if rol == "anoniem":
        assert response["Location"].startswith("/inloggen/")
    assert Advies.objects.filter(beoordeling=ingediend).exists() == (
        naam == "advies" and methode == "post" and rol == "regisseur"
    )
    assert Stem.objects.filter(beoordeling=geadviseerd).exists() == (
        naam == "stem" and rol == "wethouder"
    )


def test_overview_warns_for_a_municipality_without_a_member(rk):
    lid = rk.bestuurlijk.leden.get(gemeente=rk.gemeente("Sliedrecht"))
    lid.tot = lid.van
    lid.save()
    VerantwoordelijkheidFactory(
        omschrijving="Voorzitten van het regionaal overleg", houder=lid, regiekamer=rk.bestuurlijk
    )
    response = client_for(rk.raadslid).get(reverse("regiekamer:overzicht"))
    html = response.content.decode()
    assert "Niet volledig vertegenwoordigd" in html
    assert "Geen huidig lid voor: Sliedrecht" in html
    assert "Voorzitten van het regionaal overleg" in html
    # The ambtelijke regiekamer has only Dordrecht's regisseur.
    assert "Alblasserdam, Hardinxveld-Giessendam" in html


def test_advice_form_sends_back_with_reason_at_the_field(rk):
    beoordeling = BeoordelingFactory(activiteit=rk.activiteit, ingediend=True)
    url = reverse("regiekamer:advies", kwargs={"pk": beoordeling.pk})
    client = client_for(rk.regisseur)
    data = {"oordeel": "negatief", "toelichting": "Te mager.", "vervolg": "terugverwijzen"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Geef de reden van terugverwijzing." in response.content.decode()
    response = client.post(url, {**data, "reden_terugverwijzing": "Regionale doelen ontbreken."})
    assert response.status_code == 302
    beoordeling.refresh_from_db()
    assert beoordeling.status == BeoordelingStatus.CONCEPT


def test_voting_through_the_page_and_changing_the_vote(rk):
    beoordeling = BeoordelingFactory(activiteit=rk.activiteit, geadviseerd=True)
    url = reverse("regiekamer:stem", kwargs={"pk": beoordeling.pk})
    client_for(rk.wethouder("Dordrecht")).post(url, {"keuze": "onthouden"})
    client_for(rk.wethouder("Dordrecht")).post(url, {"keuze": "instemmen", "toelichting": "Ok"})
    assert Stem.objects.get().keuze == StemKeuze.INSTEMMEN
    client_for(rk.wethouder("Papendrecht")).post(url, {"keuze": "instemmen"})
    response = client_for(rk.wethouder("Zwijndrecht")).post(url, {"keuze": "instemmen"})
    besluit = Besluit.objects.get()
    assert response["Location"] == reverse("besluiten:detail", kwargs={"pk": besluit.pk})
    assert besluit.uitkomst == BesluitUitkomst.AANGENOMEN
    # After the decision the vote page no longer offers it, and a late vote changes nothing.
    response = client_for(rk.wethouder("Dordrecht")).post(url, {"keuze": "tegen"})
    assert response.status_code == 302
    assert Stem.objects.get(gemeente=rk.gemeente("Dordrecht")).keuze == StemKeuze.INSTEMMEN


def test_vote_page_in_pages_of_ten_and_a_vote_returns_to_its_page(rk):
    voorstellen = []
    for n in range(12):
        activiteit = ActiviteitFactory(thema=rk.thema, naam=f"Voorstel nummer {n:02d}")
        for naam in ("Dordrecht", "Papendrecht"):
            DeelnameFactory(activiteit=activiteit, gemeente=rk.gemeente(naam))
        voorstellen.append(BeoordelingFactory(activiteit=activiteit, geadviseerd=True))
    client = client_for(rk.wethouder("Dordrecht"))
    eerste = client.get(reverse("regiekamer:stemmen")).content.decode()
    tweede = client.get(reverse("regiekamer:stemmen"), {"pagina": 2}).content.decode()
    assert "Voorstel nummer 09" in eerste
    assert "Voorstel nummer 10" not in eerste
    assert "Voorstel 1 tot en met 10 van 12" in eerste
    assert "Voorstel nummer 10" in tweede
    assert "Voorstel nummer 00" not in tweede
    # Each proposal keeps its review, advice, municipalities and vote grid.
    assert tweede.count('<th scope="row">Alblasserdam</th>') == 2
    # A vote from page 2 returns there (Papendrecht has not voted yet, so nothing is decided).
    url = reverse("regiekamer:stem", kwargs={"pk": voorstellen[11].pk})
    response = client.post(url, {"keuze": "instemmen", "pagina": "2"})
    assert response["Location"] == f"{reverse('regiekamer:stemmen')}?pagina=2"
    assert Stem.objects.get().beoordeling == voorstellen[11]
    assert (
        f'value="instemmen" id="keuze-{voorstellen[11].pk}-instemmen" required checked'
        in client.get(reverse("regiekamer:stemmen"), {"pagina": 2}).content.decode()
    )


def test_besluitenlijst_filters_and_exports(rk):
    aangenomen = besluit_met_stemmen({rk.gemeente("Dordrecht"): StemKeuze.INSTEMMEN})
    verworpen = besluit_met_stemmen({rk.gemeente("Sliedrecht"): StemKeuze.TEGEN}, verworpen=True)
    client = client_for(rk.raadslid)
    lijst = reverse("besluiten:lijst")
    html = client.get(lijst, {"uitkomst": "verworpen"}).content.decode()
    assert verworpen.beoordeling.activiteit.naam in html
    assert aangenomen.beoordeling.activiteit.naam not in html
    html = client.get(lijst, {"gemeente": "dordrecht"}).content.decode()
    assert aangenomen.beoordeling.activiteit.naam in html
    assert verworpen.beoordeling.activiteit.naam not in html
    thema = verworpen.beoordeling.activiteit.thema
    html = client.get(lijst, {"thema": thema.slug}).content.decode()
    assert verworpen.beoordeling.activiteit.naam in html
    assert aangenomen.beoordeling.activiteit.naam not in html

    response = client.get(reverse("besluiten:export_csv"), {"uitkomst": "verworpen"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Besloten op"
    assert len(rows) == 2
    assert rows[1][5] == "Verworpen"
    assert rows[1][6] == "Sliedrecht: Tegen"
    response = client.get(reverse("besluiten:export_xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 3


def _proposals(rk, aantal: int) -> None:
    for n in range(aantal):
        activiteit = ActiviteitFactory(thema=rk.thema)
        for naam in ("Dordrecht", "Papendrecht"):
            DeelnameFactory(activiteit=activiteit, gemeente=rk.gemeente(naam))
        BeoordelingFactory(activiteit=activiteit, ingediend=True)
        activiteit2 = ActiviteitFactory(thema=rk.thema)
        DeelnameFactory(activiteit=activiteit2, gemeente=rk.gemeente("Dordrecht"))
        geadviseerd = BeoordelingFactory(activiteit=activiteit2, geadviseerd=True)
        AdviesFactory(beoordeling=geadviseerd, gegeven_door=rk.regisseur)
        StemFactory(beoordeling=geadviseerd, gemeente=rk.gemeente("Alblasserdam"))
        stemmen = {rk.gemeente("Dordrecht"): StemKeuze.INSTEMMEN}
        if n % 2:
            stemmen[rk.gemeente("Sliedrecht")] = StemKeuze.INSTEMMEN
        besluit_met_stemmen(stemmen)


# (URL name, the role that reads it)
QUERY_PAGINAS = (
    ("regiekamer:wachtrij", "regisseur"),
    ("regiekamer:stemmen", "wethouder"),
    ("besluiten:lijst", "raadslid"),
    ("besluiten:export_csv", "raadslid"),
    ("regiekamer:overzicht", "raadslid"),
)


def test_query_count_does_not_grow_with_the_proposals(rk, django_assert_max_num_queries):
    """Each page runs the same queries with 5 and with 100 proposals of each kind.

    One world for all pages: building 100 proposals is what this test spends its time on.
    """
    clients = {rol: client_for(rk.gebruiker(rol)) for _, rol in QUERY_PAGINAS}

    def tel() -> dict[str, int]:
        aantallen = {}
        for url, rol in QUERY_PAGINAS:
            with CaptureQueriesContext(connection) as ctx:
                assert clients[rol].get(reverse(url)).status_code == 200, url
            aantallen[url] = len(ctx.captured_queries)
        return aantallen

    _proposals(rk, 5)
    weinig = tel()
    _proposals(rk, 95)
    assert tel() == weinig
    for url, rol in QUERY_PAGINAS:
        with django_assert_max_num_queries(weinig[url]):
            assert clients[rol].get(reverse(url)).status_code == 200


def test_an_alderman_not_involved_sees_the_grid_read_only_and_his_vote_is_refused(rk):
    beoordeling = BeoordelingFactory(activiteit=rk.activiteit, geadviseerd=True)
    sliedrecht = client_for(rk.wethouder("Sliedrecht"))
    html = sliedrecht.get(reverse("regiekamer:stemmen")).content.decode()
    assert f'action="{reverse("regiekamer:stem", kwargs={"pk": beoordeling.pk})}"' not in html
    assert "Sliedrecht is niet betrokken bij dit voorstel en stemt er niet over." in html
    assert html.count("niet betrokken</td>") == 4  # the seven less the three taking part
    # An involved alderman gets the form.
    dordrecht = client_for(rk.wethouder("Dordrecht")).get(reverse("regiekamer:stemmen"))
    assert "Stem van Dordrecht over Skills-paspoort" in dordrecht.content.decode()

    response = sliedrecht.post(
        reverse("regiekamer:stem", kwargs={"pk": beoordeling.pk}), {"keuze": "tegen"}
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "Sliedrecht is niet betrokken bij dit voorstel" in html
    assert "Uw stem is vastgelegd" not in html
    assert not Stem.objects.exists()
    assert not Stem.history.exists()


def test_the_decision_page_names_the_involved_municipalities_and_their_votes(rk):
    beoordeling = BeoordelingFactory(activiteit=rk.activiteit, geadviseerd=True)
    url = reverse("regiekamer:stem", kwargs={"pk": beoordeling.pk})
    for naam in BETROKKEN:
        response = client_for(rk.wethouder(naam)).post(url, {"keuze": "instemmen"})
    html = client_for(rk.raadslid).get(response["Location"]).content.decode()
    assert "Betrokken gemeenten: Dordrecht, Papendrecht, Zwijndrecht." in html
    assert '<th scope="row">Papendrecht</th><td>Instemmen</td>' in html
    assert '<th scope="row">Alblasserdam</th>' not in html


def test_besluiten_exports_write_a_formula_like_name_as_text(rk):
    """A name typed as a spreadsheet formula is a text cell in both exports, never a formula."""
    activiteit = ActiviteitFactory(thema=rk.thema, naam='=HYPERLINK("https://x.invalid")')
    BesluitFactory(beoordeling__activiteit=activiteit)
    client = client_for(rk.raadslid)

    csv_tekst = client.get(reverse("besluiten:export_csv")).content.decode("utf-8-sig")
    cellen = [c for rij in csv.reader(io.StringIO(csv_tekst), delimiter=";") for c in rij]
    assert '\'=HYPERLINK("https://x.invalid")' in cellen
    assert not any(c.startswith("=") for c in cellen)

    response = client.get(reverse("besluiten:export_xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cellen = [c for rij in sheet.iter_rows(min_row=2) for c in rij if "HYPERLINK" in str(c.value)]
    assert cellen and all(c.data_type == "s" for c in cellen)


def test_a_vote_after_the_decision_says_it_is_no_longer_needed(rk):
    besluit = BesluitFactory(beoordeling__activiteit=rk.activiteit)
    client = client_for(rk.wethouder("Dordrecht"))
    url = reverse("regiekamer:stem", kwargs={"pk": besluit.beoordeling.pk})
    response = client.post(url, {"keuze": "instemmen"}, follow=True)
    assert "Over dit voorstel is al besloten; uw stem is niet meer nodig." in (
        response.content.decode()
    )
    assert not Stem.objects.filter(beoordeling=besluit.beoordeling).exists()


@pytest.mark.parametrize("vervolg", ["agenderen", "terugverwijzen"])
def test_advising_twice_says_so_and_shows_where_the_advice_is(rk, vervolg):
    beoordeling = BeoordelingFactory(activiteit=rk.activiteit, ingediend=True)
    url = reverse("regiekamer:advies", kwargs={"pk": beoordeling.pk})
    client = client_for(rk.regisseur)
    data = {
        "oordeel": "positief",
        "toelichting": "Goed onderbouwd.",
        "vervolg": vervolg,
        "reden_terugverwijzing": "Regionale doelen ontbreken.",
    }
    assert client.post(url, data).status_code == 302
    # The same form sent again (a second tab, the back button) and the page opened again.
    for response in (client.post(url, data, follow=True), client.get(url, follow=True)):
        assert response.status_code == 200
        assert response.redirect_chain[0][1] == 302
        html = response.content.decode()
        assert f"{rk.activiteit.naam} heeft al advies gekregen" in html
    waar = "regiekamer:stemmen" if vervolg == "agenderen" else "regiekamer:wachtrij"
    assert response.redirect_chain[0][0] == reverse(waar)
    assert Advies.objects.filter(beoordeling=beoordeling).count() == 1


def test_advising_a_decided_review_goes_to_the_decision(rk):
    voorstel = BeoordelingFactory(activiteit=rk.activiteit, geadviseerd=True)
    AdviesFactory(beoordeling=voorstel, gegeven_door=rk.regisseur)
    voorstel.status = BeoordelingStatus.VASTGESTELD
    voorstel.save()
    besluit = BesluitFactory(beoordeling=voorstel)
    url = reverse("regiekamer:advies", kwargs={"pk": voorstel.pk})
    response = client_for(rk.regisseur).get(url)
    assert response["Location"] == reverse("besluiten:detail", kwargs={"pk": besluit.pk})


def test_advising_a_review_without_advice_that_waits_for_none_is_still_a_404(rk):
    concept = BeoordelingFactory(activiteit=rk.activiteit)
    url = reverse("regiekamer:advies", kwargs={"pk": concept.pk})
    assert client_for(rk.regisseur).get(url).status_code == 404
    # Another role learns nothing about advice given.
    assert client_for(rk.teamlid).get(url).status_code == 403
