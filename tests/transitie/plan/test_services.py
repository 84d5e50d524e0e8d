"""The milestone rules: deadline reason, dependency order, no cycles, sign-off with history."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from simple_history.utils import get_m2m_reverse_field_name

from tests.factories import PLAN_DEADLINE, AanbevelingFactory, MijlpaalFactory, UserFactory
from transitie.constants import MijlpaalStatus
from transitie.plan.models import Mijlpaal
from transitie.plan.services import mijlpaal_save, mijlpaal_set_afhankelijkheden, mijlpaal_sign_off

pytestmark = pytest.mark.django_db

VANDAAG = datetime.date(2025, 5, 1)


def test_milestone_due_after_the_plan_deadline_needs_a_reason(regiekamers):
    ambtenaar = UserFactory(regisseur=True)
    mijlpaal = Mijlpaal(
        aanbeveling=AanbevelingFactory(),
        titel="Nieuwe samenwerkingsovereenkomst",
        eigenaar_regiekamer=regiekamers[0],
        deadline=datetime.date(2025, 9, 1),
    )
    with pytest.raises(ValidationError) as fout:
        mijlpaal_save(mijlpaal=mijlpaal, acting_user=ambtenaar, reden="Gepland")
    assert "reden_na_plandeadline" in fout.value.message_dict
    assert "geef de reden" in fout.value.message_dict["reden_na_plandeadline"][0]

    mijlpaal.reden_na_plandeadline = "Wacht op de besluitvorming in de raden."
    mijlpaal_save(mijlpaal=mijlpaal, acting_user=ambtenaar, reden="Gepland")
    rij = mijlpaal.history.get()
    assert (rij.history_user, rij.history_change_reason) == (ambtenaar, "Gepland")


def test_milestone_on_the_plan_deadline_needs_no_reason(regiekamers):
    mijlpaal = Mijlpaal(
        aanbeveling=AanbevelingFactory(),
        titel="Regiekamers ingesteld",
        eigenaar_regiekamer=regiekamers[1],
        deadline=PLAN_DEADLINE,
    )
    mijlpaal_save(mijlpaal=mijlpaal, acting_user=UserFactory(regisseur=True), reden="Gepland")
    assert mijlpaal.pk


def test_saving_cannot_mark_gereed_that_goes_through_sign_off():
    mijlpaal = MijlpaalFactory()
    mijlpaal.status = MijlpaalStatus.GEREED
    mijlpaal.gereed_op = VANDAAG
    with pytest.raises(ValidationError) as fout:
        mijlpaal_save(mijlpaal=mijlpaal, acting_user=UserFactory(regisseur=True), reden="Klaar")
    assert "aftekening" in fout.value.message_dict["status"][0]


def test_sign_off_by_the_bestuurlijke_regiekamer_with_history():
    wethouder = UserFactory(wethouder=True)
    mijlpaal = MijlpaalFactory(te_laat=True)
    mijlpaal_sign_off(
        mijlpaal=mijlpaal,
        acting_user=wethouder,
        reden="Afgetekend in de vergadering",
        gereed_op=VANDAAG,
    )
    mijlpaal.refresh_from_db()
    assert (mijlpaal.status, mijlpaal.gereed_op) == (MijlpaalStatus.GEREED, VANDAAG)
    laatste = mijlpaal.history.first()
    assert laatste.history_user == wethouder
    assert laatste.history_change_reason == "Afgetekend in de vergadering"
    assert mijlpaal.history.count() == 2


@pytest.mark.parametrize("rol", ["ambtenaar", "regisseur", "raadslid"])
def test_only_the_bestuurlijke_regiekamer_signs_off(rol):
    mijlpaal = MijlpaalFactory()
    with pytest.raises(PermissionDenied):
        mijlpaal_sign_off(
            mijlpaal=mijlpaal, acting_user=UserFactory(**{rol: True}), reden="x", gereed_op=VANDAAG
        )
    mijlpaal.refresh_from_db()
    assert mijlpaal.status == MijlpaalStatus.GEPLAND
    assert mijlpaal.history.count() == 1


def test_sign_off_needs_a_reason():
    with pytest.raises(ValidationError):
        mijlpaal_sign_off(
            mijlpaal=MijlpaalFactory(),
            acting_user=UserFactory(wethouder=True),
            reden=" ",
            gereed_op=VANDAAG,
        )


def test_no_gereed_before_the_milestones_it_depends_on():
    wethouder = UserFactory(wethouder=True)
    voorwaarde = MijlpaalFactory(titel="Regiekamers ingesteld")
    vervallen = MijlpaalFactory(status=MijlpaalStatus.VERVALLEN)
    mijlpaal = MijlpaalFactory(afhankelijk_van=[voorwaarde, vervallen])
    with pytest.raises(ValidationError) as fout:
        mijlpaal_sign_off(
            mijlpaal=mijlpaal, acting_user=wethouder, reden="Klaar", gereed_op=VANDAAG
        )
    assert "Regiekamers ingesteld" in fout.value.message_dict["status"][0]
    mijlpaal.refresh_from_db()
    assert mijlpaal.status == MijlpaalStatus.GEPLAND

    mijlpaal_sign_off(mijlpaal=voorwaarde, acting_user=wethouder, reden="Klaar", gereed_op=VANDAAG)
    mijlpaal_sign_off(mijlpaal=mijlpaal, acting_user=wethouder, reden="Klaar", gereed_op=VANDAAG)
    mijlpaal.refresh_from_db()
    assert mijlpaal.status == MijlpaalStatus.GEREED


def test_a_milestone_already_done_is_not_signed_off_again():
    with pytest.raises(ValidationError):
        mijlpaal_sign_off(
            mijlpaal=MijlpaalFactory(gereed=True),
            acting_user=UserFactory(wethouder=True),
            reden="Nogmaals",
            gereed_op=VANDAAG,
        )


def test_a_dependency_cycle_is_refused():
    a = MijlpaalFactory(titel="A")
    b = MijlpaalFactory(titel="B", afhankelijk_van=[a])
    c = MijlpaalFactory(titel="C", afhankelijk_van=[b])
    user = UserFactory(regisseur=True)
    with pytest.raises(ValidationError) as fout:
        mijlpaal_set_afhankelijkheden(mijlpaal=a, afhankelijk_van=[c], acting_user=user, reden="x")
    assert "kring" in fout.value.message_dict["afhankelijk_van"][0]
    with pytest.raises(ValidationError):
        mijlpaal_set_afhankelijkheden(mijlpaal=a, afhankelijk_van=[a], acting_user=user, reden="x")
    assert list(a.afhankelijk_van.all()) == []


def test_dependencies_are_set_with_history():
    a = MijlpaalFactory(titel="A")
    b = MijlpaalFactory(titel="B")
    user = UserFactory(regisseur=True)
    mijlpaal_set_afhankelijkheden(
        mijlpaal=b, afhankelijk_van=[a], acting_user=user, reden="Volgorde"
    )
    assert list(b.afhankelijk_van.all()) == [a]
    laatste = b.history.order_by("history_date", "history_id").last()
    assert (laatste.history_user, laatste.history_change_reason) == (user, "Volgorde")
    target = get_m2m_reverse_field_name(Mijlpaal._meta.get_field("afhankelijk_van"))
    assert [getattr(rij, target) for rij in laatste.afhankelijk_van.all()] == [a]


def test_a_done_milestone_cannot_depend_on_an_open_one():
    with pytest.raises(ValidationError):
        mijlpaal_set_afhankelijkheden(
            mijlpaal=MijlpaalFactory(gereed=True),
            afhankelijk_van=[MijlpaalFactory()],
            acting_user=UserFactory(regisseur=True),
            reden="x",
        )


@pytest.mark.parametrize("rol", ["ambtenaar", "wethouder", "raadslid"])
def test_only_the_ambtelijke_regiekamer_keeps_the_plan(rol):
    mijlpaal = MijlpaalFactory()
    mijlpaal.titel = "Andere titel"
    with pytest.raises(PermissionDenied):
        mijlpaal_save(mijlpaal=mijlpaal, acting_user=UserFactory(**{rol: True}), reden="x")
    with pytest.raises(PermissionDenied):
        mijlpaal_set_afhankelijkheden(
            mijlpaal=mijlpaal, afhankelijk_van=[], acting_user=UserFactory(**{rol: True}), reden="x"
        )


def test_saving_with_dependencies_sets_them_in_one_step_with_history(regiekamers):
    regisseur = UserFactory(regisseur=True)
    voorwaarde = MijlpaalFactory(titel="Regiekamers ingesteld")
    mijlpaal = Mijlpaal(
        aanbeveling=AanbevelingFactory(),
        titel="Eerste vergadering",
        eigenaar_regiekamer=regiekamers[0],
        deadline=PLAN_DEADLINE,
    )
    mijlpaal_save(
        mijlpaal=mijlpaal, acting_user=regisseur, reden="Gepland", afhankelijk_van=[voorwaarde]
    )
    assert list(mijlpaal.afhankelijk_van.all()) == [voorwaarde]
    rijen = list(mijlpaal.history.order_by("history_date", "history_id"))
    assert [(r.history_type, r.history_user, r.history_change_reason) for r in rijen] == [
        ("+", regisseur, "Gepland"),
        ("~", regisseur, "Gepland"),
    ]

    # The same dependencies again: no second change of them, only the save's own row.
    mijlpaal.status = MijlpaalStatus.BEZIG
    mijlpaal_save(
        mijlpaal=mijlpaal, acting_user=regisseur, reden="Begonnen", afhankelijk_van=[voorwaarde]
    )
    assert mijlpaal.history.count() == 3
    assert mijlpaal.history.first().status == MijlpaalStatus.BEZIG


def test_a_cycle_refused_while_saving_stores_nothing():
    a = MijlpaalFactory(titel="A")
    b = MijlpaalFactory(titel="B", afhankelijk_van=[a])
    a.titel = "A, hernoemd"
    with pytest.raises(ValidationError) as fout:
        mijlpaal_save(
            mijlpaal=a, acting_user=UserFactory(regisseur=True), reden="x", afhankelijk_van=[b]
        )
    assert "kring" in fout.value.message_dict["afhankelijk_van"][0]
    a.refresh_from_db()
    assert a.titel == "A"
    assert a.history.count() == 1


def test_a_signed_off_milestone_stays_gereed():
    mijlpaal = MijlpaalFactory(gereed=True)
    mijlpaal.status = MijlpaalStatus.BEZIG
    mijlpaal.gereed_op = None
    with pytest.raises(ValidationError) as fout:
        mijlpaal_save(mijlpaal=mijlpaal, acting_user=UserFactory(regisseur=True), reden="Terug")
    assert "blijft gereed" in fout.value.message_dict["status"][0]
    mijlpaal.refresh_from_db()
    assert mijlpaal.status == MijlpaalStatus.GEREED
