"""Advice, votes and the decision: who may, what changes, what history it leaves."""

import copy

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from tests.conftest import build_once_per_module
from tests.factories import BeoordelingFactory, LidmaatschapFactory, UserFactory
from tests.regiewereld import Regiewereld, regiewereld_create
from thema.constants import ActiviteitStatus, BeoordelingStatus, Coalitievorm, Voorstel
from thema.models import Activiteit, Deelname
from transitie.constants import (
    AdviesOordeel,
    AdviesVervolg,
    BesluitUitkomst,
    StemKeuze,
)
from transitie.regiekamer.models import Advies, Besluit, Stem
from transitie.regiekamer.services import BesluitOnveranderlijk, advies_create, stem_cast

pytestmark = pytest.mark.django_db


# Built once for the module; each test its own copy (see build_once_per_module).
rk_van_de_module = build_once_per_module(regiewereld_create)


@pytest.fixture
def rk(rk_van_de_module, db) -> Regiewereld:
    return copy.deepcopy(rk_van_de_module)


def _stem(rk, beoordeling, naam, keuze=StemKeuze.INSTEMMEN, **kwargs):
    return stem_cast(
        beoordeling_id=beoordeling.pk,
        gemeente=rk.gemeente(naam),
        keuze=keuze,
        acting_user=rk.wethouder(naam),
        **kwargs,
    )


def _geadviseerd(rk, **kwargs):
    return BeoordelingFactory(activiteit=rk.activiteit, geadviseerd=True, **kwargs)


# Advice


def test_advice_puts_the_review_on_the_agenda_with_history(rk):
    beoordeling = BeoordelingFactory(activiteit=rk.activiteit, ingediend=True)
    advies = advies_create(
        beoordeling=beoordeling,
        oordeel=AdviesOordeel.POSITIEF_MET_AANPASSINGEN,
        toelichting="Let op de bijdrage van Papendrecht.",
        vervolg=AdviesVervolg.AGENDEREN,
        acting_user=rk.regisseur,
    )
    beoordeling.refresh_from_db()
    assert beoordeling.status == BeoordelingStatus.GEADVISEERD
    laatste = beoordeling.history.first()
    assert laatste.history_user == rk.regisseur
    assert laatste.history_change_reason == (
        "Geadviseerd door de ambtelijke regiekamer: Positief met aanpassingen"
    )
    assert advies.history.get().history_user == rk.regisseur


def test_sending_back_needs_a_reason_and_returns_the_review_to_concept(rk):
    beoordeling = BeoordelingFactory(activiteit=rk.activiteit, ingediend=True)
    with pytest.raises(ValidationError):
        advies_create(
            beoordeling=beoordeling,
            oordeel=AdviesOordeel.NEGATIEF,
            toelichting="Onvoldoende.",
            vervolg=AdviesVervolg.TERUGVERWIJZEN,
            reden_terugverwijzing="  ",
            acting_user=rk.regisseur,
        )
    advies_create(
        beoordeling=beoordeling,
        oordeel=AdviesOordeel.NEGATIEF,
        toelichting="Onvoldoende.",
        vervolg=AdviesVervolg.TERUGVERWIJZEN,
        reden_terugverwijzing="De regionale doelen ontbreken.",
        acting_user=rk.regisseur,
    )
    beoordeling.refresh_from_db()
    assert beoordeling.status == BeoordelingStatus.CONCEPT
    assert beoordeling.history.first().history_change_reason == (
        "Terugverwezen naar het themateam: De regionale doelen ontbreken."
    )
    assert Advies.objects.get().reden_terugverwijzing == "De regionale doelen ontbreken."


@pytest.mark.parametrize("wie", ["teamlid", "raadslid", "beheerder", "wethouder"])
def test_only_the_ambtelijke_regiekamer_advises(rk, wie):
    beoordeling = BeoordelingFactory(activiteit=rk.activiteit, ingediend=True)
    user = rk.wethouder("Dordrecht") if wie == "wethouder" else getattr(rk, wie)
    with pytest.raises(PermissionDenied):
        advies_create(
            beoordeling=beoordeling,
            oordeel=AdviesOordeel.POSITIEF,
            toelichting="Goed.",
            vervolg=AdviesVervolg.AGENDEREN,
            acting_user=user,
        )
    assert not Advies.objects.exists()


def test_a_concept_gets_no_advice(rk):
    beoordeling = BeoordelingFactory(activiteit=rk.activiteit, compleet=True)
    with pytest.raises(PermissionDenied):
        advies_create(
            beoordeling=beoordeling,
            oordeel=AdviesOordeel.POSITIEF,
            toelichting="Goed.",
            vervolg=AdviesVervolg.AGENDEREN,
            acting_user=rk.regisseur,
        )


# Votes


def test_a_vote_is_cast_only_by_the_municipalitys_current_member(rk):
    beoordeling = _geadviseerd(rk)
    with pytest.raises(PermissionDenied):
        stem_cast(
            beoordeling_id=beoordeling.pk,
            gemeente=rk.gemeente("Dordrecht"),
            keuze=StemKeuze.INSTEMMEN,
            acting_user=rk.wethouder("Papendrecht"),
        )
    oud = UserFactory(wethouder=True)
    LidmaatschapFactory(
        regiekamer=rk.bestuurlijk, gebruiker=oud, gemeente=rk.gemeente("Dordrecht"), beeindigd=True
    )
    with pytest.raises(PermissionDenied):
        stem_cast(
            beoordeling_id=beoordeling.pk,
            gemeente=rk.gemeente("Dordrecht"),
            keuze=StemKeuze.INSTEMMEN,
            acting_user=oud,
        )
    assert not Stem.objects.exists()


def test_a_vote_of_a_municipality_not_involved_is_refused_and_stores_nothing(rk):
    beoordeling = _geadviseerd(rk)  # Dordrecht, Papendrecht and Zwijndrecht take part
    with pytest.raises(PermissionDenied) as refused:
        _stem(rk, beoordeling, "Alblasserdam", StemKeuze.TEGEN)
    assert str(refused.value) == (
        "Alblasserdam is niet betrokken bij dit voorstel: alleen de betrokken gemeenten "
        "stemmen erover. Uw stem is niet vastgelegd."
    )
    assert not Stem.objects.exists()
    assert not Stem.history.exists()
    assert not Besluit.objects.exists()


def test_an_alderman_votes_for_his_own_municipality_only(rk):
    beoordeling = _geadviseerd(rk)
    with pytest.raises(PermissionDenied, match="voor Papendrecht stemt"):
        stem_cast(
            beoordeling_id=beoordeling.pk,
            gemeente=rk.gemeente("Papendrecht"),
            keuze=StemKeuze.INSTEMMEN,
            acting_user=rk.wethouder("Dordrecht"),
        )
    with pytest.raises(PermissionDenied, match="geen lid van de bestuurlijke regiekamer"):
        stem_cast(
            beoordeling_id=beoordeling.pk, keuze=StemKeuze.INSTEMMEN, acting_user=rk.regisseur
        )
    assert not Stem.history.exists()


def test_stem_cast_returns_the_vote_and_the_decision_it_completed(rk):
    beoordeling = _geadviseerd(rk)
    eerste = _stem(rk, beoordeling, "Dordrecht")
    assert eerste.besluit is None
    assert eerste.stem.gemeente == rk.gemeente("Dordrecht")
    _stem(rk, beoordeling, "Papendrecht")
    laatste = _stem(rk, beoordeling, "Zwijndrecht")
    assert laatste.besluit == Besluit.objects.get()
    assert laatste.besluit.uitkomst == BesluitUitkomst.AANGENOMEN


def test_an_alderman_may_change_his_vote_until_the_outcome_is_fixed(rk):
    beoordeling = _geadviseerd(rk)
    _stem(rk, beoordeling, "Dordrecht", StemKeuze.ONTHOUDEN)
    stem = _stem(rk, beoordeling, "Dordrecht", StemKeuze.INSTEMMEN, toelichting="Na overleg.").stem
    assert Stem.objects.count() == 1
    assert stem.keuze == StemKeuze.INSTEMMEN
    reasons = [h.history_change_reason for h in stem.history.order_by("history_date")]
    assert reasons == ["Stem uitgebracht", "Stem gewijzigd"]
    assert {h.history_user for h in stem.history.all()} == {rk.wethouder("Dordrecht")}
    # The same vote again changes nothing and writes no history.
    _stem(rk, beoordeling, "Dordrecht", StemKeuze.INSTEMMEN, toelichting="Na overleg.")
    assert stem.history.count() == 2


def test_a_second_vote_of_a_municipality_is_refused_by_the_database(rk):
    stem = Stem.objects.create(
        beoordeling=_geadviseerd(rk),
        gemeente=rk.gemeente("Dordrecht"),
        keuze=StemKeuze.INSTEMMEN,
        uitgebracht_door=rk.wethouder("Dordrecht"),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Stem.objects.create(
            beoordeling=stem.beoordeling,
            gemeente=stem.gemeente,
            keuze=StemKeuze.TEGEN,
            uitgebracht_door=rk.wethouder("Dordrecht"),
        )


def test_all_involved_instemmen_adopts_doorzetten_and_changes_nothing(rk):
    beoordeling = _geadviseerd(rk)
    _stem(rk, beoordeling, "Dordrecht")
    _stem(rk, beoordeling, "Papendrecht")
    assert not Besluit.objects.exists()
    _stem(rk, beoordeling, "Zwijndrecht")
    besluit = Besluit.objects.get()
    assert besluit.uitkomst == BesluitUitkomst.AANGENOMEN
    beoordeling.refresh_from_db()
    assert beoordeling.status == BeoordelingStatus.VASTGESTELD
    laatste = beoordeling.history.first()
    assert laatste.history_user == rk.wethouder("Zwijndrecht")
    assert laatste.history_change_reason.startswith("Aangenomen door de bestuurlijke regiekamer")
    assert besluit.history.get().history_user == rk.wethouder("Zwijndrecht")
    assert set(rk.activiteit.deelnames.values_list("gemeente__naam", flat=True)) == {
        "Dordrecht",
        "Papendrecht",
        "Zwijndrecht",
    }


def test_one_involved_tegen_rejects_at_once(rk):
    beoordeling = _geadviseerd(rk, stoppen=True)
    _stem(rk, beoordeling, "Papendrecht", StemKeuze.TEGEN)
    assert Besluit.objects.get().uitkomst == BesluitUitkomst.VERWORPEN
    beoordeling.refresh_from_db()
    assert beoordeling.status == BeoordelingStatus.AFGEWEZEN
    rk.activiteit.refresh_from_db()
    assert rk.activiteit.status == ActiviteitStatus.ACTIEF


def test_a_decision_and_its_votes_are_immutable(rk):
    beoordeling = _geadviseerd(rk)
    _stem(rk, beoordeling, "Papendrecht", StemKeuze.TEGEN)
    for naam, keuze in (("Papendrecht", StemKeuze.INSTEMMEN), ("Dordrecht", StemKeuze.TEGEN)):
        with pytest.raises(BesluitOnveranderlijk):
            _stem(rk, beoordeling, naam, keuze)
    assert list(Stem.objects.values_list("keuze", flat=True)) == [StemKeuze.TEGEN]
    assert Besluit.objects.count() == 1


def test_adopted_stoppen_ends_the_activity_which_stays_visible(rk):
    beoordeling = _geadviseerd(rk, stoppen=True)
    for naam in ("Dordrecht", "Papendrecht", "Zwijndrecht"):
        _stem(rk, beoordeling, naam)
    activiteit = Activiteit.objects.get(pk=rk.activiteit.pk)
    assert activiteit.status == ActiviteitStatus.BEEINDIGD
    assert activiteit.history.first().history_user == rk.wethouder("Zwijndrecht")


def test_adopted_hergroeperen_makes_the_proposed_coalition_the_participants(rk):
    sliedrecht = rk.gemeente("Sliedrecht")
    beoordeling = _geadviseerd(
        rk,
        voorstel=Voorstel.HERGROEPEREN,
        coalitievorm=Coalitievorm.ANDERSOORTIG,
        voorgestelde_gemeenten=[rk.gemeente("Dordrecht"), rk.gemeente("Papendrecht"), sliedrecht],
        voorgestelde_partners=[],
    )
    # Involved: the three participants and Sliedrecht, who joins.
    for naam in ("Dordrecht", "Papendrecht", "Zwijndrecht"):
        _stem(rk, beoordeling, naam)
    assert not Besluit.objects.exists()
    _stem(rk, beoordeling, "Sliedrecht")
    assert Besluit.objects.get().uitkomst == BesluitUitkomst.AANGENOMEN
    deelnames = {
        d.gemeente.naam: d.jaarlijkse_bijdrage
        for d in Deelname.objects.filter(activiteit=rk.activiteit).select_related("gemeente")
    }
    assert deelnames == {"Dordrecht": 10000, "Papendrecht": 10000, "Sliedrecht": 0}
    assert not rk.activiteit.partners.exists()
    weg = Deelname.history.filter(history_type="-").get()
    assert weg.gemeente_id == rk.gemeente("Zwijndrecht").pk
    assert weg.history_user == rk.wethouder("Sliedrecht")


def test_a_joining_municipality_must_consent_itself(rk):
    beoordeling = _geadviseerd(
        rk,
        voorstel=Voorstel.HERGROEPEREN,
        coalitievorm=Coalitievorm.GROTER,
        voorgestelde_gemeenten=[
            *(rk.gemeente(n) for n in ("Dordrecht", "Papendrecht", "Zwijndrecht")),
            rk.gemeente("Sliedrecht"),
        ],
    )
    for naam in ("Dordrecht", "Papendrecht", "Zwijndrecht"):
        _stem(rk, beoordeling, naam)
    _stem(rk, beoordeling, "Sliedrecht", StemKeuze.TEGEN)
    assert Besluit.objects.get().uitkomst == BesluitUitkomst.VERWORPEN
    assert not Deelname.objects.filter(gemeente__naam="Sliedrecht").exists()


def test_adopted_toevoegen_makes_the_new_activity_active(rk):
    beoordeling = _geadviseerd(
        rk,
        toevoegen=True,
        voorgestelde_gemeenten=[rk.gemeente("Dordrecht"), rk.gemeente("Sliedrecht")],
        voorgestelde_partners=[rk.partner],
    )
    for naam in ("Dordrecht", "Papendrecht", "Zwijndrecht", "Sliedrecht"):
        _stem(rk, beoordeling, naam)
    nieuw = Activiteit.objects.get(naam="Nieuwe activiteit")
    assert nieuw.thema == rk.thema
    assert nieuw.status == ActiviteitStatus.ACTIEF
    assert set(nieuw.deelnames.values_list("gemeente__naam", flat=True)) == {
        "Dordrecht",
        "Sliedrecht",
    }
    assert list(nieuw.partners.all()) == [rk.partner]
    assert nieuw.history.first().history_user == rk.wethouder("Sliedrecht")


def test_an_involved_municipality_without_a_member_keeps_the_proposal_open(rk):
    zwijndrecht = rk.gemeente("Zwijndrecht")
    lid = rk.bestuurlijk.leden.get(gemeente=zwijndrecht)
    lid.tot = lid.van
    lid.save()
    beoordeling = _geadviseerd(rk)
    _stem(rk, beoordeling, "Dordrecht")
    _stem(rk, beoordeling, "Papendrecht")
    assert not Besluit.objects.exists()
    with pytest.raises(PermissionDenied):
        _stem(rk, beoordeling, "Zwijndrecht")
