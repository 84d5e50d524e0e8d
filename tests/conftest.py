"""Fixtures shared by the whole suite; the factories in tests/factories.py do the real work."""

import pytest

from drechtsteden.models import Gemeente
from tests.factories import GemeenteFactory, RegiekamerFactory
from transitie.models import Regiekamer

ZEVEN_DRECHTSTEDEN = (
    ("Alblasserdam", "GM0482"),
    ("Dordrecht", "GM0505"),
    ("Hardinxveld-Giessendam", "GM0523"),
    ("Hendrik-Ido-Ambacht", "GM0531"),
    ("Papendrecht", "GM0590"),
    ("Sliedrecht", "GM0610"),
    ("Zwijndrecht", "GM0642"),
)


@pytest.fixture
def drechtsteden(db) -> list[Gemeente]:
    """The seven municipalities by their real names and CBS codes."""
    return [
        GemeenteFactory(naam=naam, cbs_code=cbs_code, drechtstad=True)
        for naam, cbs_code in ZEVEN_DRECHTSTEDEN
    ]


@pytest.fixture
def regiekamers(db) -> tuple[Regiekamer, Regiekamer]:
    """The ambtelijke and the bestuurlijke regiekamer."""
    return RegiekamerFactory(), RegiekamerFactory(bestuurlijk=True)
