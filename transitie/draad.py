"""The thread through every object: an activity, its reviews, their advice and votes, the decision
and the letters that reported it, each reachable from the others.

One selector per direction, each in a fixed number of queries whatever the number of rounds, votes
or letters: `draad_voor` (the activity page, registered with thema.draad), `besluit_brieven` (the
decision page) and `brief_besluiten` (the letter page). Which letters report a decision is one rule,
`_gemeld`: a published letter with the block of decisions reports every decision taken up to its
peildatum and before its publication (transitie.brieven.pdf.brief_blocks renders exactly those).
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from drechtsteden.constants import Rol
from drechtsteden.models import Gemeente
from thema import workflow
from thema.constants import Voorstel
from thema.models import Activiteit, Beoordeling, Partner
from thema.selectors import zichtbare_beoordelingen
from thema.workflow import Actor
from transitie.brieven.models import Raadsinformatiebrief
from transitie.brieven.selectors import brief_list
from transitie.constants import BesluitUitkomst, BriefStatus
from transitie.regiekamer.models import Advies, Besluit, Stem
from transitie.regiekamer.selectors import (
    STEMMEN_PER_PAGINA,
    access_regiekamer_rol,
    stem_wachtrij,
)

User = AbstractBaseUser | AnonymousUser


def _gemeld(brief: Raadsinformatiebrief) -> Q:
    """The decisions `brief` reports (see the module's docstring); a draft: those its preview
    would show today."""
    if brief.status != BriefStatus.GEPUBLICEERD:
        return Q(besloten_op__date__lte=timezone.localdate())
    return Q(besloten_op__date__lte=_peildatum(brief), besloten_op__lte=brief.gepubliceerd_op)


def _peildatum(brief: Raadsinformatiebrief) -> datetime.date:
    """A published letter's peildatum; one published before letters kept it: its publication day
    (brief_publish renders the data as it stands when it publishes)."""
    return brief.peildatum or timezone.localdate(brief.gepubliceerd_op)


def _melders(user: User, vanaf: datetime.datetime) -> QuerySet[Raadsinformatiebrief]:
    """The published letters `user` may read whose block of decisions covers a decision taken at
    `vanaf` (or later, for the caller to match), oldest first."""
    return (
        brief_list(user=user)
        .prefetch_related(None)
        .filter(
            status=BriefStatus.GEPUBLICEERD,
            blok_besluiten=True,
            gepubliceerd_op__gte=vanaf,
        )
        .only("uuid", "titel", "datum", "peildatum", "gepubliceerd_op", "status")
        .order_by("gepubliceerd_op", "pk")
    )


def _meldt(brief: Raadsinformatiebrief, besluit: Besluit) -> bool:
    """`_gemeld` for one letter and one decision already read."""
    return (
        timezone.localdate(besluit.besloten_op) <= _peildatum(brief)
        and besluit.besloten_op <= brief.gepubliceerd_op
    )


def besluit_brieven(*, user: User, besluit: Besluit) -> list[Raadsinformatiebrief]:
    """The published letters `user` may read that reported `besluit`, oldest first. One query."""
    return [b for b in _melders(user, besluit.besloten_op) if _meldt(b, besluit)]


def brief_besluiten(brief: Raadsinformatiebrief) -> list[Besluit]:
    """The decisions `brief` reports, per theme and by date as the letter lists them; none when
    its block of decisions is off. One query."""
    if not brief.blok_besluiten:
        return []
    return list(
        Besluit.objects.filter(_gemeld(brief))
        .select_related("beoordeling__activiteit__thema")
        .only(
            "uitkomst",
            "besloten_op",
            "beoordeling__voorstel",
            "beoordeling__ronde",
            "beoordeling__nieuwe_activiteit_naam",
            "beoordeling__activiteit__naam",
            "beoordeling__activiteit__slug",
            "beoordeling__activiteit__thema__naam",
            "beoordeling__activiteit__thema__slug",
        )
        .order_by("beoordeling__activiteit__thema__naam", "besloten_op", "pk")
    )


@dataclass(frozen=True)
class Rondedraad:
    """One round's review with what became of it."""

    beoordeling: Beoordeling
    adviezen: tuple[Advies, ...]  # newest first; more than one when it was sent back
    stemmen: tuple[Stem, ...]  # by municipality
    besluit: Besluit | None
    brieven: tuple[Raadsinformatiebrief, ...]  # the letters that reported the decision
    stempagina: int | None  # the vote view's page it stands on, while the aldermen vote
    nieuwe_activiteit: Activiteit | None  # added by this decision (an adopted toevoegen)

    @property
    def aangenomen(self) -> bool:
        return self.besluit is not None and self.besluit.uitkomst == BesluitUitkomst.AANGENOMEN

    @property
    def bij_themateam(self) -> bool:
        return self.beoordeling.status in workflow.ALLEEN_VOOR_OPSTELLERS

    @property
    def wacht_op_advies(self) -> bool:
        return self.beoordeling.status in workflow.wacht_op(Actor.AMBTELIJKE_REGIEKAMER)

    @property
    def wacht_op_stemmen(self) -> bool:
        return self.beoordeling.status in workflow.wacht_op(Actor.BESTUURLIJKE_REGIEKAMER)


@dataclass(frozen=True)
class ActiviteitDraad:
    """An activity's thread: its rounds, the latest decision and where the activity came from."""

    rondes: dict[int, Rondedraad]
    laatste: Rondedraad | None  # the newest round the user may read
    laatste_besluit: Rondedraad | None  # the newest round with a decision
    herkomst: Besluit | None  # the decision that added this activity, if one did
    ziet_stemmen: bool  # may open the vote view
    template: str = "transitie/draad/activiteit.html"
    ronde_template: str = "transitie/draad/ronde.html"

    def ronde(self, ronde: int) -> Rondedraad | None:
        return self.rondes.get(ronde)


def _ziet_stemmen(user: User) -> bool:
    try:
        access_regiekamer_rol(user, Rol.BESTUURLIJKE_REGIEKAMER, Rol.AMBTELIJKE_REGIEKAMER)
    except PermissionDenied:
        return False
    return True


def _stempagina(beoordeling: Beoordeling) -> int:
    """The page of the vote view (its order: the longest waiting first) the proposal is on."""
    voor = (
        stem_wachtrij()
        .prefetch_related(None)
        .filter(
            Q(ingediend_op__lt=beoordeling.ingediend_op)
            | Q(ingediend_op=beoordeling.ingediend_op, pk__lt=beoordeling.pk)
        )
        .count()
    )
    return voor // STEMMEN_PER_PAGINA + 1


def draad_voor(*, user: User, activiteit: Activiteit) -> ActiviteitDraad:
    """The thread of `activiteit` as `user` may see it. At most eight queries, whatever the number
    of rounds, advice, votes and letters."""
    beoordelingen = list(
        zichtbare_beoordelingen(user)
        .filter(activiteit=activiteit)
        .select_related("besluit")
        .prefetch_related(
            Prefetch("voorgestelde_gemeenten", queryset=Gemeente.objects.order_by("naam")),
            Prefetch("voorgestelde_partners", queryset=Partner.objects.order_by("naam")),
        )
        .order_by("-ronde")
    )
    for b in beoordelingen:
        b.activiteit = activiteit  # the titles name it: no query per round
    ids = [b.pk for b in beoordelingen]
    adviezen: dict[int, list[Advies]] = {}
    stemmen: dict[int, list[Stem]] = {}
    if ids:
        for advies in (
            Advies.objects.filter(beoordeling_id__in=ids)
            .select_related("gegeven_door")
            .order_by("-gegeven_op", "-pk")
        ):
            adviezen.setdefault(advies.beoordeling_id, []).append(advies)
        for stem in (
            Stem.objects.filter(beoordeling_id__in=ids)
            .select_related("gemeente", "uitgebracht_door")
            .order_by("gemeente__naam")
        ):
            stemmen.setdefault(stem.beoordeling_id, []).append(stem)
    besluiten = [besluit for b in beoordelingen if (besluit := _besluit(b)) is not None]
    brieven = list(_melders(user, min(b.besloten_op for b in besluiten))) if besluiten else []
    toegevoegd = [
        b.nieuwe_activiteit_naam
        for b in beoordelingen
        if _besluit(b) is not None
        and b.voorstel == Voorstel.TOEVOEGEN
        and b.besluit.uitkomst == BesluitUitkomst.AANGENOMEN
    ]
    nieuwe = (
        {
            a.naam: a
            for a in Activiteit.objects.filter(thema_id=activiteit.thema_id, naam__in=toegevoegd)
            .select_related("thema")
            .order_by("pk")
        }
        if toegevoegd
        else {}
    )
    herkomst = (
        Besluit.objects.filter(
            uitkomst=BesluitUitkomst.AANGENOMEN,
            beoordeling__voorstel=Voorstel.TOEVOEGEN,
            beoordeling__nieuwe_activiteit_naam=activiteit.naam,
            beoordeling__activiteit__thema_id=activiteit.thema_id,
        )
        .exclude(beoordeling__activiteit=activiteit)
        .select_related("beoordeling__activiteit__thema")
        .order_by("besloten_op", "pk")
        .first()
    )

    ziet_stemmen = _ziet_stemmen(user)
    rondes = {}
    for b in beoordelingen:
        besluit = _besluit(b)
        rondes[b.ronde] = Rondedraad(
            beoordeling=b,
            adviezen=tuple(adviezen.get(b.pk, ())),
            stemmen=tuple(stemmen.get(b.pk, ())),
            besluit=besluit,
            brieven=tuple(br for br in brieven if besluit and _meldt(br, besluit)),
            stempagina=(
                _stempagina(b)
                if ziet_stemmen and b.status in workflow.wacht_op(Actor.BESTUURLIJKE_REGIEKAMER)
                else None
            ),
            nieuwe_activiteit=(
                nieuwe.get(b.nieuwe_activiteit_naam)
                if besluit is not None and b.voorstel == Voorstel.TOEVOEGEN
                else None
            ),
        )
    volgorde = list(rondes.values())
    laatste_besluit = next((r for r in volgorde if r.besluit is not None), None)
    return ActiviteitDraad(
        rondes=rondes,
        laatste=volgorde[0] if volgorde else None,
        laatste_besluit=laatste_besluit,
        herkomst=herkomst,
        ziet_stemmen=ziet_stemmen,
    )


def _besluit(beoordeling: Beoordeling) -> Besluit | None:
    try:
        return beoordeling.besluit
    except Besluit.DoesNotExist:
        return None


# The audit log links a decision, an advice and a vote to the decision's page (before the
# decision: to the history tab of the activity), and a letter to its page.


def _besluit_links(ids: list[int]) -> dict[int, str]:
    return {pk: reverse("besluiten:detail", kwargs={"pk": pk}) for pk in ids}


def _via_beoordeling(model):
    def links(ids: list[int]) -> dict[int, str]:
        rows = model.objects.filter(pk__in=ids).values_list(
            "pk",
            "beoordeling__besluit__pk",
            "beoordeling__activiteit__thema__slug",
            "beoordeling__activiteit__slug",
        )
        return {
            pk: (
                reverse("besluiten:detail", kwargs={"pk": besluit})
                if besluit is not None
                else reverse("thema:geschiedenis", kwargs={"slug": thema, "activiteit": slug})
            )
            for pk, besluit, thema, slug in rows
        }

    return links


def _brief_links(ids: list[int]) -> dict[int, str]:
    return {
        pk: reverse("brieven:detail", kwargs={"brief_id": brief_id})
        for pk, brief_id in Raadsinformatiebrief.objects.filter(pk__in=ids).values_list(
            "pk", "uuid"
        )
    }


HISTORY_LINKS = {
    "transitie.Besluit": _besluit_links,
    "transitie.Advies": _via_beoordeling(Advies),
    "transitie.Stem": _via_beoordeling(Stem),
    "transitie.Raadsinformatiebrief": _brief_links,
}
