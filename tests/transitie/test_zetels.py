"""The seat rule (transitie.zetels) by table: who votes for which municipality on which proposal."""

import pytest

from transitie.regiekamer.models import Lidmaatschap
from transitie.regiekamer.zetels import Weigering, eigen_zetel, stemrecht

# Municipality 1 is held by user 10, municipality 2 by user 20; municipality 3 has no member.
ZETELS = {
    1: Lidmaatschap(gemeente_id=1, gebruiker_id=10),
    2: Lidmaatschap(gemeente_id=2, gebruiker_id=20),
}


@pytest.mark.parametrize(
    ("gebruiker", "gemeente", "betrokken", "verwacht"),
    [
        (10, 1, {1, 2}, None),  # his seat, involved: counts
        (10, 1, {2}, Weigering.NIET_BETROKKEN),  # his seat, not involved
        (10, 2, {1, 2}, Weigering.ANDERE_GEMEENTE),  # another's seat
        (10, 3, {3}, Weigering.ANDERE_GEMEENTE),  # a municipality without a member
        (30, 1, {1}, Weigering.GEEN_ZETEL),  # no current seat at all
        (30, None, {1}, Weigering.GEEN_ZETEL),
        (10, None, {1}, Weigering.ANDERE_GEMEENTE),
    ],
)
def test_stemrecht(gebruiker, gemeente, betrokken, verwacht):
    assert (
        stemrecht(gebruiker_id=gebruiker, gemeente_id=gemeente, zetels=ZETELS, betrokken=betrokken)
        == verwacht
    )


def test_eigen_zetel_is_the_municipality_whose_seat_the_user_holds():
    assert eigen_zetel(gebruiker_id=20, zetels=ZETELS) == 2
    assert eigen_zetel(gebruiker_id=30, zetels=ZETELS) is None
