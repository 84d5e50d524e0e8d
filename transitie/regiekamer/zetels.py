"""The seat rule: who votes for which municipality on which proposal."""

from collections.abc import Collection, Mapping

from django.db import models
from django.utils.translation import gettext_lazy as _

from transitie.regiekamer.models import Lidmaatschap


class Weigering(models.TextChoices):
    """Why a vote would not count; the label is the refusal's message (%(gemeente)s: the seat's)."""

    GEEN_ZETEL = (
        "geen_zetel",
        _(
            "U bent op dit moment geen lid van de bestuurlijke regiekamer en stemt dus niet "
            "namens een gemeente."
        ),
    )
    ANDERE_GEMEENTE = (
        "andere_gemeente",
        _("Alleen het huidige lid van de bestuurlijke regiekamer voor %(gemeente)s stemt."),
    )
    NIET_BETROKKEN = (
        "niet_betrokken",
        _(
            "%(gemeente)s is niet betrokken bij dit voorstel: alleen de betrokken gemeenten "
            "stemmen erover. Uw stem is niet vastgelegd."
        ),
    )


def eigen_zetel(*, gebruiker_id: int, zetels: Mapping[int, Lidmaatschap]) -> int | None:
    """The municipality whose seat the user holds today, or None: he votes for no one."""
    return next(
        (gemeente for gemeente, lid in zetels.items() if lid.gebruiker_id == gebruiker_id), None
    )


def stemrecht(
    *,
    gebruiker_id: int,
    gemeente_id: int | None,
    zetels: Mapping[int, Lidmaatschap],
    betrokken: Collection[int],
) -> Weigering | None:
    """None when the user's vote for `gemeente_id` on a proposal with these involved
    municipalities counts; otherwise why not. `zetels`: municipality id -> its current member."""
    if eigen_zetel(gebruiker_id=gebruiker_id, zetels=zetels) is None:
        return Weigering.GEEN_ZETEL
    lid = zetels.get(gemeente_id)
    if lid is None or lid.gebruiker_id != gebruiker_id:
        return Weigering.ANDERE_GEMEENTE
    if gemeente_id not in betrokken:
        return Weigering.NIET_BETROKKEN
    return None
