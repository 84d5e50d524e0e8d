"""The plan and finance pages: who may see them, what they show, the SVG, constant query counts."""

import datetime
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    AanbevelingFactory,
    BegrotingFactory,
    BegrotingspostFactory,
    BijdrageFactory,
    MijlpaalFactory,
    TransitieplanFactory,
    UserFactory,
)
from transitie.constants import BijdrageStatus, Inzicht, MijlpaalStatus
from transitie.financien.models import Begrotingspost, Bijdrage
from transitie.plan.models import Mijlpaal
from transitie.plan.selectors import plan_overview
from transitie.plan.tijdlijn import tijdlijn_svg

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
ROLLEN = ("anoniem", "ambtenaar", "regisseur", "wethouder", "raadslid", "beheerder")
LEZEN = {"anoniem": 302, "raadslid": 403, **dict.fromkeys(ROLLEN[1:4] + ("beheerder",), 200)}
AFTEKENEN = {
    "anoniem": 302,
    "ambtenaar": 403,
    "regisseur": 403,
    "wethouder": 200,
    "raadslid": 403,
    "beheerder": 200,
}
# The ambtelijke regiekamer keeps the milestones, budget lines and contributions; the beheerder too.
BIJHOUDEN = {**AFTEKENEN, "regisseur": 200, "wethouder": 403}


def _client(rol: str) -> Client:
    client = Client()
    if rol != "anoniem":
        client.force_login(UserFactory(**{rol: True}))
    return client


@pytest.fixture
def wereld(drechtsteden):
    plan = TransitieplanFactory()
    aanbeveling = AanbevelingFactory(transitieplan=plan, inzicht=Inzicht.NETWERKREGIE)
    mijlpaal = MijlpaalFactory(aanbeveling=aanbeveling, titel="Regiekamers ingesteld")
    begroting = BegrotingFactory(jaar=timezone.localdate().year)
    post = BegrotingspostFactory(begroting=begroting, tekort=True)
    bijdrage = BijdrageFactory(begroting=begroting, omliggend=True)
    jaar = {"jaar": begroting.jaar}
    return {
        "plan": reverse("plan:overzicht"),
        "aftekenen": reverse("plan:mijlpaal_aftekenen", kwargs={"pk": mijlpaal.pk}),
        "mijlpaal_nieuw": reverse("plan:mijlpaal_nieuw"),
        "mijlpaal_bewerken": reverse("plan:mijlpaal_bewerken", kwargs={"pk": mijlpaal.pk}),
        "financien": reverse("financien:overzicht"),
        "gemeente": reverse("financien:gemeente", kwargs={"slug": drechtsteden[1].slug}),
        "post_nieuw": reverse("financien:post_nieuw", kwargs=jaar),
        "post_bewerken": reverse("financien:post_bewerken", kwargs={"pk": post.pk}),
        "bijdrage_nieuw": reverse("financien:bijdrage_nieuw", kwargs=jaar),
        "bijdrage_bewerken": reverse("financien:bijdrage_bewerken", kwargs={"pk": bijdrage.pk}),
        "objecten": {
            "aanbeveling": aanbeveling,
            "mijlpaal": mijlpaal,
            "begroting": begroting,
            "post": post,
            "bijdrage": bijdrage,
        },
    }


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize(
    ("url", "verwacht"),
    [
        ("plan", LEZEN),
        ("financien", LEZEN),
        ("gemeente", LEZEN),
        ("aftekenen", AFTEKENEN),
        ("mijlpaal_nieuw", BIJHOUDEN),
        ("mijlpaal_bewerken", BIJHOUDEN),
        ("post_nieuw", BIJHOUDEN),
        ("post_bewerken", BIJHOUDEN),
        ("bijdrage_nieuw", BIJHOUDEN),
        ("bijdrage_bewerken", BIJHOUDEN),
    ],
)
def test_permission_per_role(wereld, rol, url, verwacht):
    assert _client(rol).get(wereld[url]).status_code == verwacht[rol]


@pytest.mark.parametrize("rol", ROLLEN)
def test_only_the_bestuurlijke_regiekamer_posts_a_sign_off(wereld, rol):
    antwoord = _client(rol).post(
        wereld["aftekenen"], {"gereed_op": "2025-06-01", "reden": "Afgetekend"}
    )
    assert antwoord.status_code == {**AFTEKENEN, "wethouder": 302, "beheerder": 302}[rol]


def test_sign_off_page_refuses_an_open_dependency_at_the_form(wereld):
    voorwaarde = MijlpaalFactory(titel="Overeenkomst herzien")
    mijlpaal = MijlpaalFactory(afhankelijk_van=[voorwaarde])
    antwoord = _client("wethouder").post(
        reverse("plan:mijlpaal_aftekenen", kwargs={"pk": mijlpaal.pk}),
        {"gereed_op": "2025-06-01", "reden": "Klaar"},
    )
    assert antwoord.status_code == 200
    assert "Overeenkomst herzien" in antwoord.content.decode()
    mijlpaal.refresh_from_db()
    assert mijlpaal.status == MijlpaalStatus.GEPLAND


def test_plan_page_shows_progress_and_overdue(drechtsteden):
    plan = TransitieplanFactory()
    aanbeveling = AanbevelingFactory(transitieplan=plan, titel="Stel twee regiekamers in")
    MijlpaalFactory(aanbeveling=aanbeveling, gereed=True)
    MijlpaalFactory(aanbeveling=aanbeveling, te_laat=True, titel="Te late mijlpaal")
    MijlpaalFactory(aanbeveling=aanbeveling, status=MijlpaalStatus.VERVALLEN)
    overzicht = plan_overview(today=timezone.localdate())
    assert (overzicht.voortgang.gereed, overzicht.voortgang.telt, overzicht.voortgang.procent) == (
        1,
        2,
        50,
    )
    assert [m.titel for m in overzicht.te_laat] == ["Te late mijlpaal"]
    html = _client("regisseur").get(reverse("plan:overzicht")).content.decode()
    assert "Stel twee regiekamers in" in html
    assert "1 van 2 mijlpalen gereed (50%)" in html
    assert 'role="img"' in html


def test_overdue_against_the_plan_deadline():
    plan = TransitieplanFactory(deadline=datetime.date(2025, 7, 1))
    a = AanbevelingFactory(transitieplan=plan)
    MijlpaalFactory(aanbeveling=a, deadline=datetime.date(2025, 6, 1), titel="Op tijd")
    MijlpaalFactory(aanbeveling=a, deadline=datetime.date(2025, 9, 1), titel="Later")
    voor = plan_overview(today=datetime.date(2025, 5, 1))
    assert [m.titel for m in voor.na_plandeadline] == ["Later"]
    assert voor.te_laat == ()
    na = plan_overview(today=datetime.date(2025, 8, 1))
    assert [m.titel for m in na.na_plandeadline] == ["Op tijd", "Later"]
    assert [m.titel for m in na.te_laat] == ["Op tijd"]


def test_the_timeline_svg_parses_and_is_readable():
    plan = TransitieplanFactory()
    a = AanbevelingFactory(transitieplan=plan)
    MijlpaalFactory(aanbeveling=a, titel="Gereed <en> af", gereed=True)
    MijlpaalFactory(aanbeveling=a, titel="Te laat & open", te_laat=True)
    today = timezone.localdate()
    overzicht = plan_overview(today=today)
    svg = tijdlijn_svg(mijlpalen=overzicht.mijlpalen, plan_deadline=plan.deadline, today=today)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    titel, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert titel.text == "Tijdlijn van het transitieplan"
    assert root.get("aria-labelledby") == f"{titel.get('id')} {desc.get('id')}"
    assert "2 mijlpalen" in desc.text and "1 mijlpalen zijn te laat" in desc.text
    teksten = [t.text for t in root.iter(f"{SVG}text")]
    assert "Gereed <en> af" in teksten and "Te laat & open" in teksten
    markers = [e for e in root if e.tag in (f"{SVG}circle", f"{SVG}polygon")]
    # By deadline: the late one (a diamond, open) before the done one (a circle).
    assert [m.tag for m in markers] == [f"{SVG}polygon", f"{SVG}circle"]
    assert markers[0].find(f"{SVG}title").text.endswith("te laat")
    assert all(m.find(f"{SVG}title") is not None for m in markers)


def _plan_met(n: int) -> None:
    plan = TransitieplanFactory()
    aanbevelingen = [AanbevelingFactory(transitieplan=plan, inzicht=i) for i in Inzicht]
    eerdere = []
    for i in range(n):
        m = MijlpaalFactory(
            aanbeveling=aanbevelingen[i % 3],
            gemeente_eigenaar=i % 2 == 0,
            afhankelijk_van=eerdere[-1:],
        )
        eerdere.append(m)


@pytest.mark.parametrize("aantal", [10, 200])
def test_plan_page_queries_do_not_grow(django_assert_max_num_queries, aantal):
    _plan_met(aantal)
    client = _client("wethouder")
    with django_assert_max_num_queries(14):
        assert client.get(reverse("plan:overzicht")).status_code == 200


@pytest.mark.parametrize("aantal", [10, 500])
def test_finance_page_queries_do_not_grow(django_assert_max_num_queries, drechtsteden, aantal):
    begroting = BegrotingFactory(jaar=timezone.localdate().year)
    BegrotingspostFactory.create_batch(aantal, begroting=begroting, bedrag=Decimal("100"))
    for gemeente in drechtsteden:
        BijdrageFactory(begroting=begroting, gemeente=gemeente, bedrag=Decimal(aantal * 100))
    client = _client("regisseur")
    # 16 for the budget, 3 for the framework changes and where the seven councils stand.
    with django_assert_max_num_queries(19):
        antwoord = client.get(reverse("financien:overzicht"))
    assert antwoord.status_code == 200
    assert "Het plafond houdt" in antwoord.content.decode()


# Keeping the milestones: the ambtelijke regiekamer, through mijlpaal_save


def _mijlpaal_data(wereld, regiekamers, **anders) -> dict:
    return {
        "titel": "Eerste vergadering bestuurlijke regiekamer",
        "aanbeveling": wereld["objecten"]["aanbeveling"].pk,
        "eigenaar": f"regiekamer-{regiekamers[1].pk}",
        "deadline": "2025-03-01",
        "reden_na_plandeadline": "",
        "status": MijlpaalStatus.GEPLAND,
        "afhankelijk_van": [wereld["objecten"]["mijlpaal"].pk],
        "reden": "",
        **anders,
    }


def test_the_regiekamer_adds_a_milestone_with_its_dependencies(wereld, regiekamers):
    regisseur = UserFactory(regisseur=True)
    client = Client()
    client.force_login(regisseur)
    antwoord = client.post(wereld["mijlpaal_nieuw"], _mijlpaal_data(wereld, regiekamers))
    assert antwoord.status_code == 302
    nieuw = Mijlpaal.objects.get(titel="Eerste vergadering bestuurlijke regiekamer")
    assert nieuw.eigenaar == regiekamers[1]
    assert list(nieuw.afhankelijk_van.all()) == [wereld["objecten"]["mijlpaal"]]
    assert {(r.history_user, r.history_change_reason) for r in nieuw.history.all()} == {
        (regisseur, "Mijlpaal toegevoegd")
    }


def test_errors_that_repeat_say_which_field_they_belong_to(wereld, regiekamers):
    """Several fields left empty: each 'required' error is listed above the form with its
    field's name, linked to it, and at the field it names the field for a screen reader."""
    leeg = _mijlpaal_data(wereld, regiekamers, titel="", deadline="")
    antwoord = _client("regisseur").post(wereld["mijlpaal_nieuw"], leeg)
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    for veld, label in (("titel", "Titel"), ("deadline", "Deadline")):
        verplicht = antwoord.context["form"].errors[veld][0]
        assert f'<a href="#id_{veld}_error">{label}: {verplicht}</a>' in html
        assert f'id="id_{veld}_error"' in html
        assert f"Fout bij {label}:" in html


def test_the_milestone_rules_are_shown_at_their_field(wereld, regiekamers):
    client = _client("regisseur")
    aantal = Mijlpaal.objects.count()
    te_laat = _mijlpaal_data(wereld, regiekamers, deadline="2026-01-01")
    antwoord = client.post(wereld["mijlpaal_nieuw"], te_laat)
    assert antwoord.status_code == 200
    assert "geef de reden" in antwoord.context["form"].errors["reden_na_plandeadline"][0]
    assert Mijlpaal.objects.count() == aantal

    # A cycle: the existing milestone would depend on one that depends on it.
    mijlpaal = wereld["objecten"]["mijlpaal"]
    later = MijlpaalFactory(titel="Later", afhankelijk_van=[mijlpaal])
    kring = _mijlpaal_data(
        wereld, regiekamers, titel="Hernoemd", status="bezig", afhankelijk_van=[later.pk]
    )
    antwoord = client.post(wereld["mijlpaal_bewerken"], kring)
    assert antwoord.status_code == 200
    assert "kring" in antwoord.context["form"].errors["afhankelijk_van"][0]
    assert "kring" in antwoord.content.decode()
    mijlpaal.refresh_from_db()
    assert (mijlpaal.titel, mijlpaal.history.count()) == ("Regiekamers ingesteld", 1)


def test_the_regiekamer_edits_status_and_dependencies(wereld, regiekamers):
    regisseur = UserFactory(regisseur=True)
    client = Client()
    client.force_login(regisseur)
    mijlpaal = wereld["objecten"]["mijlpaal"]
    voorwaarde = MijlpaalFactory(titel="Bestuursopdracht")
    data = _mijlpaal_data(
        wereld,
        regiekamers,
        titel="Regiekamers ingesteld",
        status=MijlpaalStatus.BEZIG,
        afhankelijk_van=[voorwaarde.pk],
        reden="Begonnen",
    )
    assert client.post(wereld["mijlpaal_bewerken"], data).status_code == 302
    mijlpaal.refresh_from_db()
    assert mijlpaal.status == MijlpaalStatus.BEZIG
    assert list(mijlpaal.afhankelijk_van.all()) == [voorwaarde]
    laatste = mijlpaal.history.first()
    assert (laatste.history_user, laatste.history_change_reason) == (regisseur, "Begonnen")


def test_gereed_is_not_offered_on_the_form(wereld):
    html = _client("regisseur").get(wereld["mijlpaal_bewerken"]).content.decode()
    assert 'value="bezig"' in html
    assert 'value="gereed"' not in html


@pytest.mark.parametrize("rol", ["ambtenaar", "wethouder", "raadslid"])
def test_other_roles_cannot_post_a_milestone(wereld, regiekamers, rol):
    aantal = Mijlpaal.objects.count()
    antwoord = _client(rol).post(wereld["mijlpaal_nieuw"], _mijlpaal_data(wereld, regiekamers))
    assert antwoord.status_code == 403
    assert Mijlpaal.objects.count() == aantal


@pytest.mark.parametrize(
    ("rol", "toevoegen", "wijzigen", "aftekenen"),
    [
        ("regisseur", True, True, False),
        ("wethouder", False, False, True),
        ("ambtenaar", False, False, False),
        ("beheerder", True, True, True),
    ],
)
def test_the_plan_page_shows_only_the_actions_of_the_role(
    wereld, rol, toevoegen, wijzigen, aftekenen
):
    html = _client(rol).get(wereld["plan"]).content.decode()
    assert (wereld["mijlpaal_nieuw"] in html) is toevoegen
    assert (wereld["mijlpaal_bewerken"] in html) is wijzigen
    assert (wereld["aftekenen"] in html) is aftekenen


# Keeping budget lines and contributions: the ambtelijke regiekamer, through the services


def test_a_line_past_the_ceiling_stores_nothing_and_says_why_at_the_amount(wereld):
    begroting = wereld["objecten"]["begroting"]
    aantal = Begrotingspost.objects.count()
    antwoord = _client("regisseur").post(
        wereld["post_nieuw"],
        {"omschrijving": "Groot evenement", "soort": "uitgave", "bedrag": "150000", "reden": ""},
    )
    assert antwoord.status_code == 200
    fout = antwoord.context["form"].errors["bedrag"][0]
    assert "overschrijdt het totale budget" in fout and "€\u00a040.000" in fout
    assert "overschrijdt het totale budget" in antwoord.content.decode()
    assert Begrotingspost.objects.count() == aantal
    assert not Begrotingspost.history.filter(omschrijving="Groot evenement").exists()
    assert begroting.posten.count() == 1


def test_the_regiekamer_adds_a_line_inside_the_ceiling(wereld):
    regisseur = UserFactory(regisseur=True)
    client = Client()
    client.force_login(regisseur)
    antwoord = client.post(
        wereld["post_nieuw"],
        {"omschrijving": "Netwerkregie", "soort": "uitgave", "bedrag": "100000,00", "reden": ""},
    )
    assert antwoord.status_code == 302
    post = Begrotingspost.objects.get(omschrijving="Netwerkregie")
    assert post.bedrag == Decimal("100000")
    rij = post.history.get()
    assert (rij.history_user, rij.history_change_reason) == (regisseur, "Begrotingspost toegevoegd")


def test_the_regiekamer_records_a_contribution_and_moves_it_forward(wereld, drechtsteden):
    regisseur = UserFactory(regisseur=True)
    client = Client()
    client.force_login(regisseur)
    data = {
        "omschrijving": "Bijdrage Dordrecht",
        "bron": "gemeente",
        "gemeente": drechtsteden[1].pk,
        "bedrag": "30000",
        "status": "verwacht",
        "reden": "",
    }
    assert client.post(wereld["bijdrage_nieuw"], data).status_code == 302
    bijdrage = Bijdrage.objects.get(omschrijving="Bijdrage Dordrecht")
    url = reverse("financien:bijdrage_bewerken", kwargs={"pk": bijdrage.pk})
    toegezegd = {**data, "status": "toegezegd", "reden": "Toegezegd in het college"}
    assert client.post(url, toegezegd).status_code == 302
    bijdrage.refresh_from_db()
    assert bijdrage.status == BijdrageStatus.TOEGEZEGD
    assert [(r.status, r.history_change_reason) for r in bijdrage.history.all()] == [
        ("toegezegd", "Toegezegd in het college"),
        ("verwacht", "Bijdrage vastgelegd"),
    ]
    # Back to verwacht is not offered, and a post of it is refused.
    pagina = client.get(url).content.decode()
    assert 'value="verwacht"' not in pagina
    antwoord = client.post(url, {**data, "status": "verwacht"})
    assert antwoord.status_code == 200
    assert "status" in antwoord.context["form"].errors
    bijdrage.refresh_from_db()
    assert bijdrage.status == BijdrageStatus.TOEGEZEGD


def test_less_money_past_the_ceiling_is_refused_at_the_amount(wereld):
    BegrotingspostFactory(begroting=wereld["objecten"]["begroting"], bedrag=Decimal("100000"))
    antwoord = _client("beheerder").post(
        wereld["bijdrage_bewerken"],
        {
            "omschrijving": "Omliggend",
            "bron": "omliggende_gemeenten",
            "bedrag": "200000",
            "status": "verwacht",
            "reden": "",
        },
    )
    assert antwoord.status_code == 200
    assert "overschrijdt het totale budget" in antwoord.context["form"].errors["bedrag"][0]
    bijdrage = wereld["objecten"]["bijdrage"]
    bijdrage.refresh_from_db()
    assert bijdrage.bedrag == Decimal("250000")
    assert bijdrage.history.count() == 1


@pytest.mark.parametrize("rol", ["ambtenaar", "wethouder", "raadslid"])
def test_other_roles_cannot_post_budget_lines_or_contributions(wereld, rol):
    client = _client(rol)
    post = {"omschrijving": "Post", "soort": "uitgave", "bedrag": "1", "reden": ""}
    assert client.post(wereld["post_nieuw"], post).status_code == 403
    assert client.post(wereld["post_bewerken"], post).status_code == 403
    bijdrage = {"omschrijving": "B", "bron": "subsidie", "bedrag": "1", "status": "verwacht"}
    assert client.post(wereld["bijdrage_nieuw"], bijdrage).status_code == 403
    assert client.post(wereld["bijdrage_bewerken"], bijdrage).status_code == 403
    assert Begrotingspost.objects.count() == 1
    assert Bijdrage.objects.count() == 1


@pytest.mark.parametrize(("rol", "mag"), [("regisseur", True), ("wethouder", False)])
def test_the_finance_page_shows_the_keeping_only_to_its_roles(wereld, rol, mag):
    html = _client(rol).get(wereld["financien"]).content.decode()
    for url in ("post_nieuw", "post_bewerken", "bijdrage_nieuw", "bijdrage_bewerken"):
        assert (wereld[url] in html) is mag


@pytest.mark.parametrize("methode", ["get", "post"])
def test_signing_off_a_milestone_already_done_says_so_instead_of_a_404(wereld, methode):
    mijlpaal = MijlpaalFactory(titel="Regiekamers ingesteld", gereed=True)
    antwoord = getattr(_client("wethouder"), methode)(
        reverse("plan:mijlpaal_aftekenen", kwargs={"pk": mijlpaal.pk}),
        {"gereed_op": "2025-06-01", "reden": "Nog een keer"},
        follow=True,
    )
    assert antwoord.redirect_chain == [(reverse("plan:overzicht"), 302)]
    assert "Regiekamers ingesteld is al gereed." in antwoord.content.decode()
    assert mijlpaal.history.count() == 1
