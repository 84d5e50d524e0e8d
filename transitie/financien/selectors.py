"""Reads of the finance: the budget's standing, the finance pages and the framework changes."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from drechtsteden.constants import Rol
from drechtsteden.models import Gemeente
from drechtsteden.selectors import drechtsteden_list, user_gemeente, user_has_role
from thema import workflow
from thema.models import Deelname, FinancieleConsequentie
from transitie.constants import BijdrageBron, BijdrageStatus, PostSoort, RaadsbehandelingStatus
from transitie.financien.models import (
    Begroting,
    Begrotingspost,
    Bijdrage,
    Kaderwijziging,
    Raadsbehandeling,
)

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
    gevraagd_jaar: int | None = None  # the year asked for, also when it has no budget


def financien_overview(*, jaar: int | None, today: datetime.date) -> FinancienOverzicht:
    """One year's budget with everything the page shows: the year asked for, and nothing when
    that year has no budget (never another year's figures under its name); without a year this
    year's, else the latest."""
    jaren = tuple(Begroting.objects.order_by("jaar").values_list("jaar", flat=True))
    if jaar is None:
        jaar = today.year if today.year in jaren else (jaren[-1] if jaren else None)
    begroting = Begroting.objects.filter(jaar=jaar).first() if jaar else None
    if begroting is None:
        return FinancienOverzicht(
            jaren, None, None, (), (), (), (), _consequences_per_year(), gevraagd_jaar=jaar
        )
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
        # A stopped activity's participants contribute no more.
        .exclude(activiteit__status__in=workflow.GESTOPT)
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
        gevraagd_jaar=jaar,
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
            .exclude(activiteit__status__in=workflow.GESTOPT)
            .select_related("activiteit__thema")
            .order_by("activiteit__thema__naam", "activiteit__naam")
        ),
    )


BESLUITEN = (RaadsbehandelingStatus.VASTGESTELD, RaadsbehandelingStatus.AFGEWEZEN)


def geldt(behandelingen: list[Raadsbehandeling], gemeente_ids: set[int]) -> bool:
    """The rule: a framework change holds only when every one of the seven councils adopted it."""
    vastgesteld = {
        b.gemeente_id for b in behandelingen if b.status == RaadsbehandelingStatus.VASTGESTELD
    }
    return bool(gemeente_ids) and gemeente_ids <= vastgesteld


def kaderwijziging_geldt(*, kaderwijziging: Kaderwijziging) -> bool:
    return geldt(
        list(kaderwijziging.raadsbehandelingen.all()),
        set(drechtsteden_list().values_list("pk", flat=True)),
    )


def raadsbesluit_toegestaan(*, user: AbstractBaseUser, gemeente_id: int) -> bool:
    """The rule: a council's decision is recorded for one's own municipality (as the profile
    says), by those who record decisions at all (the regiekamers), or by the beheerder."""
    if not user.has_perm("transitie.change_raadsbehandeling"):
        return False
    if user.is_superuser or user_has_role(user, Rol.BEHEERDER):
        return True
    eigen = user_gemeente(user)
    return eigen is not None and eigen.pk == gemeente_id


def _raadsbesluit_require(user: AbstractBaseUser, behandeling: Raadsbehandeling) -> None:
    if not raadsbesluit_toegestaan(user=user, gemeente_id=behandeling.gemeente_id):
        raise PermissionDenied(
            _(
                "U legt alleen het besluit van de gemeenteraad van uw eigen gemeente vast; "
                "het besluit van %(gemeente)s legt een lid uit die gemeente of de beheerder vast."
            )
            % {"gemeente": behandeling.gemeente.naam}
        )


def access_raadsbehandeling(
    *, user: AbstractBaseUser, kaderwijziging_id: int, gemeente_slug: str
) -> Raadsbehandeling:
    """A council's treatment of a framework change, for one who may record its decision."""
    behandeling = (
        Raadsbehandeling.objects.select_related("kaderwijziging", "gemeente")
        .filter(kaderwijziging_id=kaderwijziging_id, gemeente__slug=gemeente_slug)
        .first()
    )
    if behandeling is None:
        raise Http404(_("Deze kaderwijziging ligt niet bij deze gemeenteraad."))
    _raadsbesluit_require(user, behandeling)
    return behandeling


@dataclass(frozen=True)
class Raadscel:
    gemeente: Gemeente
    behandeling: Raadsbehandeling | None
    mag_besluiten: bool = False  # the reader may record this council's (open) decision


@dataclass(frozen=True)
class Kaderregel:
    wijziging: Kaderwijziging
    raden: tuple[Raadscel, ...]
    geldt: bool
    afgewezen: bool

    @property
    def aantal_vastgesteld(self) -> int:
        return sum(
            1
            for cel in self.raden
            if cel.behandeling and cel.behandeling.status == RaadsbehandelingStatus.VASTGESTELD
        )


@dataclass(frozen=True)
class Kaderoverzicht:
    gemeenten: tuple[Gemeente, ...]
    regels: tuple[Kaderregel, ...]


def kaderwijzigingen_overview(*, user: AbstractBaseUser | None = None) -> Kaderoverzicht:
    """Every framework change with where each of the seven councils stands, in three queries;
    with `user`, which councils' open decisions he may record."""
    gemeenten = tuple(drechtsteden_list())
    mag = {
        g.pk: user is not None and raadsbesluit_toegestaan(user=user, gemeente_id=g.pk)
        for g in gemeenten
    }
    ids = {g.pk for g in gemeenten}
    wijzigingen = Kaderwijziging.objects.select_related("brief").prefetch_related(
        Prefetch("raadsbehandelingen", queryset=Raadsbehandeling.objects.order_by())
    )
    regels = []
    for wijziging in wijzigingen:
        behandelingen = list(wijziging.raadsbehandelingen.all())
        per_gemeente = {b.gemeente_id: b for b in behandelingen}
        regels.append(
            Kaderregel(
                wijziging=wijziging,
                raden=tuple(
                    Raadscel(
                        g,
                        per_gemeente.get(g.pk),
                        mag_besluiten=mag[g.pk]
                        and g.pk in per_gemeente
                        and per_gemeente[g.pk].status == RaadsbehandelingStatus.VOORGELEGD,
                    )
                    for g in gemeenten
                ),
                geldt=geldt(behandelingen, ids),
                afgewezen=any(b.status == RaadsbehandelingStatus.AFGEWEZEN for b in behandelingen),
            )
        )
    return Kaderoverzicht(gemeenten=gemeenten, regels=tuple(regels))
