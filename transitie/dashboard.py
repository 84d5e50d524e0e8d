"""What each person has to do, and the transition at a glance: the dashboard's reads."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
)

from drechtsteden.constants import Rol
from drechtsteden.selectors import drechtsteden_list, user_gemeente, user_has_role
from thema import workflow
from thema.constants import BeoordelingStatus
from thema.models import Activiteit, Beoordeling, Thema
from thema.workflow import Actor
from transitie.brieven.models import Briefbijlage, Raadsinformatiebrief
from transitie.brieven.selectors import brief_missing, may_publish_brief, publicatie_loopt
from transitie.constants import (
    AdviesVervolg,
    BriefStatus,
    MijlpaalStatus,
)
from transitie.plan.models import Transitieplan
from transitie.regiekamer.models import (
    Advies,
    Lidmaatschap,
    Regiekamer,
)
from transitie.regiekamer.selectors import (
    STEMMEN_PER_PAGINA,
    _review_order,
    bestuurlijke_zetels,
    betrokken_gemeenten,
    lidmaatschap_lopend,
    stem_wachtrij,
)
from transitie.regiekamer.zetels import eigen_zetel, stemrecht

# A to-do list shows this many items and counts the rest; the count is what matters at a glance.
TAKEN_MAX = 10


OPEN_MIJLPAAL = (MijlpaalStatus.GEPLAND, MijlpaalStatus.BEZIG)


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
    """One review on a to-do list, with what its link needs (the template builds the URL)."""

    pk: int
    activiteit: str
    activiteit_slug: str
    thema: str
    thema_slug: str
    ronde: int
    voorstel: str
    sinds: datetime.datetime | None  # submitted at: how long it has waited
    pagina: int = 1  # the page of the vote view it stands on
    teruggestuurd: bool = False  # sent back by the ambtelijke regiekamer: they wait for it


@dataclass(frozen=True)
class Activiteitregel:
    """An activity on a to-do list: not reviewed yet."""

    naam: str
    slug: str
    thema: str
    thema_slug: str


@dataclass(frozen=True)
class Briefregel:
    titel: str
    datum: datetime.date
    uuid: str


@dataclass(frozen=True)
class Conceptbrief:
    titel: str
    uuid: str
    ontbrekend: tuple[str, ...]  # required parts still missing: not yet publishable


@dataclass(frozen=True)
class PubliceerTaken:
    """Draft letters waiting for one who may publish them; those still missing a required part
    ask the drafter first, so they are listed apart, not as the publisher's task."""

    concepten: tuple[Conceptbrief, ...]  # complete: ready to publish
    aantal: int
    onaf: tuple[Conceptbrief, ...] = ()
    onaf_aantal: int = 0
    bezig: tuple[Conceptbrief, ...] = ()  # being published in the background: nothing to do

    @property
    def meer(self) -> int:
        return self.aantal - len(self.concepten)


@dataclass(frozen=True)
class AmbtenaarTaken:
    themas: tuple[str, ...]
    concepten: tuple[Beoordelingregel, ...]  # sent back first: the regiekamer waits for them
    aantal: int
    # Activities of his themes with no review at all (and not stopped), by theme and name.
    nog_niet: tuple[Activiteitregel, ...] = ()
    nog_niet_aantal: int = 0

    @property
    def nog_niet_meer(self) -> int:
        return self.nog_niet_aantal - len(self.nog_niet)

    @property
    def meer(self) -> int:
        return self.aantal - len(self.concepten)


@dataclass(frozen=True)
class RegisseurTaken:
    beoordelingen: tuple[Beoordelingregel, ...]  # the longest waiting first
    ingediend: int

    @property
    def meer(self) -> int:
        return self.ingediend - len(self.beoordelingen)


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
    publiceren: PubliceerTaken | None = None

    @property
    def leeg(self) -> bool:
        return not (
            self.ambtenaar
            or self.regisseur
            or self.wethouder
            or self.raadslid
            or self.beheerder
            or self.publiceren
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


def _review_rows(
    beoordelingen: Iterable[Beoordeling], paginas: dict[int, int] | None = None
) -> tuple[Beoordelingregel, ...]:
    return tuple(
        Beoordelingregel(
            pk=b.pk,
            activiteit=b.activiteit.naam,
            activiteit_slug=b.activiteit.slug,
            thema=b.activiteit.thema.naam,
            thema_slug=b.activiteit.thema.slug,
            ronde=b.ronde,
            voorstel=b.get_voorstel_display(),
            sinds=b.ingediend_op,
            pagina=(paginas or {}).get(b.pk, 1),
            teruggestuurd=getattr(b, "teruggestuurd", False),
        )
        for b in beoordelingen
    )


def _regisseur_tasks() -> RegisseurTaken:
    """The submitted reviews awaiting advice, the longest waiting first (as in the queue)."""
    wachtrij = (
        Beoordeling.objects.filter(status__in=workflow.wacht_op(Actor.AMBTELIJKE_REGIEKAMER))
        .select_related("activiteit__thema")
        .order_by("ingediend_op", "pk")  # the advice queue's order
    )
    return RegisseurTaken(
        beoordelingen=_review_rows(wachtrij[:TAKEN_MAX]), ingediend=wachtrij.count()
    )


def _tasks(*, user: AbstractBaseUser, today: datetime.date) -> Taken:
    return Taken(
        ambtenaar=_ambtenaar_tasks(user) if user_has_role(user, Rol.AMBTENAAR) else None,
        regisseur=(_regisseur_tasks() if user_has_role(user, Rol.AMBTELIJKE_REGIEKAMER) else None),
        wethouder=(
            _wethouder_tasks(user, today)
            if user_has_role(user, Rol.BESTUURLIJKE_REGIEKAMER)
            else None
        ),
        raadslid=_raadslid_tasks(user) if user_has_role(user, Rol.RAADSLID) else None,
        beheerder=user_has_role(user, Rol.BEHEERDER),
        publiceren=_publish_tasks() if may_publish_brief(user) else None,
    )


def _publish_tasks() -> PubliceerTaken:
    """The draft letters, newest first: the complete ones (the task), then those that still
    lack a required part, each with what it lacks. Drafts are few: all are read, in two queries."""
    concepten = (
        Raadsinformatiebrief.objects.filter(status=BriefStatus.CONCEPT)
        .annotate(wordt_gepubliceerd=publicatie_loopt())
        .order_by("-pk")
        .prefetch_related(Prefetch("bijlagen", queryset=Briefbijlage.objects.defer("pdf")))
    )
    bezig, klaar, onaf = [], [], []
    for brief in concepten:
        regel = Conceptbrief(
            titel=brief.titel, uuid=str(brief.uuid), ontbrekend=tuple(brief_missing(brief))
        )
        (bezig if brief.wordt_gepubliceerd else onaf if regel.ontbrekend else klaar).append(regel)
    return PubliceerTaken(
        concepten=tuple(klaar[:TAKEN_MAX]),
        aantal=len(klaar),
        onaf=tuple(onaf[:TAKEN_MAX]),
        onaf_aantal=len(onaf),
        bezig=tuple(bezig[:TAKEN_MAX]),
    )


def _ambtenaar_tasks(user: AbstractBaseUser) -> AmbtenaarTaken:
    """The concept reviews of the themes whose team the civil servant is in, those sent back by
    the ambtelijke regiekamer first; then the activities nobody has started to review."""
    concepten = Beoordeling.objects.filter(
        status__in=workflow.wacht_op(Actor.THEMATEAM),
        activiteit__thema__teamleden__gebruiker=user,
    )
    teruggestuurd = Exists(
        Advies.objects.filter(beoordeling=OuterRef("pk"), vervolg=AdviesVervolg.TERUGVERWIJZEN)
    )
    eerst = _review_order(concepten.annotate(teruggestuurd=teruggestuurd))
    eerst = eerst.order_by("-teruggestuurd", *eerst.query.order_by)
    nog_niet = (
        Activiteit.objects.filter(thema__teamleden__gebruiker=user)
        .exclude(status__in=workflow.GESTOPT)
        .filter(~Exists(Beoordeling.objects.filter(activiteit=OuterRef("pk"))))
        .select_related("thema")
        .order_by("thema__naam", "naam")
    )
    return AmbtenaarTaken(
        nog_niet=tuple(
            Activiteitregel(naam=a.naam, slug=a.slug, thema=a.thema.naam, thema_slug=a.thema.slug)
            for a in nog_niet[:TAKEN_MAX]
        ),
        nog_niet_aantal=nog_niet.count(),
        themas=tuple(
            Thema.objects.filter(teamleden__gebruiker=user)
            .order_by("naam")
            .values_list("naam", flat=True)
        ),
        concepten=_review_rows(eerst[:TAKEN_MAX]),
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
        .select_related("activiteit__thema")
        .prefetch_related("activiteit__deelnames", "voorgestelde_gemeenten")
        # The vote view's order: the longest waiting first, as they stand on its pages.
        .order_by("ingediend_op", "pk")
    )
    # Which page of the vote view each proposal stands on, so the link lands on it.
    volgorde = stem_wachtrij().prefetch_related(None).values_list("pk", flat=True)
    paginas = {pk: i // STEMMEN_PER_PAGINA + 1 for i, pk in enumerate(volgorde)}
    te_stemmen = [
        beoordeling
        for beoordeling in wachtend
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
        voorstellen=_review_rows(te_stemmen[:TAKEN_MAX], paginas),
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
            Briefregel(titel=titel, datum=datum, uuid=str(uuid))
            for titel, datum, uuid in brieven.order_by("-datum", "-pk").values_list(
                "titel", "datum", "uuid"
            )[:TAKEN_MAX]
        ),
        aantal=brieven.count(),
    )
