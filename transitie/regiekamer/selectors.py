"""Reads of the regiekamers: seats, queues, the vote grid and the besluitenlijst."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from drechtsteden.constants import Rol
from drechtsteden.models import Gemeente
from drechtsteden.selectors import drechtsteden_list, user_has_role
from thema import workflow
from thema.constants import Voorstel
from thema.models import Beoordeling, Deelname, FinancieleConsequentie, Partner, Thema
from thema.workflow import Actor
from transitie.constants import (
    BesluitUitkomst,
    RegiekamerSoort,
)
from transitie.regiekamer.models import (
    Advies,
    Besluit,
    Lidmaatschap,
    Regiekamer,
    Stem,
    Verantwoordelijkheid,
)
from transitie.regiekamer.zetels import eigen_zetel, stemrecht


def lidmaatschap_lopend(today: datetime.date) -> Q:
    """Memberships current on `today`: started, and not ended before it."""
    return Q(van__lte=today) & (Q(tot__isnull=True) | Q(tot__gte=today))


def _review_order(queryset: QuerySet[Beoordeling]) -> QuerySet[Beoordeling]:
    return queryset.select_related("activiteit__thema").order_by(
        "activiteit__thema__naam", "activiteit__naam", "ronde"
    )


# The proposals that put municipalities in a (new) coalition: the proposed ones must consent too.
NIEUWE_COALITIE = (Voorstel.HERGROEPEREN, Voorstel.TOEVOEGEN)


def betrokken_gemeenten(
    beoordeling: Beoordeling, *, deelnemers: Iterable[int] | None = None
) -> frozenset[int]:
    """The ids of the municipalities whose consent the proposal needs (DESIGN.md):
    the activity's current participants, plus the proposed ones for hergroeperen and toevoegen.

    Uses `activiteit.deelnames` and `voorgestelde_gemeenten` as prefetched by the caller;
    `deelnemers`: the participants' ids instead, for a decided proposal (its effect changed them).
    """
    if deelnemers is None:
        deelnemers = (d.gemeente_id for d in beoordeling.activiteit.deelnames.all())
    betrokken = set(deelnemers)
    if beoordeling.voorstel in NIEUWE_COALITIE:
        betrokken |= {g.pk for g in beoordeling.voorgestelde_gemeenten.all()}
    return frozenset(betrokken)


def bestuurlijke_zetels(today: datetime.date) -> dict[int, Lidmaatschap]:
    """Each municipality's current member of the bestuurlijke regiekamer, by municipality id.

    With more than one current member the latest to start holds the seat.
    """
    zetels: dict[int, Lidmaatschap] = {}
    leden = (
        Lidmaatschap.objects.filter(
            lidmaatschap_lopend(today), regiekamer__soort=RegiekamerSoort.BESTUURLIJK
        )
        .select_related("gebruiker", "gemeente")
        .order_by("van", "pk")
    )
    for lid in leden:
        zetels[lid.gemeente_id] = lid
    return zetels


def access_regiekamer_rol(user: AbstractBaseUser, *rollen: Rol) -> None:
    """Refuse a page of the regiekamers to anyone without one of `rollen` (or a beheerder)."""
    if not (user.is_superuser or user_has_role(user, *rollen, Rol.BEHEERDER)):
        raise PermissionDenied(_("Deze pagina is voor de leden van de regiekamer."))


def access_advies_queue(*, user: AbstractBaseUser) -> QuerySet[Beoordeling]:
    """The advice queue, for the ambtelijke regiekamer (and the beheerder) to read."""
    access_regiekamer_rol(user, Rol.AMBTELIJKE_REGIEKAMER)
    return advies_queue()


def access_stem_queue(*, user: AbstractBaseUser) -> QuerySet[Beoordeling]:
    """The proposals awaiting the aldermen, for both regiekamers (and the beheerder) to read;
    who may vote on which is transitie.zetels's rule."""
    access_regiekamer_rol(user, Rol.BESTUURLIJKE_REGIEKAMER, Rol.AMBTELIJKE_REGIEKAMER)
    return stem_wachtrij()


@dataclass(frozen=True)
class Zetel:
    gemeente: Gemeente
    leden: tuple[Lidmaatschap, ...]  # every membership for this municipality, newest first
    huidig: tuple[Lidmaatschap, ...]


@dataclass(frozen=True)
class RegiekamerBezetting:
    regiekamer: Regiekamer
    zetels: tuple[Zetel, ...]

    @property
    def ontbrekend(self) -> tuple[Gemeente, ...]:
        return tuple(z.gemeente for z in self.zetels if not z.huidig)


@dataclass(frozen=True)
class RegiekamerOverzicht:
    today: datetime.date
    regiekamers: tuple[RegiekamerBezetting, ...]
    verantwoordelijkheden: tuple[Verantwoordelijkheid, ...]


def regiekamer_overview(*, today: datetime.date) -> RegiekamerOverzicht:
    """Both regiekamers with their members per municipality, and the register of
    responsibilities that moved to the bestuurlijke regiekamer. Four queries."""
    gemeenten = list(drechtsteden_list())
    leden = list(
        Lidmaatschap.objects.filter(gemeente__is_drechtstad=True)
        .annotate(lopend=ExpressionWrapper(lidmaatschap_lopend(today), output_field=BooleanField()))
        .select_related("gebruiker")
        .order_by("-van", "pk")
    )

    bezetting = []
    for regiekamer in Regiekamer.objects.order_by("soort"):
        zetels = []
        for gemeente in gemeenten:
            eigen = tuple(
                lid
                for lid in leden
                if lid.regiekamer_id == regiekamer.pk and lid.gemeente_id == gemeente.pk
            )
            zetels.append(
                Zetel(
                    gemeente=gemeente,
                    leden=eigen,
                    huidig=tuple(lid for lid in eigen if lid.lopend),
                )
            )
        bezetting.append(RegiekamerBezetting(regiekamer=regiekamer, zetels=tuple(zetels)))
    return RegiekamerOverzicht(
        today=today,
        regiekamers=tuple(bezetting),
        verantwoordelijkheden=tuple(
            Verantwoordelijkheid.objects.select_related(
                "regiekamer", "houder__gebruiker", "houder__gemeente"
            ).order_by("herkomst", "omschrijving")
        ),
    )


def _voorstellen(queryset: QuerySet[Beoordeling]) -> QuerySet[Beoordeling]:
    """Proposals with everything the regiekamers' pages show about them, prefetched."""
    return queryset.select_related("activiteit__thema").prefetch_related(
        Prefetch("activiteit__deelnames", queryset=Deelname.objects.select_related("gemeente")),
        Prefetch("activiteit__partners", queryset=Partner.objects.order_by("naam")),
        Prefetch("voorgestelde_gemeenten", queryset=Gemeente.objects.order_by("naam")),
        Prefetch("voorgestelde_partners", queryset=Partner.objects.order_by("naam")),
        Prefetch(
            "financiele_consequenties", queryset=FinancieleConsequentie.objects.order_by("jaar")
        ),
        Prefetch(
            "adviezen",
            queryset=Advies.objects.select_related("gegeven_door").order_by("-gegeven_op"),
        ),
        Prefetch("stemmen", queryset=Stem.objects.select_related("uitgebracht_door")),
    )


def advies_queue() -> QuerySet[Beoordeling]:
    """The ambtelijke regiekamer's queue: submitted reviews, oldest first."""
    return _voorstellen(
        Beoordeling.objects.filter(status__in=workflow.wacht_op(Actor.AMBTELIJKE_REGIEKAMER))
    ).order_by("ingediend_op", "pk")


def access_ingediende_beoordeling(*, user: AbstractBaseUser, pk: int) -> Beoordeling:
    beoordeling = access_advies_queue(user=user).filter(pk=pk).first()
    if beoordeling is None:
        raise Http404(_("Deze beoordeling wacht niet op advies."))
    return beoordeling


def access_gegeven_advies(*, user: AbstractBaseUser, beoordeling_id: int) -> Advies | None:
    """The newest advice already given on a review, for the ambtelijke regiekamer (and the
    beheerder) to be told where it is when they advise a second time; None if there is none."""
    access_regiekamer_rol(user, Rol.AMBTELIJKE_REGIEKAMER)
    return (
        Advies.objects.filter(beoordeling_id=beoordeling_id)
        .select_related("beoordeling__besluit", "beoordeling__activiteit", "gegeven_door")
        .order_by("-gegeven_op", "-pk")
        .first()
    )


@dataclass(frozen=True)
class Stemvak:
    gemeente: Gemeente
    betrokken: bool
    lid: Lidmaatschap | None
    stem: Stem | None


@dataclass(frozen=True)
class Stemvoorstel:
    beoordeling: Beoordeling
    advies: Advies | None
    betrokken: tuple[Gemeente, ...]
    vakken: tuple[Stemvak, ...]  # the seven, by name
    eigen: Stemvak | None  # the square of the municipality whose seat the user holds, if any
    mag_stemmen: bool  # the seat rule (transitie.zetels) lets the user vote on this proposal


# Each proposal comes with its review, advice and vote grid: a page of ten stays quick to render.
STEMMEN_PER_PAGINA = 10


def stem_wachtrij() -> QuerySet[Beoordeling]:
    """The proposals awaiting the aldermen's decision, oldest first, with their prefetches."""
    return _voorstellen(
        Beoordeling.objects.filter(status__in=workflow.wacht_op(Actor.BESTUURLIJKE_REGIEKAMER))
    ).order_by("ingediend_op", "pk")


def stem_overview(
    *,
    user: AbstractBaseUser,
    today: datetime.date,
    beoordelingen: Iterable[Beoordeling] | None = None,
) -> list[Stemvoorstel]:
    """The proposals awaiting the aldermen's decision, each with a vote grid of the seven.

    `beoordelingen`: a part of `stem_wachtrij()` (a page of it, or one proposal); all by default.
    """
    gemeenten = list(drechtsteden_list())
    zetels = bestuurlijke_zetels(today)
    eigen_id = eigen_zetel(gebruiker_id=user.pk, zetels=zetels)
    if beoordelingen is None:
        beoordelingen = stem_wachtrij()
    result = []
    for beoordeling in beoordelingen:
        betrokken = betrokken_gemeenten(beoordeling)
        stemmen = {stem.gemeente_id: stem for stem in beoordeling.stemmen.all()}
        vakken = tuple(
            Stemvak(
                gemeente=g,
                betrokken=g.pk in betrokken,
                lid=zetels.get(g.pk),
                stem=stemmen.get(g.pk),
            )
            for g in gemeenten
        )
        adviezen = beoordeling.adviezen.all()
        result.append(
            Stemvoorstel(
                beoordeling=beoordeling,
                advies=adviezen[0] if adviezen else None,
                betrokken=tuple(g for g in gemeenten if g.pk in betrokken),
                vakken=vakken,
                eigen=next((v for v in vakken if v.gemeente.pk == eigen_id), None),
                mag_stemmen=stemrecht(
                    gebruiker_id=user.pk, gemeente_id=eigen_id, zetels=zetels, betrokken=betrokken
                )
                is None,
            )
        )
    return result


@dataclass(frozen=True)
class BesluitFilters:
    thema: str = ""  # slug
    gemeente: str = ""  # slug
    uitkomst: str = ""

    @property
    def actief(self) -> bool:
        return bool(self.thema or self.gemeente or self.uitkomst)


def besluit_list(*, filters: BesluitFilters) -> QuerySet[Besluit]:
    """Every decision, newest first, with its proposal and votes; filtered by theme, by a
    municipality that voted on it, and by outcome."""
    besluiten = Besluit.objects.select_related("beoordeling__activiteit__thema").prefetch_related(
        Prefetch(
            "beoordeling__stemmen",
            queryset=Stem.objects.select_related("gemeente").order_by("gemeente__naam"),
        )
    )
    if filters.thema:
        besluiten = besluiten.filter(beoordeling__activiteit__thema__slug=filters.thema)
    if filters.gemeente:
        besluiten = besluiten.filter(
            Exists(
                Stem.objects.filter(
                    beoordeling=OuterRef("beoordeling"), gemeente__slug=filters.gemeente
                )
            )
        )
    if filters.uitkomst:
        besluiten = besluiten.filter(uitkomst=filters.uitkomst)
    return besluiten.order_by("-besloten_op", "-pk")


def access_besluit(*, user: AbstractBaseUser, pk: int) -> Besluit:
    besluit = (
        besluit_list(filters=BesluitFilters())
        .prefetch_related(
            Prefetch("beoordeling__adviezen", queryset=Advies.objects.order_by("-gegeven_op")),
            Prefetch(
                "beoordeling__voorgestelde_gemeenten", queryset=Gemeente.objects.order_by("naam")
            ),
            Prefetch("beoordeling__voorgestelde_partners", queryset=Partner.objects.all()),
        )
        .filter(pk=pk)
        .first()
    )
    if besluit is None:
        raise Http404(_("Dit besluit bestaat niet."))
    return besluit


@dataclass(frozen=True)
class Besluitstem:
    gemeente: Gemeente
    stem: Stem | None  # None: the municipality did not vote


def besluit_stemmen(besluit: Besluit) -> tuple[Besluitstem, ...]:
    """The municipalities that were involved in the decided proposal, by name, each with its
    vote. Involved as on the day of the decision: the participants before its effect."""
    beoordeling = besluit.beoordeling
    deelnemers = [
        deelname.gemeente_id
        for deelname in Deelname.history.as_of(besluit.besloten_op).filter(
            activiteit_id=beoordeling.activiteit_id
        )
    ]
    betrokken = betrokken_gemeenten(beoordeling, deelnemers=deelnemers)
    stemmen = {stem.gemeente_id: stem for stem in beoordeling.stemmen.all()}
    return tuple(
        Besluitstem(gemeente=gemeente, stem=stemmen.get(gemeente.pk))
        for gemeente in Gemeente.objects.filter(pk__in=betrokken).order_by("naam")
    )


def thema_keuzes() -> QuerySet[Thema]:
    return Thema.objects.order_by("naam")


@dataclass(frozen=True)
class Besluitregel:
    """One decision as a raadsinformatiebrief lists it; also a row of the letter's open data."""

    thema: str
    activiteit: str
    voorstel: str
    uitkomst: str
    nieuwe_coalitie: str
    stem_gemeente: str  # how the letter's municipality voted
    besloten_op: datetime.date  # the letter writes it the Dutch way, its open data in ISO


@dataclass(frozen=True)
class ThemaBesluiten:
    thema: str
    besluiten: tuple[Besluitregel, ...]


def _nieuwe_coalitie(besluit: Besluit) -> str:
    """What the decision made of the activity's coalition, from the proposal it adopted."""
    beoordeling = besluit.beoordeling
    aangenomen = besluit.uitkomst == BesluitUitkomst.AANGENOMEN
    if not aangenomen or beoordeling.voorstel == Voorstel.DOORZETTEN:
        return str(_("Ongewijzigd"))
    if beoordeling.voorstel == Voorstel.STOPPEN:
        return str(_("Geen: de activiteit stopt"))
    delen = [", ".join(g.naam for g in beoordeling.voorgestelde_gemeenten.all())]
    partners = ", ".join(p.naam for p in beoordeling.voorgestelde_partners.all())
    if partners:
        delen.append(_("partners: %(namen)s") % {"namen": partners})
    tekst = "; ".join(deel for deel in delen if deel) or str(_("geen deelnemers"))
    if beoordeling.coalitievorm:
        return f"{beoordeling.get_coalitievorm_display()}: {tekst}"
    return tekst


def besluiten_per_thema(
    *, tot_en_met: datetime.date, gemeente: Gemeente
) -> tuple[ThemaBesluiten, ...]:
    """The bestuurlijke regiekamer's decisions up to and including a date, per theme by name,
    each with the activity, the outcome, the new coalition and `gemeente`'s own vote.

    Four queries, whatever the number of decisions.
    """
    besluiten = (
        Besluit.objects.filter(besloten_op__date__lte=tot_en_met)
        .select_related("beoordeling__activiteit__thema")
        .defer(
            "toelichting",
            "beoordeling__onderbouwing",
            "beoordeling__nieuwe_activiteit_beschrijving",
            "beoordeling__activiteit__beschrijving",
            "beoordeling__activiteit__vorm",
            "beoordeling__activiteit__thema__beschrijving",
        )
        .prefetch_related(
            Prefetch(
                "beoordeling__voorgestelde_gemeenten",
                queryset=Gemeente.objects.order_by("naam").only("naam"),
            ),
            Prefetch(
                "beoordeling__voorgestelde_partners",
                queryset=Partner.objects.order_by("naam").only("naam"),
            ),
            Prefetch(
                "beoordeling__stemmen",
                queryset=Stem.objects.filter(gemeente=gemeente).only("beoordeling", "keuze"),
            ),
        )
        .order_by("beoordeling__activiteit__thema__naam", "besloten_op", "pk")
    )
    per_thema: dict[str, list[Besluitregel]] = {}
    for besluit in besluiten:
        beoordeling = besluit.beoordeling
        activiteit = beoordeling.activiteit
        stemmen = beoordeling.stemmen.all()
        per_thema.setdefault(activiteit.thema.naam, []).append(
            Besluitregel(
                thema=activiteit.thema.naam,
                activiteit=(
                    beoordeling.nieuwe_activiteit_naam
                    if beoordeling.voorstel == Voorstel.TOEVOEGEN
                    else activiteit.naam
                ),
                voorstel=str(beoordeling.get_voorstel_display()),
                uitkomst=str(besluit.get_uitkomst_display()),
                nieuwe_coalitie=_nieuwe_coalitie(besluit),
                stem_gemeente=(
                    str(stemmen[0].get_keuze_display()) if stemmen else str(_("geen stem"))
                ),
                besloten_op=timezone.localdate(besluit.besloten_op),
            )
        )
    return tuple(
        ThemaBesluiten(thema=thema, besluiten=tuple(regels)) for thema, regels in per_thema.items()
    )
