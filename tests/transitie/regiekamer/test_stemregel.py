"""The outcome rule, combination by combination (DESIGN.md: meervoudig lokaal)."""

import pytest

from transitie.constants import StemKeuze
from transitie.regiekamer.stemregel import Uitkomst, uitkomst

JA, NEE, ONT = StemKeuze.INSTEMMEN, StemKeuze.TEGEN, StemKeuze.ONTHOUDEN
ZEVEN = ("ALB", "DOR", "HAR", "HIA", "PAP", "SLI", "ZWI")
BETROKKEN = ("DOR", "PAP", "ZWI")

# (description, involved, votes, represented, outcome)
TABEL = [
    ("nobody voted yet", BETROKKEN, {}, ZEVEN, Uitkomst.OPEN),
    (
        "all involved instemmen",
        BETROKKEN,
        {"DOR": JA, "PAP": JA, "ZWI": JA},
        ZEVEN,
        Uitkomst.AANGENOMEN,
    ),
    ("two of three instemmen", BETROKKEN, {"DOR": JA, "PAP": JA}, ZEVEN, Uitkomst.OPEN),
    ("one involved tegen, others not yet", BETROKKEN, {"DOR": NEE}, ZEVEN, Uitkomst.VERWORPEN),
    (
        "one involved tegen, others instemmen",
        BETROKKEN,
        {"DOR": JA, "PAP": NEE, "ZWI": JA},
        ZEVEN,
        Uitkomst.VERWORPEN,
    ),
    ("involved onthouden, others not yet", BETROKKEN, {"DOR": ONT}, ZEVEN, Uitkomst.OPEN),
    (
        "all voted, one involved onthouden",
        BETROKKEN,
        {"DOR": JA, "PAP": ONT, "ZWI": JA},
        ZEVEN,
        Uitkomst.VERWORPEN,
    ),
    (
        "non-involved tegen does not block",
        BETROKKEN,
        {"DOR": JA, "PAP": JA, "ZWI": JA, "ALB": NEE},
        ZEVEN,
        Uitkomst.AANGENOMEN,
    ),
    (
        "non-involved tegen alone decides nothing",
        BETROKKEN,
        {"ALB": NEE, "SLI": NEE},
        ZEVEN,
        Uitkomst.OPEN,
    ),
    (
        "non-involved instemmen do not adopt",
        BETROKKEN,
        {"ALB": JA, "SLI": JA, "HAR": JA, "HIA": JA},
        ZEVEN,
        Uitkomst.OPEN,
    ),
    (
        "involved municipality without a current member: stays open",
        BETROKKEN,
        {"DOR": JA, "PAP": JA},
        tuple(g for g in ZEVEN if g != "ZWI"),
        Uitkomst.OPEN,
    ),
    (
        "without a member, a tegen still rejects",
        BETROKKEN,
        {"DOR": NEE},
        tuple(g for g in ZEVEN if g != "ZWI"),
        Uitkomst.VERWORPEN,
    ),
    (
        "non-involved municipality without a member does not matter",
        BETROKKEN,
        {"DOR": JA, "PAP": JA, "ZWI": JA},
        tuple(g for g in ZEVEN if g != "ALB"),
        Uitkomst.AANGENOMEN,
    ),
    (
        "all seven involved, all instemmen",
        ZEVEN,
        dict.fromkeys(ZEVEN, JA),
        ZEVEN,
        Uitkomst.AANGENOMEN,
    ),
    ("nobody involved", (), {"DOR": JA}, ZEVEN, Uitkomst.OPEN),
]


@pytest.mark.parametrize(
    ("betrokken", "stemmen", "vertegenwoordigd", "verwacht"),
    [row[1:] for row in TABEL],
    ids=[row[0] for row in TABEL],
)
def test_outcome_rule(betrokken, stemmen, vertegenwoordigd, verwacht):
    assert (
        uitkomst(betrokken_gemeenten=betrokken, stemmen=stemmen, vertegenwoordigd=vertegenwoordigd)
        == verwacht
    )
