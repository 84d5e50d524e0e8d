"""The regiekamers' notifications: a review sent back, a proposal on the aldermen's agenda, a
decision taken. Each goes to exactly the people it concerns."""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from drechtsteden.meldingen.constants import MeldingSoort
from drechtsteden.meldingen.services import meldingen_send
from thema.models import Beoordeling
from transitie.constants import AdviesVervolg
from transitie.regiekamer.models import Advies, Besluit, Lidmaatschap
from transitie.regiekamer.selectors import bestuurlijke_zetels, betrokken_gemeenten


def _themateam(beoordeling: Beoordeling):
    return get_user_model().objects.filter(
        themateams__thema_id=beoordeling.activiteit.thema_id, is_active=True
    )


def _wethouders(zetels: dict[int, Lidmaatschap], betrokken: Iterable[int]) -> list:
    return [zetels[g].gebruiker for g in betrokken if g in zetels]


def advies_meld(*, advies: Advies, acting_user: AbstractBaseUser) -> None:
    """Sent back: its theme team. On the agenda: the aldermen of the involved municipalities."""
    beoordeling = advies.beoordeling
    activiteit = beoordeling.activiteit
    if advies.vervolg == AdviesVervolg.TERUGVERWIJZEN:
        meldingen_send(
            soort=MeldingSoort.BEOORDELING_TERUGVERWEZEN,
            gebeurtenis=f"beoordeling-terugverwezen:{advies.pk}",
            ontvangers=_themateam(beoordeling),
            titel=_("Beoordeling terugverwezen: %(activiteit)s") % {"activiteit": activiteit},
            url=reverse(
                "thema:beoordelen",
                kwargs={"slug": activiteit.thema.slug, "activiteit": activiteit.slug},
            ),
            acting_user=acting_user,
        )
        return
    zetels = bestuurlijke_zetels(timezone.localdate())
    meldingen_send(
        soort=MeldingSoort.ADVIES_GEGEVEN,
        gebeurtenis=f"advies-gegeven:{advies.pk}",
        ontvangers=_wethouders(zetels, betrokken_gemeenten(beoordeling)),
        titel=_("Voorstel op uw agenda: %(activiteit)s") % {"activiteit": activiteit},
        url=reverse("regiekamer:stem", kwargs={"pk": beoordeling.pk}),
        acting_user=acting_user,
    )


def besluit_meld(
    *,
    besluit: Besluit,
    betrokken: Iterable[int],
    zetels: dict[int, Lidmaatschap],
    acting_user: AbstractBaseUser,
) -> None:
    """A decision: the theme team and the aldermen of the involved municipalities."""
    beoordeling = besluit.beoordeling
    meldingen_send(
        soort=MeldingSoort.BESLUIT_GENOMEN,
        gebeurtenis=f"besluit:{besluit.pk}",
        ontvangers=[*_themateam(beoordeling), *_wethouders(zetels, betrokken)],
        titel=_("Besluit: %(voorstel)s: %(uitkomst)s")
        % {
            "voorstel": beoordeling.voorstel_titel,
            "uitkomst": besluit.get_uitkomst_display().lower(),
        },
        url=reverse("besluiten:detail", kwargs={"pk": besluit.pk}),
        acting_user=acting_user,
    )
