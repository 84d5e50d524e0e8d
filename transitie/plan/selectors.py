"""Reads of the transition plan: what the plan page shows."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q

from thema import workflow
from thema.constants import BeoordelingStatus, Voorstel
from thema.models import Thema
from transitie.constants import Inzicht, MijlpaalStatus
from transitie.plan.models import Aanbeveling, Mijlpaal, Transitieplan

OPEN_STATUSSEN = (MijlpaalStatus.GEPLAND, MijlpaalStatus.BEZIG)


# A dependency that was dropped (vervallen) no longer holds anything up.
AFGEROND = (MijlpaalStatus.GEREED, MijlpaalStatus.VERVALLEN)


@dataclass(frozen=True)
class Mijlpaalregel:
    pk: int
    titel: str
    eigenaar: str
    deadline: datetime.date
    status: str
    status_label: str
    gereed_op: datetime.date | None
    reden_na_plandeadline: str
    afhankelijk_van: tuple[str, ...]
    open: bool  # gepland or bezig: it can still be signed off
    te_laat: bool  # open and its deadline has passed
    na_plandeadline: bool  # due, or done, after the plan's deadline


@dataclass(frozen=True)
class Voortgang:
    gereed: int
    telt: int  # all milestones except the dropped ones

    @property
    def procent(self) -> int:
        return round(100 * self.gereed / self.telt) if self.telt else 0


@dataclass(frozen=True)
class Aanbevelingregel:
    nummer: int
    titel: str
    mijlpalen: tuple[Mijlpaalregel, ...]
    voortgang: Voortgang


@dataclass(frozen=True)
class Inzichtgroep:
    nummer: int
    label: str
    aanbevelingen: tuple[Aanbevelingregel, ...]


@dataclass(frozen=True)
class Themavoortgang:
    naam: str
    slug: str
    per_status: tuple[int, ...]  # in BeoordelingStatus order
    per_uitkomst: tuple[int, ...]  # adopted decisions, in Voorstel order


@dataclass(frozen=True)
class PlanOverzicht:
    today: datetime.date
    naam: str
    deadline: datetime.date
    inzichten: tuple[Inzichtgroep, ...]
    voortgang: Voortgang
    te_laat: tuple[Mijlpaalregel, ...]
    na_plandeadline: tuple[Mijlpaalregel, ...]
    mijlpalen: tuple[Mijlpaalregel, ...]
    statussen: tuple[str, ...]
    uitkomsten: tuple[str, ...]
    themas: tuple[Themavoortgang, ...]

    @property
    def deadline_verstreken(self) -> bool:
        return self.today > self.deadline


def _voortgang(mijlpalen: Iterable[Mijlpaalregel]) -> Voortgang:
    mijlpalen = list(mijlpalen)
    return Voortgang(
        gereed=sum(m.status == MijlpaalStatus.GEREED for m in mijlpalen),
        telt=sum(m.status != MijlpaalStatus.VERVALLEN for m in mijlpalen),
    )


def plan_overview(*, today: datetime.date) -> PlanOverzicht | None:
    """The plan with its recommendations and milestones, in a fixed number of queries."""
    plan = Transitieplan.objects.order_by("deadline", "pk").first()
    if plan is None:
        return None
    aanbevelingen = list(Aanbeveling.objects.filter(transitieplan=plan).order_by("nummer"))
    qs = (
        Mijlpaal.objects.filter(aanbeveling__transitieplan=plan)
        .select_related("eigenaar_regiekamer", "eigenaar_gemeente")
        .prefetch_related("afhankelijk_van")
        .order_by("deadline", "titel", "pk")
    )
    per_aanbeveling: dict[int, list[Mijlpaalregel]] = defaultdict(list)
    alle = []
    for m in qs:
        regel = Mijlpaalregel(
            pk=m.pk,
            titel=m.titel,
            eigenaar=str(m.eigenaar),
            deadline=m.deadline,
            status=m.status,
            status_label=m.get_status_display(),
            gereed_op=m.gereed_op,
            reden_na_plandeadline=m.reden_na_plandeadline,
            afhankelijk_van=tuple(sorted(v.titel for v in m.afhankelijk_van.all())),
            open=m.status in OPEN_STATUSSEN,
            te_laat=m.status in OPEN_STATUSSEN and m.deadline < today,
            na_plandeadline=(
                m.deadline > plan.deadline
                or (m.gereed_op is not None and m.gereed_op > plan.deadline)
                or (m.status in OPEN_STATUSSEN and today > plan.deadline)
            ),
        )
        per_aanbeveling[m.aanbeveling_id].append(regel)
        alle.append(regel)

    inzichten = []
    for inzicht in Inzicht:
        regels = tuple(
            Aanbevelingregel(
                nummer=a.nummer,
                titel=a.titel,
                mijlpalen=tuple(per_aanbeveling[a.pk]),
                voortgang=_voortgang(per_aanbeveling[a.pk]),
            )
            for a in aanbevelingen
            if a.inzicht == inzicht
        )
        inzichten.append(
            Inzichtgroep(nummer=inzicht.value, label=str(inzicht.label), aanbevelingen=regels)
        )

    return PlanOverzicht(
        today=today,
        naam=plan.naam,
        deadline=plan.deadline,
        inzichten=tuple(inzichten),
        voortgang=_voortgang(alle),
        te_laat=tuple(m for m in alle if m.te_laat),
        na_plandeadline=tuple(m for m in alle if m.na_plandeadline),
        mijlpalen=tuple(alle),
        statussen=tuple(str(s.label) for s in BeoordelingStatus),
        uitkomsten=tuple(str(v.label) for v in Voorstel),
        themas=_theme_progress(),
    )


def _theme_progress() -> tuple[Themavoortgang, ...]:
    """Per theme: reviews per state, and adopted decisions per outcome, in one query."""
    tellers = {
        f"s_{s.value}": Count(
            "activiteiten__beoordelingen", filter=Q(activiteiten__beoordelingen__status=s)
        )
        for s in BeoordelingStatus
    }
    tellers |= {
        f"v_{v.value}": Count(
            "activiteiten__beoordelingen",
            filter=Q(
                activiteiten__beoordelingen__status=workflow.AANGENOMEN,
                activiteiten__beoordelingen__voorstel=v,
            ),
        )
        for v in Voorstel
    }
    return tuple(
        Themavoortgang(
            naam=t.naam,
            slug=t.slug,
            per_status=tuple(getattr(t, f"s_{s.value}") for s in BeoordelingStatus),
            per_uitkomst=tuple(getattr(t, f"v_{v.value}") for v in Voorstel),
        )
        for t in Thema.objects.annotate(**tellers).order_by("naam")
    )
