"""Groeiagenda finance: the ceiling, the figures, per source and per municipality."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from tests.factories import (
    ActiviteitFactory,
    BegrotingFactory,
    BegrotingspostFactory,
    BeoordelingFactory,
    BijdrageFactory,
    DeelnameFactory,
    FinancieleConsequentieFactory,
    UserFactory,
)
from transitie.constants import BijdrageStatus
from transitie.financien.models import Begroting, Begrotingspost, Bijdrage
from transitie.financien.selectors import begroting_stand, financien_overview, gemeente_financien
from transitie.financien.services import begrotingspost_save, bijdrage_save, bijdrage_statussen

pytestmark = pytest.mark.django_db

D = Decimal
VANDAAG = datetime.date(2024, 6, 1)


@pytest.fixture
def groeiagenda(drechtsteden):
    """2024 as in the letter: the 2023 deficit carried in, EUR 250,000 expected from around."""
    begroting = BegrotingFactory(jaar=2024, naam="Groeiagenda 2024")
    BegrotingspostFactory(begroting=begroting, tekort=True)
    BegrotingspostFactory(begroting=begroting, omschrijving="Thema A", bedrag=D("300000"))
    BijdrageFactory(begroting=begroting, omliggend=True)
    BijdrageFactory(
        begroting=begroting, gemeente=drechtsteden[1], bedrag=D("200000"), toegezegd=True
    )
    return begroting


def test_the_figures_of_a_year(groeiagenda):
    stand = begroting_stand(groeiagenda)
    assert stand.plafond == D("450000")
    assert stand.lasten == D("440000")
    assert stand.toegezegd == D("200000")
    assert stand.ruimte == D("10000")
    assert stand.risico == D("390000")  # 250,000 expected + the 140,000 deficit
    assert stand.plafond_houdt


def test_a_line_that_breaks_the_ceiling_is_refused_with_the_reason(groeiagenda):
    beheerder = UserFactory(beheerder=True)
    post = Begrotingspost(begroting=groeiagenda, omschrijving="Extra evenement", bedrag=D("25000"))
    with pytest.raises(ValidationError) as fout:
        begrotingspost_save(post=post, acting_user=beheerder, reden="Toevoegen")
    melding = fout.value.message_dict["bedrag"][0]
    assert "€\u00a015.000" in melding
    assert "geen aanvullende afrekening" in melding
    assert groeiagenda.posten.count() == 2
    assert not Begrotingspost.history.filter(omschrijving="Extra evenement").exists()
    assert begroting_stand(groeiagenda).plafond_houdt


def test_a_line_inside_the_ceiling_is_saved_with_history(groeiagenda):
    beheerder = UserFactory(beheerder=True)
    post = Begrotingspost(begroting=groeiagenda, omschrijving="Kleine post", bedrag=D("10000"))
    begrotingspost_save(post=post, acting_user=beheerder, reden="Binnen de ruimte")
    rij = post.history.get()
    assert (rij.history_user, rij.history_change_reason) == (beheerder, "Binnen de ruimte")
    assert begroting_stand(groeiagenda).ruimte == 0


def test_less_money_that_breaks_the_ceiling_is_refused(groeiagenda):
    bijdrage = groeiagenda.bijdragen.get(gemeente__isnull=False)
    bijdrage.bedrag = D("150000")
    with pytest.raises(ValidationError):
        bijdrage_save(bijdrage=bijdrage, acting_user=UserFactory(beheerder=True), reden="Lager")
    bijdrage.refresh_from_db()
    assert bijdrage.bedrag == D("200000")


def test_a_subsidy_that_closes_a_gap_is_accepted_even_if_a_gap_remains(groeiagenda):
    BegrotingspostFactory(begroting=groeiagenda, bedrag=D("50000"))  # by hand: 40,000 over
    subsidie = BijdrageFactory.build(begroting=groeiagenda, subsidie=True, bedrag=D("30000"))
    bijdrage_save(bijdrage=subsidie, acting_user=UserFactory(beheerder=True), reden="Subsidie")
    stand = begroting_stand(groeiagenda)
    assert not stand.plafond_houdt
    assert stand.overschrijding == D("10000")


@pytest.mark.parametrize("rol", ["ambtenaar", "wethouder", "raadslid"])
def test_only_the_ambtelijke_regiekamer_and_the_beheerder_keep_the_budget(groeiagenda, rol):
    user = UserFactory(**{rol: True})
    post = Begrotingspost(begroting=groeiagenda, omschrijving="Post", bedrag=D("1"))
    with pytest.raises(PermissionDenied):
        begrotingspost_save(post=post, acting_user=user, reden="x")
    bestaande = groeiagenda.bijdragen.first()
    bestaande.bedrag += 1
    with pytest.raises(PermissionDenied):
        bijdrage_save(bijdrage=bestaande, acting_user=user, reden="x")
    nieuw = BijdrageFactory.build(begroting=groeiagenda, subsidie=True)
    with pytest.raises(PermissionDenied):
        bijdrage_save(bijdrage=nieuw, acting_user=user, reden="x")
    assert groeiagenda.posten.count() == 2
    assert groeiagenda.bijdragen.count() == 2


def test_the_ambtelijke_regiekamer_keeps_lines_and_contributions_with_history(groeiagenda):
    regisseur = UserFactory(regisseur=True)
    post = Begrotingspost(begroting=groeiagenda, omschrijving="Netwerkregie", bedrag=D("5000"))
    begrotingspost_save(post=post, acting_user=regisseur, reden="Voorbereid")
    post.bedrag = D("6000")
    begrotingspost_save(post=post, acting_user=regisseur, reden="Bijgesteld")
    assert [
        (r.history_type, r.bedrag, r.history_user, r.history_change_reason)
        for r in post.history.order_by("history_date", "history_id")
    ] == [("+", D("5000"), regisseur, "Voorbereid"), ("~", D("6000"), regisseur, "Bijgesteld")]

    subsidie = BijdrageFactory.build(begroting=groeiagenda, subsidie=True, bedrag=D("20000"))
    bijdrage_save(bijdrage=subsidie, acting_user=regisseur, reden="Aangevraagd")
    rij = subsidie.history.get()
    assert (rij.history_type, rij.history_user, rij.history_change_reason) == (
        "+",
        regisseur,
        "Aangevraagd",
    )


def test_a_contribution_moves_forward_with_history(groeiagenda):
    regisseur = UserFactory(regisseur=True)
    bijdrage = groeiagenda.bijdragen.get(status=BijdrageStatus.VERWACHT)
    for status, reden in (
        (BijdrageStatus.TOEGEZEGD, "Toegezegd door de omliggende gemeenten"),
        (BijdrageStatus.ONTVANGEN, "Ontvangen"),
    ):
        bijdrage.status = status
        bijdrage_save(bijdrage=bijdrage, acting_user=regisseur, reden=reden)
    rijen = list(bijdrage.history.order_by("history_date", "history_id"))
    assert [(r.status, r.history_user, r.history_change_reason) for r in rijen[1:]] == [
        ("toegezegd", regisseur, "Toegezegd door de omliggende gemeenten"),
        ("ontvangen", regisseur, "Ontvangen"),
    ]


@pytest.mark.parametrize(
    ("van", "naar"),
    [
        (BijdrageStatus.TOEGEZEGD, BijdrageStatus.VERWACHT),
        (BijdrageStatus.ONTVANGEN, BijdrageStatus.TOEGEZEGD),
        (BijdrageStatus.ONTVANGEN, BijdrageStatus.VERWACHT),
    ],
)
def test_a_contribution_never_goes_back(groeiagenda, van, naar):
    bijdrage = BijdrageFactory(begroting=groeiagenda, subsidie=True, status=van)
    bijdrage.status = naar
    with pytest.raises(ValidationError) as fout:
        bijdrage_save(bijdrage=bijdrage, acting_user=UserFactory(regisseur=True), reden="Terug")
    assert "gaat alleen vooruit" in fout.value.message_dict["status"][0]
    bijdrage.refresh_from_db()
    assert bijdrage.status == van
    assert bijdrage.history.count() == 1


def test_the_statuses_a_contribution_may_take(groeiagenda):
    assert bijdrage_statussen(Bijdrage()) == ("verwacht", "toegezegd", "ontvangen")
    toegezegd = BijdrageFactory(begroting=groeiagenda, subsidie=True, toegezegd=True)
    assert bijdrage_statussen(toegezegd) == ("toegezegd", "ontvangen")


def test_a_line_stays_with_its_year(groeiagenda):
    post = groeiagenda.posten.first()
    post.begroting = BegrotingFactory(jaar=2031)
    with pytest.raises(ValidationError) as fout:
        begrotingspost_save(post=post, acting_user=UserFactory(beheerder=True), reden="x")
    assert "begroting" in fout.value.message_dict
    assert Begrotingspost.objects.get(pk=post.pk).begroting == groeiagenda


def test_a_continuation_keeps_the_ceiling_of_the_year_it_continues(groeiagenda):
    call_command("begroting_voortzetten", "2024", stdout=StringIO())
    voortzetting = Begroting.objects.get(jaar=2025)
    stand = begroting_stand(voortzetting)
    assert stand.plafond == stand.uitgaven == D("300000")
    assert stand.tekort == 0
    assert stand.plafond_houdt


def test_the_command_refuses_a_second_continuation_and_an_unknown_year(groeiagenda):
    call_command("begroting_voortzetten", "2024", stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("begroting_voortzetten", "2024", stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("begroting_voortzetten", "1999", stdout=StringIO())


def test_contributions_per_source_and_per_municipality(groeiagenda, drechtsteden):
    dordrecht = drechtsteden[1]
    BijdrageFactory(begroting=groeiagenda, gemeente=dordrecht, bedrag=D("5000"))
    DeelnameFactory(gemeente=dordrecht, jaarlijkse_bijdrage=D("12000"))
    DeelnameFactory(gemeente=dordrecht, jaarlijkse_bijdrage=D("3000"))
    overzicht = financien_overview(jaar=2024, today=VANDAAG)
    per_bron = {label: (verwacht, toegezegd) for label, verwacht, toegezegd in overzicht.per_bron}
    assert per_bron["Gemeente"] == (D("5000"), D("200000"))
    assert per_bron["Omliggende gemeenten"] == (D("250000"), 0)
    gemeenten = {g.naam: g for g in overzicht.gemeenten}
    assert len(gemeenten) == 7
    assert (gemeenten["Dordrecht"].toegezegd, gemeenten["Dordrecht"].verwacht) == (
        D("200000"),
        D("5000"),
    )
    assert gemeenten["Dordrecht"].deelnames == D("15000")
    assert gemeenten["Zwijndrecht"].bijdragen == 0

    dordt = gemeente_financien(gemeente_slug=dordrecht.slug)
    assert dordt.totaal_deelnames == D("15000")
    assert sorted(b.bedrag for b in dordt.bijdragen) == [D("5000"), D("200000")]


def test_consequences_per_year_adopted_and_under_way():
    vastgesteld = BeoordelingFactory(vastgesteld=True)
    ingediend = BeoordelingFactory(ingediend=True, activiteit=ActiviteitFactory())
    FinancieleConsequentieFactory(beoordeling=vastgesteld, jaar=2025, bedrag=D("10000"))
    FinancieleConsequentieFactory(beoordeling=ingediend, jaar=2025, bedrag=D("4000"))
    FinancieleConsequentieFactory(beoordeling=vastgesteld, jaar=2026, bedrag=D("-2000"))
    regels = financien_overview(jaar=None, today=VANDAAG).consequenties
    assert [(r.jaar, r.vastgesteld, r.in_behandeling) for r in regels] == [
        (2025, D("10000"), D("4000")),
        (2026, D("-2000"), 0),
    ]


def test_the_year_shown_defaults_to_this_year_else_the_latest(groeiagenda):
    BegrotingFactory(jaar=2031)
    assert financien_overview(jaar=None, today=VANDAAG).begroting == groeiagenda
    assert financien_overview(jaar=None, today=datetime.date(2040, 1, 1)).begroting.jaar == 2031


def test_a_year_without_a_budget_shows_none_not_another_years(groeiagenda):
    overzicht = financien_overview(jaar=2026, today=VANDAAG)
    assert (overzicht.begroting, overzicht.stand, overzicht.gevraagd_jaar) == (None, None, 2026)
    assert overzicht.bijdragen == ()
