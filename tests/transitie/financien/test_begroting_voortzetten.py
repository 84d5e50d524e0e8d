"""begroting_voortzetten: next year's budget as a budget-neutral continuation."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.factories import BegrotingFactory, BegrotingspostFactory, ThemaFactory, UserFactory
from transitie.constants import PostSoort
from transitie.financien.models import Begroting, Begrotingspost
from transitie.financien.services import begroting_voortzetten


@pytest.fixture
def begroting(db) -> Begroting:
    begroting = BegrotingFactory(jaar=2030, naam="Groeiagenda 2030")
    BegrotingspostFactory(
        begroting=begroting, omschrijving="Werklocaties", bedrag=Decimal("120000.00")
    )
    BegrotingspostFactory(
        begroting=begroting,
        omschrijving="Energietransitie",
        thema=ThemaFactory(),
        bedrag=Decimal("80000.50"),
    )
    BegrotingspostFactory(begroting=begroting, omschrijving="Tekort 2029", tekort=True)
    return begroting


def test_continuation_copies_expenditure_lines_budget_neutrally(begroting):
    voortzetting = begroting_voortzetten(begroting=begroting, acting_user=UserFactory())

    assert voortzetting.jaar == 2031
    assert voortzetting.naam == "Groeiagenda 2031"
    assert voortzetting.voortzetting_van == begroting
    assert voortzetting.budgetneutraal is True
    kopie = lambda b: sorted(  # noqa: E731
        b.posten.filter(soort=PostSoort.UITGAVE).values_list("omschrijving", "thema", "bedrag")
    )
    assert kopie(voortzetting) == kopie(begroting)


def test_continuation_leaves_out_the_carried_deficit(begroting):
    voortzetting = begroting_voortzetten(begroting=begroting, acting_user=UserFactory())

    assert not voortzetting.posten.filter(soort=PostSoort.OVERGEHEVELD_TEKORT).exists()
    assert voortzetting.posten.count() == 2


def test_a_budget_is_continued_only_once(begroting):
    user = UserFactory()
    begroting_voortzetten(begroting=begroting, acting_user=user)

    with pytest.raises(ValidationError, match="al een begroting voor 2031"):
        begroting_voortzetten(begroting=begroting, acting_user=user)
    assert Begroting.objects.filter(jaar=2031).count() == 1


def test_continuation_is_refused_when_next_year_exists_already(begroting):
    BegrotingFactory(jaar=2031)

    with pytest.raises(ValidationError):
        begroting_voortzetten(begroting=begroting, acting_user=UserFactory())
    assert not Begrotingspost.objects.filter(begroting__jaar=2031).exists()


def test_continuation_leaves_history_with_user_and_reason(begroting):
    user = UserFactory()
    voortzetting = begroting_voortzetten(begroting=begroting, acting_user=user)

    rijen = list(voortzetting.history.all())
    assert len(rijen) == 1
    assert rijen[0].history_type == "+"
    assert rijen[0].history_user == user
    assert rijen[0].history_change_reason == "Budgetneutrale voortzetting van Groeiagenda 2030"
    post_rijen = Begrotingspost.history.filter(begroting_id=voortzetting.pk)
    assert post_rijen.count() == 2
    assert {(r.history_type, r.history_user, r.history_change_reason) for r in post_rijen} == {
        ("+", user, "Budgetneutrale voortzetting van Groeiagenda 2030")
    }
    # The continued budget itself is not touched.
    assert begroting.history.count() == 1
