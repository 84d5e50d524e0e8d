"""One money input everywhere: every form's amount is written and shown back the Dutch way."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from drechtsteden.forms import BedragField
from tests.factories import UserFactory
from transitie.financien.forms import BegrotingspostForm, BijdrageForm, KaderwijzigingForm
from transitie.financien.models import Kaderwijziging


def test_every_amount_field_of_the_portal_is_the_one_money_input():
    assert isinstance(BegrotingspostForm.base_fields["bedrag"], BedragField)
    assert isinstance(BijdrageForm.base_fields["bedrag"], BedragField)
    assert isinstance(KaderwijzigingForm.base_fields["bedrag"], BedragField)


@pytest.mark.parametrize(
    "invoer, bedrag",
    [
        ("992.500", Decimal("992500.00")),
        ("992500", Decimal("992500.00")),
        ("-2.500,50", Decimal("-2500.50")),
        ("€ 1.250", Decimal("1250.00")),
    ],
)
def test_an_amount_is_read_as_people_in_the_netherlands_write_it(invoer, bedrag):
    assert BedragField().clean(invoer) == bedrag


def test_an_amount_is_shown_back_as_it_is_written():
    with translation.override("nl"):
        assert BedragField().prepare_value(Decimal("992500.00")) == "992.500,00"


@pytest.mark.django_db
def test_a_framework_change_takes_an_amount_with_a_thousands_point(drechtsteden):
    client = Client()
    client.force_login(UserFactory(regisseur=True))
    antwoord = client.post(
        reverse("financien:kaderwijziging_nieuw"),
        {"titel": "Nieuw kader", "datum": "2025-01-15", "bedrag": "-25.000"},
    )
    assert antwoord.status_code == 302
    assert Kaderwijziging.objects.get(titel="Nieuw kader").bedrag == Decimal("-25000.00")
