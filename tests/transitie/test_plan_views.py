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
from transitie.constants import Inzicht, MijlpaalStatus
from transitie.planning import plan_overview
from transitie.tijdlijn import tijdlijn_svg

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
    BegrotingspostFactory(begroting=begroting, tekort=True)
    BijdrageFactory(begroting=begroting, omliggend=True)
    return {
        "plan": reverse("plan:overzicht"),
        "aftekenen": reverse("plan:mijlpaal_aftekenen", kwargs={"pk": mijlpaal.pk}),
        "financien": reverse("financien:overzicht"),
        "gemeente": reverse("financien:gemeente", kwargs={"slug": drechtsteden[1].slug}),
    }


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize(
    ("url", "verwacht"),
    [("plan", LEZEN), ("financien", LEZEN), ("gemeente", LEZEN), ("aftekenen", AFTEKENEN)],
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
