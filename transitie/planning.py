"""The transition plan: the milestone rules (services) and what the plan page shows (selectors)."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from drechtsteden.services import history_save
from thema import workflow
from thema.constants import BeoordelingStatus, Voorstel
from thema.models import Thema
from transitie.constants import Inzicht, MijlpaalStatus
from transitie.models import Aanbeveling, Mijlpaal, Transitieplan

OPEN_STATUSSEN = (MijlpaalStatus.GEPLAND, MijlpaalStatus.BEZIG)
# A dependency that was dropped (vervallen) no longer holds anything up.
AFGEROND = (MijlpaalStatus.GEREED, MijlpaalStatus.VERVALLEN)


# Rules


def mijlpaal_check(mijlpaal: Mijlpaal) -> None:
    """The rules on one milestone's own fields; raises ValidationError per field."""
    plan_deadline = mijlpaal.aanbeveling.transitieplan.deadline
    if mijlpaal.deadline > plan_deadline and not mijlpaal.reden_na_plandeadline.strip():
        raise ValidationError(
            {
                "reden_na_plandeadline": _(
                    "De deadline ligt na die van het plan (%(datum)s): geef de reden."
                )
                % {"datum": plan_deadline.strftime("%d-%m-%Y")}
            },
            code="reden_ontbreekt",
        )


def _open_voorwaarden(mijlpaal: Mijlpaal) -> list[Mijlpaal]:
    return list(mijlpaal.afhankelijk_van.exclude(status__in=AFGEROND).order_by("titel"))


def _check_gereed(mijlpaal: Mijlpaal) -> None:
    open_voorwaarden = _open_voorwaarden(mijlpaal)
    if open_voorwaarden:
        raise ValidationError(
            {
                "status": _("Eerst moeten deze mijlpalen gereed zijn: %(titels)s.")
                % {"titels": ", ".join(m.titel for m in open_voorwaarden)}
            },
            code="voorwaarde_open",
        )


@transaction.atomic
def mijlpaal_save(
    *,
    mijlpaal: Mijlpaal,
    acting_user: AbstractBaseUser,
    reden: str,
    afhankelijk_van: Iterable[Mijlpaal] | None = None,
) -> Mijlpaal:
    """Create or change a milestone by the rules, and, when given, the milestones it depends on
    (mijlpaal_set_afhankelijkheden); marking it gereed goes through sign-off."""
    perm = "transitie.add_mijlpaal" if mijlpaal.pk is None else "transitie.change_mijlpaal"
    if not acting_user.has_perm(perm):
        raise PermissionDenied(_("Alleen de ambtelijke regiekamer houdt het plan bij."))
    mijlpaal_check(mijlpaal)
    vorige_status = None
    if mijlpaal.pk is not None:
        vorige_status = Mijlpaal.objects.select_for_update().get(pk=mijlpaal.pk).status
    if vorige_status == MijlpaalStatus.GEREED and mijlpaal.status != MijlpaalStatus.GEREED:
        raise ValidationError(
            {"status": _("Een afgetekende mijlpaal blijft gereed.")}, code="afgetekend"
        )
    if mijlpaal.status == MijlpaalStatus.GEREED and vorige_status != MijlpaalStatus.GEREED:
        raise ValidationError(
            {"status": _("Een mijlpaal wordt gereed door aftekening.")}, code="aftekenen"
        )
    history_save(mijlpaal, acting_user=acting_user, reden=reden)
    if afhankelijk_van is not None:
        voorwaarden = list(afhankelijk_van)
        huidige = set(mijlpaal.afhankelijk_van.values_list("pk", flat=True))
        if {m.pk for m in voorwaarden} != huidige:
            mijlpaal_set_afhankelijkheden(
                mijlpaal=mijlpaal, afhankelijk_van=voorwaarden, acting_user=acting_user, reden=reden
            )
    return mijlpaal


def _reachable(start: Iterable[int]) -> set[int]:
    """All milestones the given ones depend on, directly or through others (one query per level)."""
    Through = Mijlpaal.afhankelijk_van.through
    gezien: set[int] = set()
    rand = set(start)
    while rand:
        gezien |= rand
        rand = (
            set(
                Through.objects.filter(from_mijlpaal_id__in=rand).values_list(
                    "to_mijlpaal_id", flat=True
                )
            )
            - gezien
        )
    return gezien


@transaction.atomic
def mijlpaal_set_afhankelijkheden(
    *,
    mijlpaal: Mijlpaal,
    afhankelijk_van: Iterable[Mijlpaal],
    acting_user: AbstractBaseUser,
    reden: str,
) -> Mijlpaal:
    """Set the milestones this one depends on; a dependency cycle is refused."""
    if not acting_user.has_perm("transitie.change_mijlpaal"):
        raise PermissionDenied(_("Alleen de ambtelijke regiekamer houdt het plan bij."))
    voorwaarden = {m.pk: m for m in afhankelijk_van}
    if mijlpaal.pk in voorwaarden or mijlpaal.pk in _reachable(voorwaarden):
        raise ValidationError(
            {
                "afhankelijk_van": _(
                    "Dit maakt een kring: %(titel)s zou (via andere mijlpalen) van zichzelf "
                    "afhangen."
                )
                % {"titel": mijlpaal.titel}
            },
            code="kring",
        )
    if mijlpaal.status == MijlpaalStatus.GEREED:
        open_voorwaarden = [m for m in voorwaarden.values() if m.status not in AFGEROND]
        if open_voorwaarden:
            raise ValidationError(
                {
                    "afhankelijk_van": _(
                        "Een gerede mijlpaal kan niet afhangen van een open mijlpaal: %(titels)s."
                    )
                    % {"titels": ", ".join(sorted(m.titel for m in open_voorwaarden))}
                },
                code="voorwaarde_open",
            )
    mijlpaal._history_user = acting_user
    mijlpaal._change_reason = reden
    mijlpaal.afhankelijk_van.set(voorwaarden.values())
    return mijlpaal


@transaction.atomic
def mijlpaal_sign_off(
    *,
    mijlpaal: Mijlpaal,
    acting_user: AbstractBaseUser,
    reden: str,
    gereed_op: datetime.date,
) -> Mijlpaal:
    """The bestuurlijke regiekamer signs a milestone off as gereed, once its dependencies are."""
    if not acting_user.has_perm("transitie.aftekenen_mijlpaal"):
        raise PermissionDenied(_("Alleen de bestuurlijke regiekamer tekent mijlpalen af."))
    mijlpaal = (
        Mijlpaal.objects.select_for_update().select_related("aanbeveling").get(pk=mijlpaal.pk)
    )
    if mijlpaal.status not in OPEN_STATUSSEN:
        raise ValidationError(
            {
                "status": _("Deze mijlpaal is al %(status)s.")
                % {"status": mijlpaal.get_status_display().lower()}
            },
            code="niet_open",
        )
    if not reden.strip():
        raise ValidationError({"reden": _("Geef een toelichting bij de aftekening.")}, code="reden")
    _check_gereed(mijlpaal)
    mijlpaal.status = MijlpaalStatus.GEREED
    mijlpaal.gereed_op = gereed_op
    history_save(mijlpaal, acting_user=acting_user, reden=reden)
    return mijlpaal


# What the plan page shows


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
