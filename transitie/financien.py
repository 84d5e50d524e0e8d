"""Groeiagenda finance: the ceiling rule (services) and what the finance page shows (selectors).

The letter's rule: the total budget is not exceeded and there is no extra settlement with the
municipalities; a deficit is solved inside the total budget or with extra means such as subsidies.
Here the total budget (the ceiling) is the money the year counts on: the sum of its contributions,
of every source and status. A budget-neutral continuation without contributions of its own keeps
the ceiling of the year it continues: that year's expenditure.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from drechtsteden.opmaak import euro
from drechtsteden.selectors import drechtsteden_list
from drechtsteden.services import history_save
from thema import workflow
from thema.models import Deelname, FinancieleConsequentie
from transitie.constants import BijdrageBron, BijdrageStatus, PostSoort
from transitie.models import Begroting, Begrotingspost, Bijdrage

NUL = Decimal("0.00")
TOEGEZEGD = (BijdrageStatus.TOEGEZEGD, BijdrageStatus.ONTVANGEN)


@dataclass(frozen=True)
class Stand:
    """A year's figures against its ceiling."""

    plafond: Decimal
    uitgaven: Decimal
    tekort: Decimal  # deficit carried into this year
    toegezegd: Decimal  # contributions committed or received
    verwacht: Decimal  # contributions expected, not yet committed

    @property
    def lasten(self) -> Decimal:
        return self.uitgaven + self.tekort

    @property
    def ruimte(self) -> Decimal:
        return self.plafond - self.lasten

    @property
    def risico(self) -> Decimal:
        return self.verwacht + self.tekort

    @property
    def plafond_houdt(self) -> bool:
        return self.lasten <= self.plafond

    @property
    def overschrijding(self) -> Decimal:
        return max(-self.ruimte, NUL)


def begroting_stand(begroting: Begroting) -> Stand:
    """The year's figures in two queries (three for a continuation without contributions)."""
    posten = begroting.posten.aggregate(
        uitgaven=Sum("bedrag", filter=Q(soort=PostSoort.UITGAVE), default=NUL),
        tekort=Sum("bedrag", filter=Q(soort=PostSoort.OVERGEHEVELD_TEKORT), default=NUL),
    )
    bijdragen = begroting.bijdragen.aggregate(
        totaal=Sum("bedrag", default=NUL),
        toegezegd=Sum("bedrag", filter=Q(status__in=TOEGEZEGD), default=NUL),
        verwacht=Sum("bedrag", filter=Q(status=BijdrageStatus.VERWACHT), default=NUL),
        aantal=Sum(1, default=0),
    )
    plafond = bijdragen["totaal"]
    if not bijdragen["aantal"] and begroting.budgetneutraal and begroting.voortzetting_van_id:
        plafond = Begrotingspost.objects.filter(
            begroting_id=begroting.voortzetting_van_id, soort=PostSoort.UITGAVE
        ).aggregate(totaal=Sum("bedrag", default=NUL))["totaal"]
    return Stand(
        plafond=plafond,
        uitgaven=posten["uitgaven"],
        tekort=posten["tekort"],
        toegezegd=bijdragen["toegezegd"],
        verwacht=bijdragen["verwacht"],
    )


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


# What the finance page shows


@dataclass(frozen=True)
class Bronregel:
    pk: int
    bron: str
    gemeente: str | None
    omschrijving: str
    bedrag: Decimal
    status: str
    status_label: str
    is_demo: bool


@dataclass(frozen=True)
class Gemeenteregel:
    naam: str
    slug: str
    verwacht: Decimal
    toegezegd: Decimal
    deelnames: Decimal  # yearly contributions to the activities it takes part in

    @property
    def bijdragen(self) -> Decimal:
        return self.verwacht + self.toegezegd


@dataclass(frozen=True)
class Consequentieregel:
    jaar: int
    vastgesteld: Decimal
    in_behandeling: Decimal  # submitted or advised, not decided


@dataclass(frozen=True)
class FinancienOverzicht:
    jaren: tuple[int, ...]
    begroting: Begroting | None
    stand: Stand | None
    posten: tuple[Begrotingspost, ...]
    bijdragen: tuple[Bronregel, ...]
    per_bron: tuple[tuple[str, Decimal, Decimal], ...]  # label, expected, committed
    gemeenten: tuple[Gemeenteregel, ...]
    consequenties: tuple[Consequentieregel, ...]


def financien_overview(*, jaar: int | None, today: datetime.date) -> FinancienOverzicht:
    """One year's budget (this year's, else the latest) with everything the page shows."""
    jaren = tuple(Begroting.objects.order_by("jaar").values_list("jaar", flat=True))
    if jaar not in jaren:
        jaar = today.year if today.year in jaren else (jaren[-1] if jaren else None)
    begroting = Begroting.objects.filter(jaar=jaar).first() if jaar else None
    if begroting is None:
        return FinancienOverzicht(jaren, None, None, (), (), (), (), _consequences_per_year())
    bijdragen = list(
        begroting.bijdragen.select_related("gemeente").order_by("bron", "gemeente__naam", "pk")
    )
    per_bron: dict[str, list[Decimal]] = {b.value: [NUL, NUL] for b in BijdrageBron}
    per_gemeente: dict[int, list[Decimal]] = defaultdict(lambda: [NUL, NUL])
    for b in bijdragen:
        i = 1 if b.status in TOEGEZEGD else 0
        per_bron[b.bron][i] += b.bedrag
        if b.gemeente_id:
            per_gemeente[b.gemeente_id][i] += b.bedrag
    deelnames = dict(
        Deelname.objects.filter(gemeente__is_drechtstad=True)
        .order_by()
        .values("gemeente_id")
        .annotate(totaal=Sum("jaarlijkse_bijdrage"))
        .values_list("gemeente_id", "totaal")
    )
    return FinancienOverzicht(
        jaren=jaren,
        begroting=begroting,
        stand=begroting_stand(begroting),
        posten=tuple(begroting.posten.select_related("thema").order_by("soort", "omschrijving")),
        bijdragen=tuple(
            Bronregel(
                pk=b.pk,
                bron=b.get_bron_display(),
                gemeente=b.gemeente.naam if b.gemeente else None,
                omschrijving=b.omschrijving,
                bedrag=b.bedrag,
                status=b.status,
                status_label=b.get_status_display(),
                is_demo=b.is_demo,
            )
            for b in bijdragen
        ),
        per_bron=tuple(
            (str(b.label), per_bron[b.value][0], per_bron[b.value][1]) for b in BijdrageBron
        ),
        gemeenten=tuple(
            Gemeenteregel(
                naam=g.naam,
                slug=g.slug,
                verwacht=per_gemeente[g.pk][0],
                toegezegd=per_gemeente[g.pk][1],
                deelnames=deelnames.get(g.pk) or NUL,
            )
            for g in drechtsteden_list()
        ),
        consequenties=_consequences_per_year(),
    )


def _consequences_per_year() -> tuple[Consequentieregel, ...]:
    """The reviews' multi-year financial consequences: adopted, and still under way."""
    rijen = (
        FinancieleConsequentie.objects.order_by()
        .values("jaar")
        .annotate(
            vastgesteld=Sum(
                "bedrag",
                filter=Q(beoordeling__status=workflow.AANGENOMEN),
                default=NUL,
            ),
            in_behandeling=Sum(
                "bedrag",
                filter=Q(beoordeling__status__in=workflow.IN_BEHANDELING),
                default=NUL,
            ),
        )
        .order_by("jaar")
    )
    return tuple(Consequentieregel(**r) for r in rijen)


@dataclass(frozen=True)
class Deelnameregel:
    thema: str
    activiteit: str
    bedrag: Decimal


@dataclass(frozen=True)
class GemeenteFinancien:
    naam: str
    bijdragen: tuple[Bijdrage, ...]
    deelnames: tuple[Deelnameregel, ...]

    @property
    def totaal_deelnames(self) -> Decimal:
        return sum((d.bedrag for d in self.deelnames), NUL)


def gemeente_financien(*, gemeente_slug: str) -> GemeenteFinancien:
    """What one of the seven contributes, and to what: its contributions and participations."""
    gemeente = drechtsteden_list().filter(slug=gemeente_slug).first()
    if gemeente is None:
        raise Http404
    return GemeenteFinancien(
        naam=gemeente.naam,
        bijdragen=tuple(
            Bijdrage.objects.filter(gemeente=gemeente)
            .select_related("begroting")
            .order_by("begroting__jaar", "omschrijving")
        ),
        deelnames=tuple(
            Deelnameregel(
                thema=d.activiteit.thema.naam,
                activiteit=d.activiteit.naam,
                bedrag=d.jaarlijkse_bijdrage,
            )
            for d in Deelname.objects.filter(gemeente=gemeente)
            .select_related("activiteit__thema")
            .order_by("activiteit__thema__naam", "activiteit__naam")
        ),
    )
