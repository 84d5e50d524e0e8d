from collections.abc import Collection, Mapping

from django.db import models
from django.utils.translation import gettext_lazy as _

from transitie.constants import StemKeuze


class Uitkomst(models.TextChoices):
    AANGENOMEN = "aangenomen", _("Aangenomen")
    VERWORPEN = "verworpen", _("Verworpen")
    OPEN = "open", _("Nog niet besloten")


def uitkomst(
    *,
    betrokken_gemeenten: Collection,
    stemmen: Mapping,
    vertegenwoordigd: Collection,
) -> Uitkomst:
    """The outcome, given the involved municipalities, the votes cast so far (municipality ->
    keuze) and the municipalities with a current member in the bestuurlijke regiekamer.

    - an involved municipality votes tegen: verworpen, at once;
    - every involved municipality voted instemmen: aangenomen;
    - every involved municipality voted, some abstained: verworpen (no consent, no coalition);
    - otherwise open: someone involved has still to vote. An involved municipality without a
      current member cannot vote, so the proposal stays open until it is represented.
    - votes of municipalities that are not involved do not decide anything.
    """
    betrokken = set(betrokken_gemeenten)
    if not betrokken:
        # Nobody is put in or taken out of a coalition: nothing to consent to.
        return Uitkomst.OPEN
    keuzes = {gemeente: stemmen[gemeente] for gemeente in betrokken if gemeente in stemmen}
    if StemKeuze.TEGEN in keuzes.values():
        return Uitkomst.VERWORPEN
    if betrokken - set(vertegenwoordigd) - set(keuzes):
        # An involved municipality without a current member cannot vote yet.
        return Uitkomst.OPEN
    if len(keuzes) < len(betrokken):
        return Uitkomst.OPEN
    if all(keuze == StemKeuze.INSTEMMEN for keuze in keuzes.values()):
        return Uitkomst.AANGENOMEN
    return Uitkomst.VERWORPEN
