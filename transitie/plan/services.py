"""State changes of the transition plan: milestones, their dependencies and sign-off."""

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from drechtsteden.services import history_save
from transitie.constants import MijlpaalStatus
from transitie.plan.models import Mijlpaal
from transitie.plan.selectors import AFGEROND, OPEN_STATUSSEN


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
