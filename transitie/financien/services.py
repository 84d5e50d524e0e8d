"""State changes of the finance: lines and contributions within the ceiling, framework changes."""

import datetime
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from drechtsteden.opmaak import euro
from drechtsteden.selectors import drechtsteden_list
from drechtsteden.services import history_save
from transitie.brieven.models import Raadsinformatiebrief
from transitie.constants import (
    BijdrageStatus,
    PostSoort,
    RaadsbehandelingStatus,
)
from transitie.financien.models import (
    Begroting,
    Begrotingspost,
    Bijdrage,
    Kaderwijziging,
    Raadsbehandeling,
)
from transitie.financien.selectors import BESLUITEN, Stand, _raadsbesluit_require, begroting_stand


def _not_in_future(datum: datetime.date, veld: str) -> None:
    if datum > timezone.localdate():
        raise ValidationError({veld: _("Deze datum ligt in de toekomst.")})


def _require(user: AbstractBaseUser, perm: str, melding: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied(melding)


@transaction.atomic
def begroting_voortzetten(*, begroting: Begroting, acting_user: AbstractBaseUser) -> Begroting:
    """Continue a year's budget budget-neutrally into the next year (as 2024 into 2025).

    The next year gets the same expenditure lines; a deficit carried into this year is settled
    inside this year's budget (the letter), so it is not carried on again.
    """
    begroting = Begroting.objects.select_for_update().get(pk=begroting.pk)
    jaar = begroting.jaar + 1
    if Begroting.objects.filter(jaar=jaar).exists():
        raise ValidationError(
            _(
                "Er is al een begroting voor %(jaar)s; een begroting wordt maar één keer "
                "voortgezet."
            ),
            code="al_voortgezet",
            params={"jaar": jaar},
        )
    reden = _("Budgetneutrale voortzetting van %(naam)s") % {"naam": begroting.naam}

    jaartal = str(begroting.jaar)
    naam = (
        begroting.naam.replace(jaartal, str(jaar))
        if jaartal in begroting.naam
        else f"{begroting.naam} {jaar}"
    )
    voortzetting = Begroting(
        jaar=jaar,
        naam=naam,
        voortzetting_van=begroting,
        budgetneutraal=True,
        toelichting=reden + ".",
    )
    history_save(voortzetting, acting_user=acting_user, reden=reden)

    for post in begroting.posten.filter(soort=PostSoort.UITGAVE).order_by("pk"):
        history_save(
            Begrotingspost(
                begroting=voortzetting,
                omschrijving=post.omschrijving,
                soort=PostSoort.UITGAVE,
                thema_id=post.thema_id,
                bedrag=post.bedrag,
                is_demo=post.is_demo,
            ),
            acting_user=acting_user,
            reden=reden,
        )
    return voortzetting


def _check_plafond(begroting: Begroting, voor: Stand) -> None:
    """Refuse a change that breaks the ceiling, or widens a gap that was already there.

    The message stands at the amount: that is what the person changes to stay within the budget.
    """
    na = begroting_stand(begroting)
    if na.plafond_houdt or na.ruimte >= voor.ruimte:
        return
    raise ValidationError(
        {
            "bedrag": _(
                "Deze wijziging overschrijdt het totale budget van %(begroting)s met %(bedrag)s. "
                "Het budget mag niet worden overschreden en er volgt geen aanvullende afrekening "
                "met de gemeenten: los het op binnen de begroting of met aanvullende middelen, "
                "zoals subsidies."
            )
            % {"begroting": begroting.naam, "bedrag": euro(na.overschrijding)}
        },
        code="plafond",
    )


def _check_perm(user: AbstractBaseUser, obj: Begrotingspost | Bijdrage) -> None:
    actie = "add" if obj.pk is None else "change"
    if not user.has_perm(f"transitie.{actie}_{obj._meta.model_name}"):
        raise PermissionDenied(
            _("Alleen de ambtelijke regiekamer en de beheerder houden de begroting bij.")
        )


def _lock_begroting(obj: Begrotingspost | Bijdrage) -> tuple[Begroting, Stand]:
    """Lock the year's budget (one change at a time against its ceiling) and read its figures.

    A line or contribution stays with its year: moving it would take money from one year's
    ceiling without checking that year.
    """
    begroting = Begroting.objects.select_for_update().get(pk=obj.begroting_id)
    if obj.pk is not None:
        vorige = type(obj).objects.values_list("begroting_id", flat=True).get(pk=obj.pk)
        if vorige != obj.begroting_id:
            raise ValidationError(
                {"begroting": _("Een post of bijdrage blijft bij de begroting van haar jaar.")},
                code="ander_jaar",
            )
    return begroting, begroting_stand(begroting)


# A contribution is expected, then committed, then received; it never goes back.
BIJDRAGE_VOLGORDE: tuple[str, ...] = tuple(BijdrageStatus.values)


def bijdrage_statussen(bijdrage: Bijdrage) -> tuple[str, ...]:
    """The statuses a contribution may take from here: its own and the later ones."""
    if bijdrage.pk is None or bijdrage.status not in BIJDRAGE_VOLGORDE:
        return BIJDRAGE_VOLGORDE
    return BIJDRAGE_VOLGORDE[BIJDRAGE_VOLGORDE.index(bijdrage.status) :]


def _check_status_vooruit(bijdrage: Bijdrage) -> None:
    if bijdrage.pk is None:
        return
    vorige = Bijdrage.objects.get(pk=bijdrage.pk)
    if bijdrage.status not in bijdrage_statussen(vorige):
        raise ValidationError(
            {
                "status": _(
                    "De status van een bijdrage gaat alleen vooruit (verwacht, toegezegd, "
                    "ontvangen): deze bijdrage is al %(status)s."
                )
                % {"status": vorige.get_status_display().lower()}
            },
            code="status_terug",
        )


@transaction.atomic
def begrotingspost_save(
    *, post: Begrotingspost, acting_user: AbstractBaseUser, reden: str
) -> Begrotingspost:
    """Add or change a budget line, unless that breaks the ceiling."""
    _check_perm(acting_user, post)
    begroting, voor = _lock_begroting(post)
    history_save(post, acting_user=acting_user, reden=reden)
    _check_plafond(begroting, voor)
    return post


@transaction.atomic
def bijdrage_save(*, bijdrage: Bijdrage, acting_user: AbstractBaseUser, reden: str) -> Bijdrage:
    """Add or change a contribution (its amount, its status), unless that breaks the ceiling or
    moves its status back."""
    _check_perm(acting_user, bijdrage)
    begroting, voor = _lock_begroting(bijdrage)
    _check_status_vooruit(bijdrage)
    history_save(bijdrage, acting_user=acting_user, reden=reden)
    _check_plafond(begroting, voor)
    return bijdrage


@transaction.atomic
def kaderwijziging_create(
    *,
    acting_user: AbstractBaseUser,
    titel: str,
    datum: datetime.date,
    omschrijving: str = "",
    bedrag: Decimal | None = None,
    brief: Raadsinformatiebrief | None = None,
    is_demo: bool = False,
) -> Kaderwijziging:
    """Record a change to the financial frameworks and put it to each of the seven councils."""
    _require(
        acting_user,
        "transitie.add_kaderwijziging",
        _("Alleen de regiekamers leggen een wijziging van de financiële kaders vast."),
    )
    gemeenten = list(drechtsteden_list())
    if not gemeenten:
        raise ValidationError(_("Er zijn geen gemeenteraden om de wijziging aan voor te leggen."))
    reden = _("Ter vaststelling voorgelegd aan de gemeenteraden")
    wijziging = Kaderwijziging(
        titel=titel,
        omschrijving=omschrijving,
        bedrag=bedrag,
        datum=datum,
        brief=brief,
        is_demo=is_demo,
    )
    history_save(wijziging, acting_user=acting_user, reden=reden)
    for gemeente in gemeenten:
        history_save(
            Raadsbehandeling(kaderwijziging=wijziging, gemeente=gemeente, datum=datum),
            acting_user=acting_user,
            reden=reden,
        )
    return wijziging


@transaction.atomic
def raadsbehandeling_decide(
    *,
    acting_user: AbstractBaseUser,
    behandeling: Raadsbehandeling,
    status: str,
    datum: datetime.date,
    toelichting: str = "",
) -> Raadsbehandeling:
    """Record a council's decision on a framework change, for one's own municipality (or as
    the beheerder); the decision is final."""
    behandeling = (
        Raadsbehandeling.objects.select_for_update()
        .select_related("kaderwijziging", "gemeente")
        .get(pk=behandeling.pk)
    )
    _raadsbesluit_require(acting_user, behandeling)
    if behandeling.status != RaadsbehandelingStatus.VOORGELEGD:
        raise ValidationError(
            _("De gemeenteraad van %(gemeente)s heeft al besloten: %(status)s.")
            % {
                "gemeente": behandeling.gemeente.naam,
                "status": behandeling.get_status_display().lower(),
            }
        )
    if status not in BESLUITEN:
        raise ValidationError({"status": _("Kies vastgesteld of afgewezen.")})
    if datum < behandeling.kaderwijziging.datum:
        raise ValidationError(
            {"datum": _("Een raad besluit niet vóór de datum waarop de wijziging is voorgelegd.")}
        )
    _not_in_future(datum, "datum")
    behandeling.status = status
    behandeling.datum = datum
    behandeling.toelichting = toelichting
    history_save(
        behandeling,
        acting_user=acting_user,
        reden=_("Besluit van de gemeenteraad: %(status)s") % {"status": status},
    )
    return behandeling
