"""Reads of the content layer: themes, activities and their reviews, as each user may see them.

Access rules live here, not in the views: everyone logged in reads themes, activities and reviews,
but a review in concept is visible only to people with a working role (a raadslid sees no concept),
and only the theme's team edits.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.http import Http404
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from drechtsteden.constants import Rol
from drechtsteden.models import Gemeente
from drechtsteden.selectors import drechtsteden_list, user_has_role, user_sees_drafts
from thema.constants import CONSEQUENTIE_JAREN, BeoordelingStatus, Score, Voorstel
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
        beoordelingen = beoordelingen.exclude(status=BeoordelingStatus.CONCEPT)
    return beoordelingen


def is_teamlid(*, user: User, thema: Thema) -> bool:
    if not user.is_authenticated:
        return False
    gelezen = getattr(thema, "_teamlid_gelezen", {})
    if user.pk in gelezen:
        return gelezen[user.pk]
    return Teamlid.objects.filter(thema=thema, gebruiker=user).exists()


def _in_team(user: User, thema: OuterRef) -> Exists | Value:
    """Whether `user` is in the team of `thema`, as an annotation."""
    if not user.is_authenticated:
        return Value(False)
    return Exists(Teamlid.objects.filter(thema=thema, gebruiker_id=user.pk))


def _onthoud_teamlid(thema: Thema, user: User, in_team: bool) -> None:
    """Keep `is_teamlid`'s answer on the theme object, read along with it by access_thema or
    access_activiteit: the object lives for one request, so a change of team counts from the next.
    """
    thema._teamlid_gelezen = {user.pk: in_team}


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


def _huidige(user: User, veld: str) -> Subquery:
    """A subquery for `veld` of an activity's latest visible review (the highest round)."""
    return Subquery(
        zichtbare_beoordelingen(user)
        .filter(activiteit=OuterRef("pk"))
        .order_by("-ronde")
        .values(veld)[:1]
    )


def _met_huidige_beoordeling(user: User, activiteiten: QuerySet[Activiteit]) -> QuerySet:
    return activiteiten.annotate(
        huidige_status=_huidige(user, "status"),
        huidige_voorstel=_huidige(user, "voorstel"),
        huidige_ronde=_huidige(user, "ronde"),
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
    url: str = ""  # the theme's page

    @property
    def totaal(self) -> int:
        return sum(self.aantallen.values())

    @property
    def verder(self) -> int:
        """Activities whose review has been submitted or has gone further."""
        return sum(n for status, n in self.aantallen.items() if status not in (GEEN, "concept"))

    @property
    def procent(self) -> int:
        return round(100 * self.verder / self.totaal) if self.totaal else 0

    # The row's text, prepared here so the overview's template renders each row with few nodes.

    @property
    def getallen(self) -> tuple[int, ...]:
        """The numbers of the row's cells: the total, then the counts per column."""
        return (self.totaal, *self.tellingen)

    @property
    def voortgang(self) -> dict[str, str]:
        """The progress bar's max, value and percentage, as text (numbers would be localized one
        by one in the template)."""
        return {
            "max": str(self.totaal or 1),
            "value": str(self.verder),
            "procent": str(self.procent),
        }


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
        statussen = [s for s in BeoordelingStatus if s != BeoordelingStatus.CONCEPT]
    return tuple(kolommen + [Kolom(s.value, str(s.label)) for s in statussen])


def thema_overview(*, user: User, filters: Filters) -> Overzicht:
    """Every theme with its activities counted by the state of their current review."""
    activiteiten = _met_huidige_beoordeling(user, Activiteit.objects.all())
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
    # One reverse() for all rows: a slug needs no quoting in a path.
    url = reverse("thema:detail", kwargs={"slug": "slug"}).removesuffix("slug/")
    regels = []
    for thema in themas:
        aantallen = dict(per_thema.get(thema.pk, {}))
        tellingen = tuple(aantallen.get(kolom.status, 0) for kolom in kolommen)
        regels.append(ThemaRegel(thema, aantallen, tellingen, url=f"{url}{thema.slug}/"))
    return Overzicht(
        kolommen=kolommen,
        regels=tuple(regels),
        filters=filters,
        gemeenten=tuple(drechtsteden_list()),
    )


# A theme


def access_thema(*, user: User, slug: str) -> Thema:
    """The theme, with whether `user` is in its team (for `is_teamlid`); Http404 when it does not
    exist."""
    thema = Thema.objects.annotate(in_team=_in_team(user, OuterRef("pk"))).filter(slug=slug).first()
    if thema is None:
        raise Http404(_("Dit thema bestaat niet."))
    _onthoud_teamlid(thema, user, thema.in_team)
    return thema


def hele_euros(bedrag: Decimal) -> str:
    """An amount rounded to whole euros with Dutch thousands dots, as floatformat:"0g" writes it."""
    afgerond = int(bedrag.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return f"{afgerond:,}".replace(",", ".")


def thema_activiteiten(*, user: User, thema: Thema) -> list[Activiteit]:
    """The theme's activities with participants, partners and their current review's state.

    Each carries `huidige_status`, `huidige_voorstel` and `huidige_ronde` and their labels,
    `bijdragen` (each participating municipality's name and yearly contribution in whole euros,
    by name), `partner_namen` (by name), and the URLs of its page and its review form.
    Participants and partners are read as values, one query each: the theme page shows only
    these, and model instances would cost most of its time.
    """
    activiteiten = list(thema.activiteiten.order_by("naam"))
    ids = [activiteit.pk for activiteit in activiteiten]
    # The current review is the highest visible round: one query, the last row per activity wins
    # (the same as _met_huidige_beoordeling's subqueries, without three of them per activity).
    huidige: dict[int, tuple] = {}
    for activiteit_id, *velden in (
        zichtbare_beoordelingen(user)
        .filter(activiteit_id__in=ids)
        .order_by("activiteit_id", "ronde")
        .values_list("activiteit_id", "status", "voorstel", "ronde")
    ):
        huidige[activiteit_id] = velden
    bijdragen: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for activiteit_id, naam, bedrag in (
        Deelname.objects.filter(activiteit_id__in=ids)
        .order_by("gemeente__naam", "pk")
        .values_list("activiteit_id", "gemeente__naam", "jaarlijkse_bijdrage")
    ):
        bijdragen[activiteit_id].append((naam, hele_euros(bedrag)))
    partner_namen: dict[int, list[str]] = defaultdict(list)
    for activiteit_id, naam in (
        Activiteit.partners.through.objects.filter(activiteit_id__in=ids)
        .order_by("partner__naam", "pk")
        .values_list("activiteit_id", "partner__naam")
    ):
        partner_namen[activiteit_id].append(naam)
    # One reverse() per URL name for all activities: a slug needs no quoting in a path.
    slugs = {"slug": thema.slug, "activiteit": "activiteit"}
    pagina = reverse("thema:activiteit", kwargs=slugs).removesuffix("activiteit/")
    beoordelen = reverse("thema:beoordelen", kwargs=slugs).removesuffix("activiteit/beoordeling/")
    for activiteit in activiteiten:
        status, voorstel, ronde = huidige.get(activiteit.pk, (None, None, None))
        activiteit.huidige_status, activiteit.huidige_voorstel = status, voorstel
        activiteit.huidige_ronde = ronde
        activiteit.url = f"{pagina}{activiteit.slug}/"
        activiteit.beoordelen_url = f"{beoordelen}{activiteit.slug}/beoordeling/"
        activiteit.huidige_status_label = (
            BeoordelingStatus(activiteit.huidige_status).label if activiteit.huidige_status else ""
        )
        activiteit.huidige_voorstel_label = (
            Voorstel(activiteit.huidige_voorstel).label if activiteit.huidige_voorstel else ""
        )
        activiteit.bijdragen = bijdragen[activiteit.pk]
        activiteit.partner_namen = partner_namen[activiteit.pk]
    return activiteiten


# An activity and its reviews


def access_activiteit(
    *, user: User, thema_slug: str, activiteit_slug: str, met_deelnemers: bool = True
) -> Activiteit:
    """The activity with its theme, participants and partners, and whether `user` is in the
    theme's team (for `is_teamlid`); Http404 when it does not exist.

    `met_deelnemers=False`: without the participants and partners (the review form reads them as
    values with `activiteit_deelnemers`).
    """
    activiteiten = Activiteit.objects.select_related("thema")
    if met_deelnemers:
        activiteiten = activiteiten.prefetch_related(
            Prefetch("deelnames", queryset=Deelname.objects.select_related("gemeente")),
            Prefetch("partners", queryset=Partner.objects.order_by("naam")),
        )
    activiteit = (
        activiteiten.annotate(in_team=_in_team(user, OuterRef("thema_id")))
        .filter(thema__slug=thema_slug, slug=activiteit_slug)
        .first()
    )
    if activiteit is None:
        raise Http404(_("Deze activiteit bestaat niet."))
    _onthoud_teamlid(activiteit.thema, user, activiteit.in_team)
    return activiteit


def activiteit_beoordelingen(*, user: User, activiteit: Activiteit) -> list[Beoordeling]:
    """The activity's reviews `user` may read, newest round first, with everything they show."""
    return list(
        zichtbare_beoordelingen(user)
        .filter(activiteit=activiteit)
        .prefetch_related(
            Prefetch("voorgestelde_gemeenten", queryset=Gemeente.objects.order_by("naam")),
            Prefetch("voorgestelde_partners", queryset=Partner.objects.order_by("naam")),
            Prefetch(
                "financiele_consequenties",
                queryset=FinancieleConsequentie.objects.order_by("jaar"),
            ),
        )
        .order_by("-ronde")
    )


# The kinds of row in the review form's union queries.
GEMEENTE, PARTNER, BEDRAG, GEMEENTE_OPTIE, PARTNER_OPTIE = 1, 2, 3, 4, 5


@dataclass(frozen=True)
class Deelnemers:
    """An activity's participants, and all a review may propose, as (id, name) pairs by name."""

    gemeenten: list[tuple[int, str]] = field(default_factory=list)
    partners: list[tuple[int, str]] = field(default_factory=list)
    gemeente_opties: list[tuple[int, str]] = field(default_factory=list)
    partner_opties: list[tuple[int, str]] = field(default_factory=list)


def activiteit_deelnemers(activiteit: Activiteit) -> Deelnemers:
    """The activity's municipalities and partners, and the seven Drechtsteden and all partners to
    choose from, as values for the review form, in one query."""
    # order_by(): no model's default ordering inside the union (SQLite refuses it there).
    delen = [
        Deelname.objects.filter(activiteit=activiteit)
        .order_by()
        .values(lijst=Value(GEMEENTE), sleutel=F("gemeente_id"), label=F("gemeente__naam")),
        Activiteit.partners.through.objects.filter(activiteit=activiteit)
        .order_by()
        .values(lijst=Value(PARTNER), sleutel=F("partner_id"), label=F("partner__naam")),
        drechtsteden_list()
        .order_by()
        .values(lijst=Value(GEMEENTE_OPTIE), sleutel=F("pk"), label=F("naam")),
        partner_list()
        .order_by()
        .values(lijst=Value(PARTNER_OPTIE), sleutel=F("pk"), label=F("naam")),
    ]
    deelnemers = Deelnemers()
    lijsten = {
        GEMEENTE: deelnemers.gemeenten,
        PARTNER: deelnemers.partners,
        GEMEENTE_OPTIE: deelnemers.gemeente_opties,
        PARTNER_OPTIE: deelnemers.partner_opties,
    }
    for rij in delen[0].union(*delen[1:], all=True).order_by("lijst", "label"):
        lijsten[rij["lijst"]].append((rij["sleutel"], rij["label"]))
    return deelnemers


def open_beoordeling(*, activiteit: Activiteit, met_keuzes: bool = True) -> Beoordeling | None:
    """The activity's review that is not yet decided, with its coalition and finances.

    `met_keuzes=False`: the review alone (the review form reads the rest with `beoordeling_keuzes`).
    """
    beoordelingen = Beoordeling.objects.exclude(
        status__in=(BeoordelingStatus.VASTGESTELD, BeoordelingStatus.AFGEWEZEN)
    ).filter(activiteit=activiteit)
    if met_keuzes:
        beoordelingen = beoordelingen.prefetch_related(
            "voorgestelde_gemeenten", "voorgestelde_partners", "financiele_consequenties"
        )
    return beoordelingen.first()


@dataclass(frozen=True)
class Keuzes:
    """What the review form needs of a review beyond its own columns."""

    gemeenten: list[int]
    partners: list[int]
    bedragen: dict[int, Decimal | None]


def beoordeling_keuzes(beoordeling: Beoordeling | None) -> Keuzes:
    """The review's proposed municipalities and partners (ids) and its amount per year 2025-2028."""
    bedragen: dict[int, Decimal | None] = dict.fromkeys(CONSEQUENTIE_JAREN)
    keuzes = Keuzes(gemeenten=[], partners=[], bedragen=bedragen)
    if beoordeling is None:
        return keuzes
    # One query: each row is (kind, id or year, amount).
    geen_bedrag = Value(None, output_field=FinancieleConsequentie._meta.get_field("bedrag"))
    bedragen_rijen = (
        FinancieleConsequentie.objects.filter(beoordeling=beoordeling)
        .order_by()
        .values_list(Value(BEDRAG), "jaar", "bedrag")
    )
    gemeenten = (
        Beoordeling.voorgestelde_gemeenten.through.objects.filter(beoordeling=beoordeling)
        .order_by()
        .values_list(Value(GEMEENTE), "gemeente_id", geen_bedrag)
    )
    partners = (
        Beoordeling.voorgestelde_partners.through.objects.filter(beoordeling=beoordeling)
        .order_by()
        .values_list(Value(PARTNER), "partner_id", geen_bedrag)
    )
    for soort, sleutel, bedrag in bedragen_rijen.union(gemeenten, partners, all=True):
        if soort == GEMEENTE:
            keuzes.gemeenten.append(sleutel)
        elif soort == PARTNER:
            keuzes.partners.append(sleutel)
        elif sleutel in bedragen:
            bedragen[sleutel] = bedrag
    return keuzes


def access_open_beoordeling(*, user: User, activiteit: Activiteit) -> Beoordeling:
    """The open review for a page that acts on it; Http404 when there is none the user sees."""
    beoordeling = open_beoordeling(activiteit=activiteit)
    if beoordeling is None or (
        beoordeling.status == BeoordelingStatus.CONCEPT and not user_sees_drafts(user)
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


BEDRAG_VELD = "bedrag_{jaar}"
BEOORDELING_VELDEN = (
    "score_lokaal",
    "score_regionaal",
    "score_organisatie",
    "prioriteit",
    "onderbouwing",
    "voorstel",
    "coalitievorm",
    "voorgestelde_gemeenten",
    "voorgestelde_partners",
    "nieuwe_activiteit_naam",
    "nieuwe_activiteit_beschrijving",
    *(BEDRAG_VELD.format(jaar=jaar) for jaar in CONSEQUENTIE_JAREN),
)
# Shown in the history, not edited in the form.
HISTORIE_VELDEN = ("status", "ronde", *BEOORDELING_VELDEN)
M2M_VELDEN = ("voorgestelde_gemeenten", "voorgestelde_partners")

Snapshot = dict[str, object]


def snapshot_of(beoordeling: Beoordeling) -> Snapshot:
    """The stored review's content, keyed like the review form's fields."""
    snapshot: Snapshot = {
        veld: getattr(beoordeling, veld)
        for veld in HISTORIE_VELDEN
        if veld not in M2M_VELDEN and not veld.startswith("bedrag_")
    }
    snapshot["voorgestelde_gemeenten"] = frozenset(
        g.pk for g in beoordeling.voorgestelde_gemeenten.all()
    )
    snapshot["voorgestelde_partners"] = frozenset(
        p.pk for p in beoordeling.voorgestelde_partners.all()
    )
    for jaar, bedrag in bedragen_per_jaar(beoordeling).items():
        snapshot[BEDRAG_VELD.format(jaar=jaar)] = bedrag
    return snapshot


def veld_label(veld: str) -> str:
    if veld.startswith("bedrag_"):
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
    if veld.startswith("bedrag_"):
        return "€ " + number_format(waarde, 2, use_l10n=True, force_grouping=True)
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
        snapshot: Snapshot = {
            veld: getattr(record, veld)
            for veld in HISTORIE_VELDEN
            if veld not in M2M_VELDEN and not veld.startswith("bedrag_")
        }
        for veld in M2M_VELDEN:
            snapshot[veld] = frozenset(m2m[(record.history_id, veld)])
        for jaar in CONSEQUENTIE_JAREN:
            snapshot[BEDRAG_VELD.format(jaar=jaar)] = bedragen[record.id].get(jaar)
        oud = vorige.get(record.id)
        vorige[record.id] = snapshot
        if not toon_concept and record.status == BeoordelingStatus.CONCEPT:
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
