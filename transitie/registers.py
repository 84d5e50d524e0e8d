"""The registers of what the letters promise the councils: changes to the financial frameworks,
which hold only once all seven councils adopted them, and commitments (toezeggingen) until settled.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from drechtsteden.constants import Rol
from drechtsteden.models import Gemeente
from drechtsteden.selectors import drechtsteden_list, user_gemeente, user_has_role
from drechtsteden.services import history_save
from transitie.constants import BriefStatus, RaadsbehandelingStatus
from transitie.models import Kaderwijziging, Raadsbehandeling, Raadsinformatiebrief, Toezegging

BESLUITEN = (RaadsbehandelingStatus.VASTGESTELD, RaadsbehandelingStatus.AFGEWEZEN)


def _require(user: AbstractBaseUser, perm: str, melding: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied(melding)


def _not_in_future(datum: datetime.date, veld: str) -> None:
    if datum > timezone.localdate():
        raise ValidationError({veld: _("Deze datum ligt in de toekomst.")})


# Changes to the financial frameworks


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


# Commitments (toezeggingen)


@transaction.atomic
def toezegging_register(
    *,
    acting_user: AbstractBaseUser,
    tekst: str,
    brief: Raadsinformatiebrief,
    verwacht_op: datetime.date,
    gemeente: Gemeente | None = None,
) -> Toezegging:
    """Register what a published letter promises one council, or all seven (no gemeente)."""
    _require(
        acting_user,
        "transitie.add_toezegging",
        _("U mag geen toezeggingen registreren."),
    )
    if brief.status != BriefStatus.GEPUBLICEERD:
        raise ValidationError(
            {"brief": _("Alleen een gepubliceerde brief doet toezeggingen aan de raden.")}
        )
    if gemeente is not None and not gemeente.is_drechtstad:
        raise ValidationError(
            {"gemeente": _("Een toezegging geldt voor de raad van een van de zeven gemeenten.")}
        )
    if verwacht_op < brief.datum:
        raise ValidationError(
            {"verwacht_op": _("De verwachte datum ligt vóór de datum van de brief.")}
        )
    toezegging = Toezegging(tekst=tekst, brief=brief, verwacht_op=verwacht_op, gemeente=gemeente)
    history_save(toezegging, acting_user=acting_user, reden=_("Toezegging geregistreerd"))
    return toezegging


@transaction.atomic
def toezegging_settle(
    *,
    acting_user: AbstractBaseUser,
    toezegging: Toezegging,
    afdoening: str,
    afgedaan_op: datetime.date,
) -> Toezegging:
    """Settle a commitment: how and when it was kept. A settled commitment stays settled."""
    _require(
        acting_user,
        "transitie.afdoen_toezegging",
        _("Alleen de regiekamers doen een toezegging af."),
    )
    toezegging = (
        Toezegging.objects.select_for_update().select_related("brief").get(pk=toezegging.pk)
    )
    if not toezegging.is_open:
        raise ValidationError(_("Deze toezegging is al afgedaan."))
    if not afdoening.strip():
        raise ValidationError({"afdoening": _("Beschrijf hoe de toezegging is afgedaan.")})
    if afgedaan_op < toezegging.brief.datum:
        raise ValidationError(
            {"afgedaan_op": _("Een toezegging wordt niet afgedaan vóór de brief die haar deed.")}
        )
    _not_in_future(afgedaan_op, "afgedaan_op")
    toezegging.afdoening = afdoening.strip()
    toezegging.afgedaan_op = afgedaan_op
    history_save(toezegging, acting_user=acting_user, reden=_("Toezegging afgedaan"))
    return toezegging


def _for_council(gemeente: Gemeente) -> Q:
    return Q(gemeente=gemeente) | Q(gemeente__isnull=True)


def toezeggingen_per_gemeente() -> list[tuple[Gemeente, list[Toezegging]]]:
    """Per council its commitments (its own and those to all seven): open first, by date."""
    gemeenten = list(drechtsteden_list())
    toezeggingen = sorted(
        Toezegging.objects.select_related("brief", "gemeente").order_by("verwacht_op", "id"),
        key=lambda t: not t.is_open,
    )
    return [(g, [t for t in toezeggingen if t.gemeente_id in (None, g.pk)]) for g in gemeenten]


def open_toezeggingen(*, letter: Raadsinformatiebrief, gemeente: Gemeente) -> list[Toezegging]:
    """The commitments earlier letters made to this council that were still open on the letter's
    date: a later letter lists them until they are settled."""
    return list(
        Toezegging.objects.filter(_for_council(gemeente), brief__datum__lte=letter.datum)
        .exclude(brief=letter)
        .filter(Q(afgedaan_op__isnull=True) | Q(afgedaan_op__gt=letter.datum))
        .select_related("brief")
        .order_by("verwacht_op", "id")
    )
