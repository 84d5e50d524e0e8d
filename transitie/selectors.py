"""Reads of the process layer: the transition at a glance and what each person has to do."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db.models import (
    BooleanField,
    Count,
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
from drechtsteden.selectors import drechtsteden_list, user_gemeente, user_has_role
from thema import workflow
from thema.constants import BeoordelingStatus, Voorstel
from thema.models import Beoordeling, Deelname, FinancieleConsequentie, Partner, Thema
from thema.workflow import Actor
from transitie.constants import (
    BesluitUitkomst,
    BriefStatus,
    MijlpaalStatus,
    RegiekamerSoort,
)
from transitie.models import (
    Advies,
    Besluit,
    Lidmaatschap,
    Raadsinformatiebrief,
    Regiekamer,
    Stem,
    Transitieplan,
    Verantwoordelijkheid,
)
from transitie.zetels import eigen_zetel, stemrecht

# A to-do list shows this many items and counts the rest; the count is what matters at a glance.
TAKEN_MAX = 10

OPEN_MIJLPAAL = (MijlpaalStatus.GEPLAND, MijlpaalStatus.BEZIG)


def lidmaatschap_lopend(today: datetime.date) -> Q:
    """Memberships current on `today`: started, and not ended before it."""
    return Q(van__lte=today) & (Q(tot__isnull=True) | Q(tot__gte=today))


@dataclass(frozen=True)
class Aftelling:
    plan: str
    deadline: datetime.date
    dagen: int  # days from today to the deadline; negative once it has passed

    @property
    def fase(self) -> str:
        """ "voor", "vandaag" or "na" the deadline, for the template to choose its sentence."""
        if self.dagen > 0:
            return "voor"
        return "vandaag" if self.dagen == 0 else "na"

    @property
    def aantal_dagen(self) -> int:
        return abs(self.dagen)


@dataclass(frozen=True)
class Mijlpalen:
    gereed: int
    open: int
    te_laat: int
    vervallen: int

    @property
    def totaal(self) -> int:
        return self.gereed + self.open + self.vervallen


@dataclass(frozen=True)
class StatusAantal:
    status: str
    label: str
    aantal: int


@dataclass(frozen=True)
class Vertegenwoordiging:
    regiekamer: str
    vertegenwoordigd: int
    totaal: int
    ontbrekend: tuple[str, ...]

    @property
    def volledig(self) -> bool:
        return not self.ontbrekend


@dataclass(frozen=True)
class Beoordelingregel:
    activiteit: str
    thema: str
    thema_slug: str
    ronde: int
    voorstel: str


@dataclass(frozen=True)
class Briefregel:
    titel: str
    datum: datetime.date


@dataclass(frozen=True)
class AmbtenaarTaken:
    themas: tuple[str, ...]
    concepten: tuple[Beoordelingregel, ...]
    aantal: int

    @property
    def meer(self) -> int:
        return self.aantal - len(self.concepten)


@dataclass(frozen=True)
class RegisseurTaken:
    ingediend: int


@dataclass(frozen=True)
class WethouderTaken:
    gemeente: str | None  # None: no current seat in the bestuurlijke regiekamer
    voorstellen: tuple[Beoordelingregel, ...]
    aantal: int

    @property
    def meer(self) -> int:
        return self.aantal - len(self.voorstellen)


@dataclass(frozen=True)
class RaadslidTaken:
    gemeente: str | None
    brieven: tuple[Briefregel, ...]
    aantal: int

    @property
    def meer(self) -> int:
        return self.aantal - len(self.brieven)


@dataclass(frozen=True)
class Taken:
    ambtenaar: AmbtenaarTaken | None
    regisseur: RegisseurTaken | None
    wethouder: WethouderTaken | None
    raadslid: RaadslidTaken | None
    beheerder: bool

    @property
    def leeg(self) -> bool:
        return not (
            self.ambtenaar or self.regisseur or self.wethouder or self.raadslid or self.beheerder
        )


@dataclass(frozen=True)
class DashboardOverview:
    today: datetime.date
    aftelling: Aftelling | None
    mijlpalen: Mijlpalen
    beoordelingen: tuple[StatusAantal, ...]
    vertegenwoordiging: tuple[Vertegenwoordiging, ...]
    taken: Taken


def dashboard_overview(*, user: AbstractBaseUser, today: datetime.date) -> DashboardOverview:
    """Everything the dashboard shows, in a fixed number of queries whatever the data's size."""
    aftelling, mijlpalen = _plan_and_milestones(today)
    return DashboardOverview(
        today=today,
        aftelling=aftelling,
        mijlpalen=mijlpalen,
        beoordelingen=_reviews_per_status(),
        vertegenwoordiging=_representation(today),
        taken=_tasks(user=user, today=today),
    )


def _plan_and_milestones(today: datetime.date) -> tuple[Aftelling | None, Mijlpalen]:
    def mijlpalen(**lookups) -> Count:
        prefix = "aanbevelingen__mijlpalen"
        return Count(prefix, filter=Q(**{f"{prefix}__{k}": v for k, v in lookups.items()}))

    plan = (
        Transitieplan.objects.annotate(
            mijlpalen_gereed=mijlpalen(status=MijlpaalStatus.GEREED),
            mijlpalen_open=mijlpalen(status__in=OPEN_MIJLPAAL),
            mijlpalen_te_laat=mijlpalen(status__in=OPEN_MIJLPAAL, deadline__lt=today),
            mijlpalen_vervallen=mijlpalen(status=MijlpaalStatus.VERVALLEN),
        )
        # The seed loads one plan; should there ever be more, the nearest deadline counts.
        .order_by("deadline", "pk")
        .first()
    )
    if plan is None:
        return None, Mijlpalen(gereed=0, open=0, te_laat=0, vervallen=0)
    return (
        Aftelling(plan=plan.naam, deadline=plan.deadline, dagen=(plan.deadline - today).days),
        Mijlpalen(
            gereed=plan.mijlpalen_gereed,
            open=plan.mijlpalen_open,
            te_laat=plan.mijlpalen_te_laat,
            vervallen=plan.mijlpalen_vervallen,
        ),
    )


def _reviews_per_status() -> tuple[StatusAantal, ...]:
    """Every state, in the flow's order, also when no review is in it."""
    aantallen = Beoordeling.objects.aggregate(
        **{status.value: Count("pk", filter=Q(status=status)) for status in BeoordelingStatus}
    )
    return tuple(
        StatusAantal(status=status.value, label=str(status.label), aantal=aantallen[status.value])
        for status in BeoordelingStatus
    )


def _representation(today: datetime.date) -> tuple[Vertegenwoordiging, ...]:
    """Per regiekamer: which of the Drechtsteden have a current member, and which do not."""
    gemeenten = list(drechtsteden_list().values_list("pk", "naam"))
    bezet = set(
        Lidmaatschap.objects.filter(lidmaatschap_lopend(today), gemeente__is_drechtstad=True)
        .order_by()  # the model's ordering would join and select more, defeating the DISTINCT
        .values_list("regiekamer_id", "gemeente_id")
        .distinct()
    )
    result = []
    for regiekamer in Regiekamer.objects.order_by("soort"):
        ontbrekend = tuple(naam for pk, naam in gemeenten if (regiekamer.pk, pk) not in bezet)
        result.append(
            Vertegenwoordiging(
                regiekamer=regiekamer.naam,
                vertegenwoordigd=len(gemeenten) - len(ontbrekend),
                totaal=len(gemeenten),
                ontbrekend=ontbrekend,
            )
        )
    return tuple(result)


def _review_order(queryset: QuerySet[Beoordeling]) -> QuerySet[Beoordeling]:
    return queryset.select_related("activiteit__thema").order_by(
        "activiteit__thema__naam", "activiteit__naam", "ronde"
    )


def _review_rows(beoordelingen: Iterable[Beoordeling]) -> tuple[Beoordelingregel, ...]:
    return tuple(
        Beoordelingregel(
            activiteit=b.activiteit.naam,
            thema=b.activiteit.thema.naam,
            thema_slug=b.activiteit.thema.slug,
            ronde=b.ronde,
            voorstel=b.get_voorstel_display(),
        )
        for b in beoordelingen
    )


def _tasks(*, user: AbstractBaseUser, today: datetime.date) -> Taken:
    return Taken(
        ambtenaar=_ambtenaar_tasks(user) if user_has_role(user, Rol.AMBTENAAR) else None,
        regisseur=(
            RegisseurTaken(ingediend=advies_queue().count())
            if user_has_role(user, Rol.AMBTELIJKE_REGIEKAMER)
            else None
        ),
        wethouder=(
            _wethouder_tasks(user, today)
            if user_has_role(user, Rol.BESTUURLIJKE_REGIEKAMER)
            else None
        ),
        raadslid=_raadslid_tasks(user) if user_has_role(user, Rol.RAADSLID) else None,
        beheerder=user_has_role(user, Rol.BEHEERDER),
    )


def _ambtenaar_tasks(user: AbstractBaseUser) -> AmbtenaarTaken:
    """The concept reviews of the themes whose team the civil servant is in."""
    concepten = Beoordeling.objects.filter(
        status__in=workflow.wacht_op(Actor.THEMATEAM),
        activiteit__thema__teamleden__gebruiker=user,
    )
    return AmbtenaarTaken(
        themas=tuple(
            Thema.objects.filter(teamleden__gebruiker=user)
            .order_by("naam")
            .values_list("naam", flat=True)
        ),
        concepten=_review_rows(_review_order(concepten)[:TAKEN_MAX]),
        aantal=concepten.count(),
    )


def _wethouder_tasks(user: AbstractBaseUser, today: datetime.date) -> WethouderTaken:
    """The proposals the alderman must vote on: awaiting the aldermen, his municipality is
    involved (transitie.zetels's rule) and has not voted yet."""
    zetels = bestuurlijke_zetels(today)
    gemeente_id = eigen_zetel(gebruiker_id=user.pk, zetels=zetels)
    if gemeente_id is None:
        return WethouderTaken(gemeente=None, voorstellen=(), aantal=0)
    wachtend = (
        Beoordeling.objects.filter(status__in=workflow.wacht_op(Actor.BESTUURLIJKE_REGIEKAMER))
        .exclude(stemmen__gemeente_id=gemeente_id)
        .prefetch_related("activiteit__deelnames", "voorgestelde_gemeenten")
    )
    te_stemmen = [
        beoordeling
        for beoordeling in _review_order(wachtend)
        if stemrecht(
            gebruiker_id=user.pk,
            gemeente_id=gemeente_id,
            zetels=zetels,
            betrokken=betrokken_gemeenten(beoordeling),
        )
        is None
    ]
    return WethouderTaken(
        gemeente=zetels[gemeente_id].gemeente.naam,
        voorstellen=_review_rows(te_stemmen[:TAKEN_MAX]),
        aantal=len(te_stemmen),
    )


def _raadslid_tasks(user: AbstractBaseUser) -> RaadslidTaken:
    """The letters published for the council member's own council."""
    gemeente = user_gemeente(user)
    if gemeente is None:
        return RaadslidTaken(gemeente=None, brieven=(), aantal=0)
    brieven = Raadsinformatiebrief.objects.filter(
        status=BriefStatus.GEPUBLICEERD, publicaties__gemeente=gemeente
    )
    return RaadslidTaken(
        gemeente=gemeente.naam,
        brieven=tuple(
            Briefregel(titel=titel, datum=datum)
            for titel, datum in brieven.order_by("-datum", "-pk").values_list("titel", "datum")[
                :TAKEN_MAX
            ]
        ),
        aantal=brieven.count(),
    )


# The regiekamers' queues and decisions (issue 4)


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
