"""Reads of the process layer: the transition at a glance and what each person has to do."""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Q

from drechtsteden.constants import Rol
from drechtsteden.selectors import drechtsteden_list, user_gemeente, user_has_role
from thema.constants import BeoordelingStatus, Voorstel
from thema.models import Beoordeling, Thema
from transitie.constants import BriefStatus, MijlpaalStatus, RegiekamerSoort
from transitie.models import Lidmaatschap, Raadsinformatiebrief, Regiekamer, Transitieplan

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


def _review_rows(queryset) -> tuple[Beoordelingregel, ...]:
    rows = queryset.select_related("activiteit__thema").order_by(
        "activiteit__thema__naam", "activiteit__naam", "ronde"
    )[:TAKEN_MAX]
    return tuple(
        Beoordelingregel(
            activiteit=b.activiteit.naam,
            thema=b.activiteit.thema.naam,
            thema_slug=b.activiteit.thema.slug,
            ronde=b.ronde,
            voorstel=b.get_voorstel_display(),
        )
        for b in rows
    )


def _tasks(*, user: AbstractBaseUser, today: datetime.date) -> Taken:
    return Taken(
        ambtenaar=_ambtenaar_tasks(user) if user_has_role(user, Rol.AMBTENAAR) else None,
        regisseur=(
            RegisseurTaken(
                ingediend=Beoordeling.objects.filter(status=BeoordelingStatus.INGEDIEND).count()
            )
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
        status=BeoordelingStatus.CONCEPT, activiteit__thema__teamleden__gebruiker=user
    )
    return AmbtenaarTaken(
        themas=tuple(
            Thema.objects.filter(teamleden__gebruiker=user)
            .order_by("naam")
            .values_list("naam", flat=True)
        ),
        concepten=_review_rows(concepten),
        aantal=concepten.count(),
    )


def _wethouder_tasks(user: AbstractBaseUser, today: datetime.date) -> WethouderTaken:
    """Advised proposals on which the alderman's municipality has not voted yet."""
    zetel = (
        Lidmaatschap.objects.filter(
            lidmaatschap_lopend(today),
            gebruiker=user,
            regiekamer__soort=RegiekamerSoort.BESTUURLIJK,
        )
        .select_related("gemeente")
        .order_by("-van", "pk")
        .first()
    )
    if zetel is None:
        return WethouderTaken(gemeente=None, voorstellen=(), aantal=0)
    open_voorstellen = Beoordeling.objects.filter(status=BeoordelingStatus.GEADVISEERD).exclude(
        stemmen__gemeente=zetel.gemeente
    )
    return WethouderTaken(
        gemeente=zetel.gemeente.naam,
        voorstellen=_review_rows(open_voorstellen),
        aantal=open_voorstellen.count(),
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


def betrokken_gemeenten(beoordeling: Beoordeling) -> frozenset[int]:
    """The ids of the municipalities whose consent the proposal needs (DESIGN.md):
    the activity's current participants, plus the proposed ones for hergroeperen and toevoegen.

    Uses `activiteit.deelnames` and `voorgestelde_gemeenten` as prefetched by the caller.
    """
    betrokken = {d.gemeente_id for d in beoordeling.activiteit.deelnames.all()}
    if beoordeling.voorstel in (Voorstel.HERGROEPEREN, Voorstel.TOEVOEGEN):
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
