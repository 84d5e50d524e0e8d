"""The registers' pages: who may see and use them, what they show, ISO dates, constant queries."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import (
    BegrotingFactory,
    RaadsinformatiebriefFactory,
    ToezeggingFactory,
    UserFactory,
)
from transitie.brieven.models import Toezegging
from transitie.constants import RaadsbehandelingStatus
from transitie.financien.models import Kaderwijziging, Raadsbehandeling
from transitie.financien.services import kaderwijziging_create

pytestmark = pytest.mark.django_db

ROLLEN = ("anoniem", "ambtenaar", "regisseur", "wethouder", "raadslid", "beheerder")
LEZEN = {"anoniem": 302, "raadslid": 403, **dict.fromkeys(ROLLEN[1:4] + ("beheerder",), 200)}
REGIEKAMERS = {
    "anoniem": 302,
    "ambtenaar": 403,
    "regisseur": 200,
    "wethouder": 200,
    "raadslid": 403,
    "beheerder": 200,
}
REGISTREREN = {**REGIEKAMERS, "ambtenaar": 200, "wethouder": 403}
DAG = datetime.date(2025, 1, 15)


def _client(rol: str, gemeente=None) -> Client:
    client = Client()
    if rol != "anoniem":
        client.force_login(UserFactory(**{rol: True}, gemeente=gemeente))
    return client


def _dordrecht(drechtsteden):
    return next(g for g in drechtsteden if g.slug == "dordrecht")


def _wijziging(titel="Kader 2025"):
    return kaderwijziging_create(acting_user=UserFactory(regisseur=True), titel=titel, datum=DAG)


@pytest.fixture
def wereld(drechtsteden):
    wijziging = _wijziging()
    toezegging = ToezeggingFactory(
        brief=RaadsinformatiebriefFactory(gepubliceerd=True, datum=datetime.date(2024, 11, 1))
    )
    return {
        "financien": reverse("financien:overzicht"),
        "kader_nieuw": reverse("financien:kaderwijziging_nieuw"),
        "raadsbesluit": reverse(
            "financien:raadsbesluit", args=[wijziging.pk, drechtsteden[1].slug]
        ),
        "toezeggingen": reverse("brieven:toezeggingen"),
        "toezegging_nieuw": reverse("brieven:toezegging_nieuw"),
        "afdoen": reverse("brieven:toezegging_afdoen", args=[toezegging.pk]),
    }


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize(
    ("url", "verwacht"),
    [
        ("financien", LEZEN),
        ("kader_nieuw", REGIEKAMERS),
        ("raadsbesluit", REGIEKAMERS),
        ("toezeggingen", LEZEN),
        ("toezegging_nieuw", REGISTREREN),
        ("afdoen", REGIEKAMERS),
    ],
)
def test_permission_per_role(wereld, drechtsteden, rol, url, verwacht):
    # Each user works for the municipality whose council's decision the raadsbesluit URL records.
    client = _client(rol, gemeente=drechtsteden[1])
    assert client.get(wereld[url]).status_code == verwacht[rol]


@pytest.mark.parametrize("rol", ROLLEN)
def test_who_posts_a_framework_change(drechtsteden, rol):
    antwoord = _client(rol).post(
        reverse("financien:kaderwijziging_nieuw"),
        {"titel": "Nieuw kader", "datum": "2025-01-15", "bedrag": "-25000,50"},
    )
    mag = REGIEKAMERS[rol] == 200
    assert antwoord.status_code == (302 if mag else REGIEKAMERS[rol])
    assert Kaderwijziging.objects.filter(titel="Nieuw kader").exists() == mag
    if mag:
        assert antwoord["Location"].endswith("/financien/#kaderwijzigingen-titel")
        assert str(Kaderwijziging.objects.get().bedrag) == "-25000.50"


def test_the_finance_page_shows_where_each_council_stands(drechtsteden):
    wijziging = _wijziging("Bijstelling kader 2025")
    dordrecht = next(g for g in drechtsteden if g.slug == "dordrecht")
    regisseur = UserFactory(regisseur=True, gemeente=dordrecht)
    client = Client()
    client.force_login(regisseur)
    client.post(
        reverse("financien:raadsbesluit", args=[wijziging.pk, "dordrecht"]),
        {"status": "vastgesteld", "datum": "2025-02-13"},
    )
    html = client.get(reverse("financien:overzicht")).content.decode()
    assert "Wijzigingen financiële kaders" in html
    assert "Bijstelling kader 2025" in html
    assert "In behandeling (1 van 7 vastgesteld)" in html
    for gemeente in drechtsteden:
        assert f'<th scope="col">{gemeente.naam}</th>' in html
    # The decided council has no form link any more, and the six others are not his to record.
    assert html.count("Besluit vastleggen") == 0
    beheerder = Client()
    beheerder.force_login(UserFactory(beheerder=True))
    html = beheerder.get(reverse("financien:overzicht")).content.decode()
    assert html.count("Besluit vastleggen") == 6
    assert (
        'href="/financien/kaderwijzigingen/' + str(wijziging.pk) + '/raad/dordrecht/"' not in html
    )


def test_another_municipalitys_council_decision_gets_no_link_and_is_refused(drechtsteden):
    wijziging = _wijziging()
    dordrecht = next(g for g in drechtsteden if g.slug == "dordrecht")
    client = _client("regisseur", gemeente=dordrecht)
    html = client.get(reverse("financien:overzicht")).content.decode()
    assert html.count("Besluit vastleggen") == 1
    assert f'href="/financien/kaderwijzigingen/{wijziging.pk}/raad/dordrecht/"' in html
    url = reverse("financien:raadsbesluit", args=[wijziging.pk, "sliedrecht"])
    assert client.get(url).status_code == 403
    antwoord = client.post(url, {"status": "vastgesteld", "datum": "2025-02-13"})
    assert antwoord.status_code == 403
    assert "uw eigen gemeente" in antwoord.content.decode()
    rij = Raadsbehandeling.objects.get(kaderwijziging=wijziging, gemeente__slug="sliedrecht")
    assert rij.status == RaadsbehandelingStatus.VOORGELEGD
    assert rij.history.count() == 1


def test_a_change_adopted_by_all_seven_holds_on_the_page(drechtsteden):
    wijziging = _wijziging()
    for rij in wijziging.raadsbehandelingen.all():
        rij.status = RaadsbehandelingStatus.VASTGESTELD
        rij.save()
    client = _client("wethouder")
    assert "<strong>Geldt</strong>" in client.get(reverse("financien:overzicht")).content.decode()


def test_a_bad_decision_date_is_shown_at_the_field_and_nothing_changes(drechtsteden):
    wijziging = _wijziging()
    url = reverse("financien:raadsbesluit", args=[wijziging.pk, "dordrecht"])
    client = _client("regisseur", gemeente=_dordrecht(drechtsteden))
    antwoord = client.post(url, {"status": "vastgesteld", "datum": "2024-12-01"})
    assert antwoord.status_code == 200
    assert "vóór de datum waarop de wijziging is voorgelegd" in antwoord.content.decode()
    assert antwoord.context["form"].errors["datum"]
    rij = Raadsbehandeling.objects.get(kaderwijziging=wijziging, gemeente__slug="dordrecht")
    assert rij.status == RaadsbehandelingStatus.VOORGELEGD


def test_a_decided_council_is_not_decided_again(drechtsteden):
    wijziging = _wijziging()
    url = reverse("financien:raadsbesluit", args=[wijziging.pk, "dordrecht"])
    client = _client("regisseur", gemeente=_dordrecht(drechtsteden))
    assert client.post(url, {"status": "vastgesteld", "datum": "2025-02-13"}).status_code == 302
    antwoord = client.post(url, {"status": "afgewezen", "datum": "2025-02-14"})
    assert antwoord.status_code == 409
    assert "al besloten" in antwoord.content.decode()
    rij = Raadsbehandeling.objects.get(kaderwijziging=wijziging, gemeente__slug="dordrecht")
    assert rij.status == RaadsbehandelingStatus.VASTGESTELD


def test_unknown_council_or_change_is_404(drechtsteden):
    wijziging = _wijziging()
    client = _client("regisseur", gemeente=_dordrecht(drechtsteden))
    assert (
        client.get(reverse("financien:raadsbesluit", args=[wijziging.pk, "gorinchem"])).status_code
        == 404
    )
    assert (
        client.get(reverse("financien:raadsbesluit", args=[999999, "dordrecht"])).status_code == 404
    )


def test_date_inputs_carry_iso_values(drechtsteden):
    html = _client("regisseur").get(reverse("financien:kaderwijziging_nieuw")).content.decode()
    assert 'type="date"' in html
    waarde = re.search(r'type="date"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*type="date"', html
    )
    assert waarde and re.fullmatch(r"\d{4}-\d{2}-\d{2}", waarde.group(1))


def test_register_and_settle_a_commitment_through_the_pages(drechtsteden):
    brief = RaadsinformatiebriefFactory(gepubliceerd=True, datum=datetime.date(2024, 11, 1))
    ambtenaar = _client("ambtenaar")
    antwoord = ambtenaar.post(
        reverse("brieven:toezegging_nieuw"),
        {
            "tekst": "Een nieuw uitvoeringsprogramma.",
            "brief": brief.pk,
            "gemeente": drechtsteden[1].pk,
            "verwacht_op": "2025-07-01",
        },
    )
    assert antwoord.status_code == 302
    toezegging = Toezegging.objects.get()
    assert toezegging.gemeente == drechtsteden[1]
    html = ambtenaar.get(reverse("brieven:toezeggingen")).content.decode()
    assert "Een nieuw uitvoeringsprogramma." in html
    assert "Afdoen" not in html  # a civil servant does not settle

    regisseur = _client("regisseur")
    antwoord = regisseur.post(
        reverse("brieven:toezegging_afdoen", args=[toezegging.pk]),
        {"afdoening": "Vastgesteld door de raden.", "afgedaan_op": "2025-06-30"},
    )
    assert antwoord.status_code == 302
    toezegging.refresh_from_db()
    assert toezegging.afgedaan_op == datetime.date(2025, 6, 30)
    assert (
        "Afgedaan op 30 juni 2025"
        in regisseur.get(reverse("brieven:toezeggingen")).content.decode()
    )
    again = regisseur.post(
        reverse("brieven:toezegging_afdoen", args=[toezegging.pk]),
        {"afdoening": "Nogmaals", "afgedaan_op": "2025-06-30"},
    )
    assert again.status_code == 409


def test_a_draft_letter_is_not_offered_and_is_refused(drechtsteden):
    concept = RaadsinformatiebriefFactory(titel="Conceptbrief")
    client = _client("ambtenaar")
    assert "Conceptbrief" not in client.get(reverse("brieven:toezegging_nieuw")).content.decode()
    antwoord = client.post(
        reverse("brieven:toezegging_nieuw"),
        {"tekst": "Iets", "brief": concept.pk, "verwacht_op": "2025-07-01"},
    )
    assert antwoord.status_code == 200
    assert antwoord.context["form"].errors["brief"]
    assert not Toezegging.objects.exists()


def _many_changes(n: int) -> None:
    for i in range(n):
        _wijziging(f"Wijziging {i}")


@pytest.mark.parametrize("aantal", [3, 40])
def test_finance_page_queries_do_not_grow_with_changes(
    drechtsteden, aantal, django_assert_max_num_queries
):
    _many_changes(aantal)
    client = _client("regisseur")
    # +1: the header's unread notifications (drechtsteden.meldingen)
    with django_assert_max_num_queries(12):
        antwoord = client.get(reverse("financien:overzicht"))
    assert antwoord.content.decode().count("Wijziging ") >= aantal


@pytest.mark.parametrize("aantal", [3, 60])
def test_commitment_list_queries_do_not_grow(drechtsteden, aantal, django_assert_max_num_queries):
    brief = RaadsinformatiebriefFactory(gepubliceerd=True, datum=datetime.date(2024, 11, 1))
    for i in range(aantal):
        ToezeggingFactory(brief=brief, gemeente=drechtsteden[i % 7] if i % 2 else None)
    client = _client("regisseur")
    # +1: the header's unread notifications (drechtsteden.meldingen)
    with django_assert_max_num_queries(9):
        antwoord = client.get(reverse("brieven:toezeggingen"))
    assert antwoord.status_code == 200
    assert antwoord.content.decode().count("/afdoen/") == sum(
        7 if i % 2 == 0 else 1 for i in range(aantal)
    )


def test_the_finance_page_says_a_year_has_no_budget_instead_of_showing_another(drechtsteden):
    BegrotingFactory(jaar=2025)
    client = _client("regisseur", gemeente=drechtsteden[1])

    html = client.get(reverse("financien:overzicht") + "?jaar=2026").content.decode()

    assert "Er is geen begroting voor 2026." in html
    assert "Groeiagenda 2025" not in html.split("Er is geen begroting")[1]
