"""Data built once per module (build_once_per_module in tests/conftest.py): what one test changes,
in the database or in its copy, the next test does not see. The tests run in the file's order."""

import copy

import pytest

from drechtsteden.models import Gemeente
from tests.conftest import build_once_per_module
from tests.factories import GemeenteFactory

pytestmark = pytest.mark.django_db


def dordrecht_create() -> Gemeente:
    return GemeenteFactory(naam="Dordrecht", cbs_code="GM0505", drechtstad=True)


dordrecht_van_de_module = build_once_per_module(dordrecht_create)


@pytest.fixture
def dordrecht(dordrecht_van_de_module) -> Gemeente:
    return copy.deepcopy(dordrecht_van_de_module)


def test_a_test_changes_the_data_and_its_copy(dordrecht):
    dordrecht.naam = "Dordt"
    dordrecht.save()
    GemeenteFactory(naam="Gorinchem")
    assert set(Gemeente.objects.values_list("naam", flat=True)) == {"Dordt", "Gorinchem"}


def test_the_next_test_finds_the_data_as_built(dordrecht):
    assert dordrecht.naam == "Dordrecht"
    assert list(Gemeente.objects.values_list("naam", flat=True)) == ["Dordrecht"]
    # The copy refreshed from the database is the same row.
    dordrecht.refresh_from_db()
    assert dordrecht.naam == "Dordrecht"


def test_a_test_that_does_not_ask_for_the_data_finds_it_too():
    assert Gemeente.objects.get().naam == "Dordrecht"
    assert Gemeente.history.count() == 1
