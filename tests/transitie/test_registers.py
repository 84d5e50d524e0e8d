"""The registers' rules: a framework change goes to all seven councils and holds only when all
seven adopted it; a council's decision is final; commitments of published letters until settled."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.factories import (
    GemeenteFactory,
    RaadsinformatiebriefFactory,
    ToezeggingFactory,
    UserFactory,
)
from transitie.brieven.selectors import open_toezeggingen, toezeggingen_per_gemeente
from transitie.brieven.services import toezegging_register, toezegging_settle
from transitie.constants import RaadsbehandelingStatus
from transitie.financien.models import Raadsbehandeling
from transitie.financien.selectors import kaderwijziging_geldt, kaderwijzigingen_overview
from transitie.financien.services import kaderwijziging_create, raadsbehandeling_decide

VASTGESTELD = RaadsbehandelingStatus.VASTGESTELD
AFGEWEZEN = RaadsbehandelingStatus.AFGEWEZEN
DAG = datetime.date(2025, 1, 15)


@pytest.fixture
def regisseur(drechtsteden):
    return UserFactory(regisseur=True, gemeente=drechtsteden[1])


@pytest.fixture
def beheerder(drechtsteden):
    return UserFactory(beheerder=True)


@pytest.fixture
def wijziging(regisseur):
    return kaderwijziging_create(
        acting_user=regisseur, titel="Kader 2025", datum=DAG, bedrag=Decimal("-50000.00")
    )


def behandeling(wijziging, gemeente) -> Raadsbehandeling:
    return wijziging.raadsbehandelingen.get(gemeente=gemeente)


def decide(user, wijziging, gemeente, status=VASTGESTELD, datum=DAG):
    return raadsbehandeling_decide(
        acting_user=user, behandeling=behandeling(wijziging, gemeente), status=status, datum=datum
    )


def test_a_change_is_put_to_each_of_the_seven_councils(wijziging, drechtsteden, regisseur):
    rijen = list(wijziging.raadsbehandelingen.order_by("gemeente__naam"))
    assert [r.gemeente for r in rijen] == drechtsteden
    assert {r.status for r in rijen} == {RaadsbehandelingStatus.VOORGELEGD}
    assert {r.datum for r in rijen} == {DAG}
    historie = wijziging.history.get()
    assert (historie.history_user, historie.history_type) == (regisseur, "+")
    assert historie.history_change_reason == "Ter vaststelling voorgelegd aan de gemeenteraden"
    assert Raadsbehandeling.history.filter(history_user=regisseur).count() == 7


def test_a_change_holds_only_when_all_seven_adopted(wijziging, drechtsteden, beheerder):
    for gemeente in drechtsteden[:6]:
        decide(beheerder, wijziging, gemeente)
        assert not kaderwijziging_geldt(kaderwijziging=wijziging)
    decide(beheerder, wijziging, drechtsteden[6])
    assert kaderwijziging_geldt(kaderwijziging=wijziging)


def test_one_rejection_means_the_change_does_not_hold(wijziging, drechtsteden, beheerder):
    for gemeente in drechtsteden[:6]:
        decide(beheerder, wijziging, gemeente)
    decide(beheerder, wijziging, drechtsteden[6], status=AFGEWEZEN)
    assert not kaderwijziging_geldt(kaderwijziging=wijziging)
    regel = kaderwijzigingen_overview().regels[0]
    assert (regel.geldt, regel.afgewezen, regel.aantal_vastgesteld) == (False, True, 6)


def test_a_councils_decision_is_recorded_with_user_and_reason(wijziging, drechtsteden, regisseur):
    wethouder = UserFactory(wethouder=True, gemeente=drechtsteden[1])
    decide(wethouder, wijziging, drechtsteden[1], datum=datetime.date(2025, 2, 13))
    rij = behandeling(wijziging, drechtsteden[1])
    assert (rij.status, rij.datum) == (VASTGESTELD, datetime.date(2025, 2, 13))
    laatste = rij.history.first()
    assert laatste.history_user == wethouder
    assert laatste.history_change_reason == "Besluit van de gemeenteraad: vastgesteld"
    assert rij.history.count() == 2


@pytest.mark.parametrize("wie", ["regisseur", "wethouder"])
def test_a_council_decision_is_recorded_only_for_ones_own_municipality(
    wijziging, drechtsteden, wie
):
    user = UserFactory(**{wie: True}, gemeente=drechtsteden[1])
    with pytest.raises(PermissionDenied) as refused:
        decide(user, wijziging, drechtsteden[2])
    assert str(refused.value) == (
        "U legt alleen het besluit van de gemeenteraad van uw eigen gemeente vast; het besluit "
        f"van {drechtsteden[2].naam} legt een lid uit die gemeente of de beheerder vast."
    )
    rij = behandeling(wijziging, drechtsteden[2])
    assert rij.status == RaadsbehandelingStatus.VOORGELEGD
    assert rij.history.count() == 1  # only its creation
    # Without a municipality in his profile, he records no council's decision.
    with pytest.raises(PermissionDenied):
        decide(UserFactory(**{wie: True}), wijziging, drechtsteden[2])


def test_the_beheerder_records_any_councils_decision(wijziging, drechtsteden, beheerder):
    decide(beheerder, wijziging, drechtsteden[4])
    rij = behandeling(wijziging, drechtsteden[4])
    assert rij.status == VASTGESTELD
    assert rij.history.first().history_user == beheerder


def test_a_councils_decision_is_final(wijziging, drechtsteden, regisseur):
    decide(regisseur, wijziging, drechtsteden[1])
    with pytest.raises(ValidationError, match="heeft al besloten"):
        decide(regisseur, wijziging, drechtsteden[1], status=AFGEWEZEN)
    assert behandeling(wijziging, drechtsteden[1]).status == VASTGESTELD


def test_a_decision_must_be_adopted_or_rejected(wijziging, drechtsteden, regisseur):
    with pytest.raises(ValidationError) as fout:
        decide(regisseur, wijziging, drechtsteden[1], status=RaadsbehandelingStatus.VOORGELEGD)
    assert "status" in fout.value.error_dict


def test_a_decision_is_not_before_the_change_nor_in_the_future(wijziging, drechtsteden, regisseur):
    with pytest.raises(ValidationError) as fout:
        decide(regisseur, wijziging, drechtsteden[1], datum=DAG - datetime.timedelta(days=1))
    assert "datum" in fout.value.error_dict
    morgen = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="toekomst"):
        decide(regisseur, wijziging, drechtsteden[1], datum=morgen)
    assert behandeling(wijziging, drechtsteden[1]).status == RaadsbehandelingStatus.VOORGELEGD


@pytest.mark.parametrize("rol", ["ambtenaar", "raadslid"])
def test_only_the_regiekamers_record_changes_and_decisions(drechtsteden, wijziging, rol):
    user = UserFactory(**{rol: True}, gemeente=drechtsteden[1])
    with pytest.raises(PermissionDenied):
        kaderwijziging_create(acting_user=user, titel="Nee", datum=DAG)
    with pytest.raises(PermissionDenied):
        decide(user, wijziging, drechtsteden[1])


def test_the_wethouder_may_record_a_change(drechtsteden):
    wethouder = UserFactory(wethouder=True, gemeente=drechtsteden[1])
    wijziging = kaderwijziging_create(acting_user=wethouder, titel="Kader", datum=DAG)
    assert wijziging.raadsbehandelingen.count() == 7


def test_the_database_refuses_a_second_row_for_one_council(wijziging, drechtsteden):
    dubbel = Raadsbehandeling(kaderwijziging=wijziging, gemeente=drechtsteden[0], datum=DAG)
    with pytest.raises(ValidationError, match="al"):
        dubbel.full_clean()


# Commitments


@pytest.fixture
def ambtenaar(drechtsteden):
    return UserFactory(ambtenaar=True, gemeente=drechtsteden[1])


@pytest.fixture
def gepubliceerd(db):
    return RaadsinformatiebriefFactory(gepubliceerd=True, datum=datetime.date(2024, 11, 1))


def test_a_commitment_of_a_published_letter_is_registered(ambtenaar, gepubliceerd):
    toezegging = toezegging_register(
        acting_user=ambtenaar,
        tekst="Nieuw uitvoeringsprogramma met begroting.",
        brief=gepubliceerd,
        verwacht_op=datetime.date(2025, 7, 1),
    )
    assert toezegging.is_open and toezegging.gemeente is None
    historie = toezegging.history.get()
    assert (historie.history_user, historie.history_change_reason) == (
        ambtenaar,
        "Toezegging geregistreerd",
    )


def test_a_draft_letter_promises_nothing(ambtenaar):
    with pytest.raises(ValidationError) as fout:
        toezegging_register(
            acting_user=ambtenaar,
            tekst="Iets",
            brief=RaadsinformatiebriefFactory(),
            verwacht_op=datetime.date(2030, 1, 1),
        )
    assert "brief" in fout.value.error_dict


def test_a_commitment_is_to_one_of_the_seven_councils(ambtenaar, gepubliceerd):
    with pytest.raises(ValidationError) as fout:
        toezegging_register(
            acting_user=ambtenaar,
            tekst="Iets",
            brief=gepubliceerd,
            verwacht_op=datetime.date(2025, 7, 1),
            gemeente=GemeenteFactory(naam="Gorinchem"),
        )
    assert "gemeente" in fout.value.error_dict


def test_the_expected_date_is_not_before_the_letter(ambtenaar, gepubliceerd):
    with pytest.raises(ValidationError) as fout:
        toezegging_register(
            acting_user=ambtenaar,
            tekst="Iets",
            brief=gepubliceerd,
            verwacht_op=datetime.date(2024, 10, 1),
        )
    assert "verwacht_op" in fout.value.error_dict


def test_a_raadslid_registers_no_commitment(drechtsteden, gepubliceerd):
    with pytest.raises(PermissionDenied):
        toezegging_register(
            acting_user=UserFactory(raadslid=True, gemeente=drechtsteden[1]),
            tekst="Iets",
            brief=gepubliceerd,
            verwacht_op=datetime.date(2025, 7, 1),
        )


def test_settling_a_commitment_records_how_and_when(regisseur, gepubliceerd):
    toezegging = ToezeggingFactory(brief=gepubliceerd)
    toezegging_settle(
        acting_user=regisseur,
        toezegging=toezegging,
        afdoening="Raadsvoorstel verstuurd.",
        afgedaan_op=datetime.date(2025, 3, 1),
    )
    toezegging.refresh_from_db()
    assert not toezegging.is_open
    assert toezegging.afdoening == "Raadsvoorstel verstuurd."
    laatste = toezegging.history.first()
    assert (laatste.history_user, laatste.history_change_reason) == (
        regisseur,
        "Toezegging afgedaan",
    )
    with pytest.raises(ValidationError, match="al afgedaan"):
        toezegging_settle(
            acting_user=regisseur,
            toezegging=toezegging,
            afdoening="Nog eens",
            afgedaan_op=datetime.date(2025, 3, 2),
        )


def test_settling_needs_a_text_a_plausible_date_and_the_permission(
    regisseur, ambtenaar, gepubliceerd
):
    toezegging = ToezeggingFactory(brief=gepubliceerd)
    with pytest.raises(PermissionDenied):
        toezegging_settle(
            acting_user=ambtenaar,
            toezegging=toezegging,
            afdoening="Gedaan",
            afgedaan_op=datetime.date(2025, 3, 1),
        )
    for afdoening, datum, veld in (
        ("  ", datetime.date(2025, 3, 1), "afdoening"),
        ("Gedaan", datetime.date(2024, 10, 1), "afgedaan_op"),
        ("Gedaan", timezone.localdate() + datetime.timedelta(days=1), "afgedaan_op"),
    ):
        with pytest.raises(ValidationError) as fout:
            toezegging_settle(
                acting_user=regisseur, toezegging=toezegging, afdoening=afdoening, afgedaan_op=datum
            )
        assert veld in fout.value.error_dict
    toezegging.refresh_from_db()
    assert toezegging.is_open


def test_per_council_lists_its_own_and_the_common_commitments_open_first(drechtsteden):
    dordrecht, papendrecht = drechtsteden[1], drechtsteden[4]
    afgedaan = ToezeggingFactory(tekst="Afgedaan", afgedaan=True, verwacht_op=DAG)
    gemeenschappelijk = ToezeggingFactory(tekst="Voor alle zeven")
    eigen = ToezeggingFactory(tekst="Voor Dordrecht", gemeente=dordrecht)
    per = dict(toezeggingen_per_gemeente())
    assert per[dordrecht] == [gemeenschappelijk, eigen, afgedaan]
    assert per[papendrecht] == [gemeenschappelijk, afgedaan]


def test_a_later_letter_lists_what_is_still_open_for_its_council(drechtsteden):
    dordrecht, papendrecht = drechtsteden[1], drechtsteden[4]
    eerste = RaadsinformatiebriefFactory(
        gepubliceerd=True,
        datum=datetime.date(2024, 11, 1),
        gepubliceerd_op=datetime.datetime(2024, 11, 1, 12, tzinfo=datetime.UTC),
    )
    open_alle = ToezeggingFactory(brief=eerste, tekst="Open voor alle")
    open_dordt = ToezeggingFactory(brief=eerste, tekst="Open voor Dordrecht", gemeente=dordrecht)
    ToezeggingFactory(brief=eerste, tekst="Voor Papendrecht", gemeente=papendrecht)
    ToezeggingFactory(
        brief=eerste, afdoening="Klaar", afgedaan_op=datetime.date(2025, 1, 1), tekst="Vroeg af"
    )
    laat_af = ToezeggingFactory(
        brief=eerste, afdoening="Klaar", afgedaan_op=datetime.date(2025, 6, 1), tekst="Laat af"
    )
    later = RaadsinformatiebriefFactory(datum=datetime.date(2025, 3, 1))
    # Published after the later letter's peildatum: not in it.
    ToezeggingFactory(
        brief=RaadsinformatiebriefFactory(
            gepubliceerd=True,
            datum=datetime.date(2025, 4, 1),
            gepubliceerd_op=datetime.datetime(2025, 4, 1, 12, tzinfo=datetime.UTC),
        )
    )
    ToezeggingFactory(brief=later, tekst="Van de brief zelf")

    lijst = open_toezeggingen(peildatum=datetime.date(2025, 3, 1), letter=later, gemeente=dordrecht)

    assert set(lijst) == {open_alle, open_dordt, laat_af}
    assert (
        open_toezeggingen(peildatum=datetime.date(2024, 11, 1), letter=eerste, gemeente=dordrecht)
        == []
    )
