"""Reads of the content layer: themes, activities and their reviews, as each user may see them.

Access rules live here, not in the views: everyone logged in reads themes, activities and reviews,
but a review in concept is visible only to people with a working role (a raadslid sees no concept),
and only the theme's team writes (`require_themateam`).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from drechtsteden.constants import Rol
from drechtsteden.models import Gemeente
from drechtsteden.opmaak import euro
from drechtsteden.selectors import drechtsteden_list, user_has_role, user_sees_drafts
from thema import workflow
from thema.constants import (
    BEDRAG_VELD,
    BEDRAG_VELDEN,
    BEOORDELING_VELDEN,
    CONSEQUENTIE_JAREN,
    M2M_VELDEN,
    SCALAIRE_VELDEN,
    BeoordelingStatus,
    Score,
)
from thema.models import (
    Activiteit,
    Beoordeling,
    Deelname,
    FinancieleConsequentie,
    Partner,
    Teamlid,
    Thema,
)
from thema.workflow import Actor

User = AbstractBaseUser | AnonymousUser

# The state of an activity that has no (visible) review yet.
GEEN = "geen"


def zichtbare_beoordelingen(user: User) -> QuerySet[Beoordeling]:
    """The reviews `user` may read."""
    beoordelingen = Beoordeling.objects.all()
    if not user_sees_drafts(user):
        beoordelingen = beoordelingen.exclude(status__in=workflow.ALLEEN_VOOR_OPSTELLERS)
    return beoordelingen


def is_teamlid(*, user: User, thema: Thema) -> bool:
    """Whether `user` is in the team of `thema` (one query, every time it is asked)."""
    if not user.is_authenticated:
        return False
    return Teamlid.objects.filter(thema=thema, gebruiker=user).exists()


def review_actors(*, user: User, thema: Thema) -> frozenset[Actor]:
    """In which capacities `user` acts on the reviews of `thema` (thema.workflow's actors)."""
    actoren = set()
    if is_teamlid(user=user, thema=thema):
        actoren.add(Actor.THEMATEAM)
    if user_has_role(user, Rol.AMBTELIJKE_REGIEKAMER):
        actoren.add(Actor.AMBTELIJKE_REGIEKAMER)
    if user_has_role(user, Rol.BESTUURLIJKE_REGIEKAMER):
        actoren.add(Actor.BESTUURLIJKE_REGIEKAMER)
    return frozenset(actoren)


def require_themateam(*, user: User, thema: Thema) -> frozenset[Actor]:
    """The one team rule: only a member of the theme's team, with the right to change reviews,
    writes its reviews. Returns the user's actors for the theme; PermissionDenied otherwise.

    Asked by the review pages and by the services that write a review.
    """
    actoren = review_actors(user=user, thema=thema)
    if Actor.THEMATEAM not in actoren or not user.has_perm("thema.change_beoordeling"):
        raise PermissionDenied(
            gettext("Alleen leden van het themateam van %(thema)s schrijven deze beoordeling.")
            % {"thema": thema}
        )
    return actoren


def _huidige(user: User, veld: str) -> Subquery:
    """A subquery for `veld` of an activity's latest visible review (the highest round)."""
    return Subquery(
        zichtbare_beoordelingen(user)
        .filter(activiteit=OuterRef("pk"))
        .order_by("-ronde")
        .values(veld)[:1]
    )


# The overview


@dataclass(frozen=True)
class Kolom:
    status: str
    label: str


@dataclass(frozen=True)
class Filters:
    status: str = ""
    voorstel: str = ""
    gemeente: str = ""  # a municipality's slug
    zoek: str = ""

    @property
    def actief(self) -> bool:
        return bool(self.status or self.voorstel or self.gemeente or self.zoek)


@dataclass(frozen=True)
class ThemaRegel:
    thema: Thema
    aantallen: dict[str, int]
    tellingen: tuple[int, ...]  # the counts in the order of the overview's columns

    @property
    def totaal(self) -> int:
        return sum(self.aantallen.values())

    @property
    def verder(self) -> int:
        """Activities whose review has been submitted or has gone further."""
        return sum(
            n
            for status, n in self.aantallen.items()
            if status != GEEN and not workflow.is_bewerkbaar(status)
        )

    @property
    def procent(self) -> int:
        return round(100 * self.verder / self.totaal) if self.totaal else 0


@dataclass(frozen=True)
class Overzicht:
    kolommen: tuple[Kolom, ...]
    regels: tuple[ThemaRegel, ...]
    filters: Filters
    gemeenten: tuple[Gemeente, ...]


def status_kolommen(user: User) -> tuple[Kolom, ...]:
    """The states the overview counts, in the flow's order; without concepts for a raadslid."""
    if user_sees_drafts(user):
        kolommen = [Kolom(GEEN, str(_("Nog geen beoordeling")))]
        statussen = list(BeoordelingStatus)
    else:
        kolommen = [Kolom(GEEN, str(_("Nog niet ingediend")))]
        statussen = [s for s in BeoordelingStatus if s not in workflow.ALLEEN_VOOR_OPSTELLERS]
    return tuple(kolommen + [Kolom(s.value, str(s.label)) for s in statussen])


def thema_overview(*, user: User, filters: Filters) -> Overzicht:
    """Every theme with its activities counted by the state of their current review."""
    activiteiten = Activiteit.objects.annotate(
        huidige_status=_huidige(user, "status"), huidige_voorstel=_huidige(user, "voorstel")
    )
    if filters.status == GEEN:
        activiteiten = activiteiten.filter(huidige_status__isnull=True)
    elif filters.status:
        activiteiten = activiteiten.filter(huidige_status=filters.status)
    if filters.voorstel:
        activiteiten = activiteiten.filter(huidige_voorstel=filters.voorstel)
    if filters.gemeente:
        activiteiten = activiteiten.filter(
            Exists(
                Deelname.objects.filter(activiteit=OuterRef("pk"), gemeente__slug=filters.gemeente)
            )
        )
    if filters.zoek:
        activiteiten = activiteiten.filter(
            Q(naam__icontains=filters.zoek) | Q(thema__naam__icontains=filters.zoek)
        )

    per_thema: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for thema_id, status in activiteiten.values_list("thema_id", "huidige_status"):
        per_thema[thema_id][status or GEEN] += 1

    themas = Thema.objects.order_by("naam")
    if filters.actief:
        themas = themas.filter(pk__in=list(per_thema))
    kolommen = status_kolommen(user)
    regels = []
    for thema in themas:
        aantallen = dict(per_thema.get(thema.pk, {}))
        tellingen = tuple(aantallen.get(kolom.status, 0) for kolom in kolommen)
        regels.append(ThemaRegel(thema, aantallen, tellingen))
    return Overzicht(
        kolommen=kolommen,
        regels=tuple(regels),
        filters=filters,
        gemeenten=tuple(drechtsteden_list()),
    )


# A theme


def access_thema(*, slug: str) -> Thema:
    """The theme; Http404 when it does not exist."""
    thema = Thema.objects.filter(slug=slug).first()
    if thema is None:
        raise Http404(_("Dit thema bestaat niet."))
    return thema


def _deelnemers() -> tuple[Prefetch, Prefetch]:
    """An activity's participating municipalities and its partners, each by name."""
    return (
        Prefetch(
            "deelnames",
            queryset=Deelname.objects.select_related("gemeente").order_by("gemeente__naam", "pk"),
        ),
        Prefetch("partners", queryset=partner_list()),
    )


def thema_activiteiten(*, user: User, thema: Thema) -> list[Activiteit]:
    """The theme's activities by name, with participants and partners, and `huidige`: the
    latest review `user` may read (None when there is none)."""
    activiteiten = list(
        thema.activiteiten.prefetch_related(
            *_deelnemers(),
            Prefetch(
                "beoordelingen",
                queryset=zichtbare_beoordelingen(user).order_by("-ronde"),
                to_attr="zichtbare_beoordelingen",
            ),
        ).order_by("naam")
    )
    for activiteit in activiteiten:
        activiteit.huidige = next(iter(activiteit.zichtbare_beoordelingen), None)
    return activiteiten


# An activity and its reviews


def access_activiteit(*, thema_slug: str, activiteit_slug: str) -> Activiteit:
    """The activity with its theme, participants and partners; Http404 when it does not exist."""
    activiteit = (
        Activiteit.objects.select_related("thema")
        .prefetch_related(*_deelnemers())
        .filter(thema__slug=thema_slug, slug=activiteit_slug)
        .first()
    )
    if activiteit is None:
        raise Http404(_("Deze activiteit bestaat niet."))
    return activiteit


def _inhoud() -> tuple[Prefetch, Prefetch, Prefetch]:
    """A review's proposed coalition by name and its financial consequences by year."""
    return (
        Prefetch("voorgestelde_gemeenten", queryset=Gemeente.objects.order_by("naam")),
        Prefetch("voorgestelde_partners", queryset=partner_list()),
        Prefetch(
            "financiele_consequenties", queryset=FinancieleConsequentie.objects.order_by("jaar")
        ),
    )


def activiteit_beoordelingen(*, user: User, activiteit: Activiteit) -> list[Beoordeling]:
    """The activity's reviews `user` may read, newest round first, with everything they show."""
    return list(
        zichtbare_beoordelingen(user)
        .filter(activiteit=activiteit)
        .prefetch_related(*_inhoud())
        .order_by("-ronde")
    )


def open_beoordeling(*, activiteit: Activiteit) -> Beoordeling | None:
    """The activity's review that is not yet decided, with its coalition and finances."""
    return (
        Beoordeling.objects.exclude(status__in=workflow.BESLOTEN)
        .filter(activiteit=activiteit)
        .prefetch_related(*_inhoud())
        .first()
    )


def access_open_beoordeling(*, user: User, activiteit: Activiteit) -> Beoordeling:
    """The open review for a page that acts on it; Http404 when there is none the user sees."""
    beoordeling = open_beoordeling(activiteit=activiteit)
    if beoordeling is None or (
        beoordeling.status in workflow.ALLEEN_VOOR_OPSTELLERS and not user_sees_drafts(user)
    ):
        raise Http404(_("Deze activiteit heeft geen lopende beoordeling."))
    return beoordeling


def partner_list() -> QuerySet[Partner]:
    return Partner.objects.order_by("naam")


def bedragen_per_jaar(beoordeling: Beoordeling | None) -> dict[int, Decimal | None]:
    """The review's financial consequence per year 2025-2028; None where none is given."""
    bedragen: dict[int, Decimal | None] = dict.fromkeys(CONSEQUENTIE_JAREN)
    if beoordeling is not None:
        for consequentie in beoordeling.financiele_consequenties.all():
            bedragen[consequentie.jaar] = consequentie.bedrag
    return bedragen


# A review's content as comparable values: for the conflict message and the history tab

# Shown in the history beside the review's content, not edited in the form.
HISTORIE_VELDEN = ("status", "ronde", *BEOORDELING_VELDEN)
EIGEN_HISTORIE_VELDEN = ("status", "ronde", *SCALAIRE_VELDEN)  # the review's own columns

Snapshot = dict[str, object]


def snapshot_of(beoordeling: Beoordeling) -> Snapshot:
    """The stored review's content, keyed like the review form's fields."""
    snapshot: Snapshot = {veld: getattr(beoordeling, veld) for veld in EIGEN_HISTORIE_VELDEN}
    for veld in M2M_VELDEN:
        snapshot[veld] = frozenset(obj.pk for obj in getattr(beoordeling, veld).all())
    for jaar, bedrag in bedragen_per_jaar(beoordeling).items():
        snapshot[BEDRAG_VELD.format(jaar=jaar)] = bedrag
    return snapshot


def veld_label(veld: str) -> str:
    if veld in BEDRAG_VELDEN:
        return str(_("Financiële consequentie %(jaar)s") % {"jaar": veld.removeprefix("bedrag_")})
    return str(Beoordeling._meta.get_field(veld).verbose_name).capitalize()


@dataclass(frozen=True)
class Namen:
    """Names of municipalities and partners, read once, to put ids into words."""

    gemeenten: dict[int, str]
    partners: dict[int, str]

    @classmethod
    def laden(cls) -> "Namen":
        return cls(
            gemeenten=dict(Gemeente.objects.values_list("pk", "naam")),
            partners=dict(Partner.objects.values_list("pk", "naam")),
        )


def in_woorden(veld: str, waarde: object, namen: Namen) -> str:
    """A stored value as a civil servant reads it: labels, names and euros, never ids."""
    if waarde in (None, "") or waarde == frozenset():
        return str(_("(leeg)"))
    if veld.startswith("score_"):
        return str(Score(waarde).label)
    if veld == "voorgestelde_gemeenten":
        return ", ".join(sorted(namen.gemeenten.get(pk, "?") for pk in waarde))
    if veld == "voorgestelde_partners":
        return ", ".join(sorted(namen.partners.get(pk, "?") for pk in waarde))
    if veld in BEDRAG_VELDEN:
        return euro(waarde)
    if veld == "ronde":
        return str(waarde)
    choices = Beoordeling._meta.get_field(veld).choices
    if choices:
        return str(dict(choices).get(waarde, waarde))
    return str(waarde)


# The history tab


@dataclass(frozen=True)
class Wijziging:
    veld: str
    label: str
    oud: str
    nieuw: str


@dataclass(frozen=True)
class Versie:
    ronde: int
    versie: int
    wie: str
    wanneer: datetime.datetime
    waarom: str
    status: str
    aangemaakt: bool
    wijzigingen: tuple[Wijziging, ...]
    besloten: bool = False  # this version is the decision on the review (it links to it)


def _naam(user: AbstractBaseUser | None) -> str:
    if user is None:
        return str(_("onbekend"))
    return user.get_full_name() or user.get_username()


def beoordeling_versies(*, user: User, activiteit: Activiteit) -> list[Versie]:
    """Every saved version of the activity's reviews, newest first, as changes in words.

    Four queries whatever the number of versions: the versions, their two coalitions and the
    financial consequences' history. A service saves a review and its consequences with one
    history date, so a consequence belongs to the review version of the same or a later date.
    """
    HistoricalBeoordeling = Beoordeling.history.model
    records = list(
        HistoricalBeoordeling.objects.filter(activiteit_id=activiteit.pk)
        .select_related("history_user")
        .order_by("ronde", "history_date", "history_id")
    )
    ids = [r.history_id for r in records]
    m2m: dict[tuple[int, str], set[int]] = defaultdict(set)
    koppelingen = (
        ("voorgestelde_gemeenten", "gemeente_id"),
        ("voorgestelde_partners", "partner_id"),
    )
    for veld, doel in koppelingen:
        model = getattr(HistoricalBeoordeling, veld).model
        for history_id, pk in model.objects.filter(history_id__in=ids).values_list(
            "history_id", doel
        ):
            m2m[(history_id, veld)].add(pk)
    consequenties = list(
        FinancieleConsequentie.history.filter(beoordeling_id__in={r.id for r in records}).order_by(
            "history_date", "history_id"
        )
    )
    namen = Namen.laden()
    toon_concept = user_sees_drafts(user)

    versies: list[Versie] = []
    vorige: dict[int, Snapshot] = {}
    bedragen: dict[int, dict[int, Decimal | None]] = defaultdict(dict)
    c = 0
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        while c < len(consequenties) and consequenties[c].history_date <= record.history_date:
            fc = consequenties[c]
            bedragen[fc.beoordeling_id][fc.jaar] = None if fc.history_type == "-" else fc.bedrag
            c += 1
        snapshot: Snapshot = {veld: getattr(record, veld) for veld in EIGEN_HISTORIE_VELDEN}
        for veld in M2M_VELDEN:
            snapshot[veld] = frozenset(m2m[(record.history_id, veld)])
        for jaar in CONSEQUENTIE_JAREN:
            snapshot[BEDRAG_VELD.format(jaar=jaar)] = bedragen[record.id].get(jaar)
        oud = vorige.get(record.id)
        vorige[record.id] = snapshot
        if not toon_concept and record.status in workflow.ALLEEN_VOOR_OPSTELLERS:
            continue
        velden = [v for v in HISTORIE_VELDEN if oud is None or oud[v] != snapshot[v]]
        if oud is None:
            velden = [v for v in velden if snapshot[v] not in (None, "", frozenset())]
        versies.append(
            Versie(
                ronde=record.ronde,
                versie=record.versie,
                wie=_naam(record.history_user),
                wanneer=record.history_date,
                waarom=record.history_change_reason or "",
                status=record.get_status_display(),
                aangemaakt=oud is None,
                besloten=workflow.is_besloten(record.status)
                and (oud is None or not workflow.is_besloten(oud["status"])),
                wijzigingen=tuple(
                    Wijziging(
                        veld=veld,
                        label=veld_label(veld),
                        oud="" if oud is None else in_woorden(veld, oud[veld], namen),
                        nieuw=in_woorden(veld, snapshot[veld], namen),
                    )
                    for veld in velden
                ),
            )
        )
    versies.reverse()
    return versies


# The audit log links each change to the history tab of its activity.


def _history_urls(model, path: str):
    """Object ids -> the history tab of the activity reached through `path`, in one query."""

    def urls(ids: list[int]) -> dict[int, str]:
        rows = model.objects.filter(pk__in=ids).values_list(
            "pk", f"{path}thema__slug", f"{path}slug"
        )
        return {
            pk: reverse("thema:geschiedenis", kwargs={"slug": thema, "activiteit": activiteit})
            for pk, thema, activiteit in rows
        }

    return urls


HISTORY_TABS = {
    "thema.Activiteit": _history_urls(Activiteit, ""),
    "thema.Beoordeling": _history_urls(Beoordeling, "activiteit__"),
    "thema.FinancieleConsequentie": _history_urls(
        FinancieleConsequentie, "beoordeling__activiteit__"
    ),
}
