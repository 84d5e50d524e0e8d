"""Reads of the letters: who sees which, and the commitments per council."""

import datetime
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from drechtsteden.models import Gemeente
from drechtsteden.selectors import drechtsteden_list, user_gemeente, user_sees_drafts
from transitie.brieven.integriteit import bijlagen_met_historie_hash, met_historie_hash
from transitie.brieven.models import (
    Briefbijlage,
    Briefpublicatie,
    Publicatieopdracht,
    Publicatiestap,
    Raadsinformatiebrief,
    Toezegging,
)
from transitie.brieven.ondertekening import Handtekening, pdf_signature_check
from transitie.constants import BriefStatus, OpdrachtStatus, StapStatus

User = AbstractBaseUser | AnonymousUser


BLOKKEN = ("blok_besluiten", "blok_transitieplan", "blok_financien", "blok_regiekamers")


def may_draft_brief(user: User) -> bool:
    """Those who read drafts and may change letters draft and correct them; a raadslid never."""
    return user_sees_drafts(user) and user.has_perm("transitie.change_raadsinformatiebrief")


def may_publish_brief(user: User) -> bool:
    """The bestuurlijke regiekamer (and the beheerder) publish a letter to the seven councils."""
    return user_sees_drafts(user) and user.has_perm("transitie.publish_raadsinformatiebrief")


def require_brief_drafter(user: User) -> None:
    if not may_draft_brief(user):
        raise PermissionDenied(_("U mag geen raadsinformatiebrieven opstellen."))


def require_brief_publisher(user: User) -> None:
    if not may_publish_brief(user):
        raise PermissionDenied(
            _("Alleen de bestuurlijke regiekamer of een beheerder publiceert een brief.")
        )


def brief_missing(brief: Raadsinformatiebrief) -> list[str]:
    """The required parts the letter still lacks, as the author names them; empty when complete.

    Required: datum, afzender, onderwerp, a contactpersoon with an e-mail address or a phone
    number, at least one signatory with a function, and a file for every annex the letter names.
    The kenmerk is not: not every sender gives one, and the letter then says it has none.
    """
    ontbrekend = []
    if brief.datum is None:
        ontbrekend.append(_("datum"))
    if not brief.afzender:
        ontbrekend.append(_("afzender"))
    if not brief.onderwerp:
        ontbrekend.append(_("onderwerp"))
    if not brief.contactpersoon_naam:
        ontbrekend.append(_("contactpersoon"))
    if not (brief.contactpersoon_email or brief.contactpersoon_telefoon):
        ontbrekend.append(_("e-mail of telefoon van de contactpersoon"))
    ondertekenaars = brief.ondertekenaars
    if not ondertekenaars or not all(naam and functie for naam, functie in ondertekenaars):
        ontbrekend.append(_("ondertekening (naam en functie)"))
    ontbrekend.extend(
        _("het bestand van de bijlage %(titel)s") % {"titel": b.titel}
        for b in brief.bijlagen.all()
        if not b.heeft_bestand
    )
    return ontbrekend


PUBLICEER_PERMISSIE = "publish_raadsinformatiebrief"


def brief_publishers() -> tuple[list[str], list[str]]:
    """Who may publish a letter: the roles (groups) that hold the permission, and the active
    people in them, by name."""
    heeft_permissie = Q(permissions__codename=PUBLICEER_PERMISSIE)
    rollen = list(
        Group.objects.filter(heeft_permissie).order_by("name").values_list("name", flat=True)
    )
    mensen = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(groups__permissions__codename=PUBLICEER_PERMISSIE)
            | Q(user_permissions__codename=PUBLICEER_PERMISSIE)
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )
    return rollen, [m.get_full_name() or m.get_username() for m in mensen]


def brief_list(*, user: User) -> QuerySet[Raadsinformatiebrief]:
    """The letters this person may read, newest first; a council member's with his council's PDF."""
    brieven = Raadsinformatiebrief.objects.order_by("-datum", "-gepubliceerd_op", "-id")
    if user_sees_drafts(user):
        return brieven.prefetch_related(
            Prefetch("publicaties", queryset=Briefpublicatie.objects.select_related("gemeente"))
        )
    gemeente = user_gemeente(user)
    if gemeente is None or not user.has_perm("transitie.view_raadsinformatiebrief"):
        return brieven.none()
    return brieven.filter(
        status=BriefStatus.GEPUBLICEERD, publicaties__gemeente=gemeente
    ).prefetch_related(
        Prefetch(
            "publicaties",
            queryset=Briefpublicatie.objects.filter(gemeente=gemeente).select_related("gemeente"),
        )
    )


def access_brief(*, user: User, brief_id: uuid.UUID) -> Raadsinformatiebrief:
    """The letter with this UUID if this person may read it; 404 otherwise (no enumeration)."""
    brief = (
        brief_list(user=user)
        .select_related("corrigeert")
        .prefetch_related("secties")
        .filter(uuid=brief_id)
        .first()
    )
    if brief is None:
        raise Http404(_("Deze brief bestaat niet of u mag hem niet inzien."))
    return brief


def access_brief_to_draft(*, user: User, brief_id: uuid.UUID) -> Raadsinformatiebrief:
    """The letter to edit or correct: PermissionDenied for one who does not draft letters,
    whatever the letter (so the answer tells nothing about it), then as `access_brief`."""
    require_brief_drafter(user)
    return access_brief(user=user, brief_id=brief_id)


def access_brief_to_publish(*, user: User, brief_id: uuid.UUID) -> Raadsinformatiebrief:
    """The letter to publish: Http404 for one who may not read it (a raadslid and a draft),
    PermissionDenied for a reader who does not publish."""
    brief = access_brief(user=user, brief_id=brief_id)
    require_brief_publisher(user)
    return brief


def _publicaties_for(user: User) -> QuerySet[Briefpublicatie]:
    publicaties = Briefpublicatie.objects.all()
    if not user_sees_drafts(user):
        gemeente = user_gemeente(user)
        if gemeente is None or not user.has_perm("transitie.view_briefpublicatie"):
            raise Http404
        publicaties = publicaties.filter(gemeente=gemeente)
    return publicaties


def _publicatie_get(publicaties: QuerySet[Briefpublicatie], publicatie_id) -> Briefpublicatie:
    try:
        return publicaties.get(uuid=publicatie_id)
    except Briefpublicatie.DoesNotExist:
        raise Http404(_("Deze publicatie bestaat niet of u mag hem niet inzien.")) from None


def access_publicatie(
    *, user: User, publicatie_id: uuid.UUID, velden: tuple[str, ...] = ()
) -> Briefpublicatie:
    """One council's published PDF: council members only get their own council's.

    `velden` limits the columns read: a download reads the PDF's bytes, not the open data.
    """
    publicaties = _publicaties_for(user)
    if velden:
        publicaties = publicaties.only(*velden)
    else:
        publicaties = publicaties.select_related("brief", "gemeente")
    return _publicatie_get(publicaties, publicatie_id)


def access_publicatie_bestand(*, user: User, publicatie_id: uuid.UUID) -> Briefpublicatie:
    """The PDF to download, as `access_publicatie`, with the SHA-256 the history wrote at its
    publication (`historie_sha256`, see `integriteit`): the columns a download needs, one query."""
    publicaties = met_historie_hash(
        _publicaties_for(user).only("uuid", "brief", "bestandsnaam", "pdf", "sha256")
    )
    return _publicatie_get(publicaties, publicatie_id)


def access_bijlage(*, user: User, bijlage_id: uuid.UUID) -> Briefbijlage:
    """An annex with its file, by the same rule as the letter: a council member only of a
    published letter his council received (`brief_list`); with the SHA-256 its upload wrote in
    the history (`historie_sha256`, see `integriteit`)."""
    bijlage = (
        bijlagen_met_historie_hash(
            Briefbijlage.objects.filter(
                uuid=bijlage_id, pdf__isnull=False, brief__in=brief_list(user=user).values("pk")
            )
        )
        .select_related("brief")
        .first()
    )
    if bijlage is None:
        raise Http404(_("Deze bijlage bestaat niet of u mag haar niet inzien."))
    return bijlage


def access_bijlage_to_draft(*, user: User, bijlage_id: uuid.UUID) -> Briefbijlage:
    """An annex of a letter this person drafts (also one without a file yet)."""
    require_brief_drafter(user)
    bijlage = (
        Briefbijlage.objects.filter(uuid=bijlage_id, brief__in=brief_list(user=user).values("pk"))
        .select_related("brief")
        .defer("pdf")
        .first()
    )
    if bijlage is None:
        raise Http404(_("Deze bijlage bestaat niet of u mag haar niet inzien."))
    return bijlage


def publicaties_met_handtekening(
    brief: Raadsinformatiebrief,
) -> list[tuple[Briefpublicatie, Handtekening | None]]:
    """The letter's publications this person may see (as `brief_list` prefetched them), each with
    its signature as checked now (`pdf_signature_check`; None: not signed)."""
    return [(p, pdf_signature_check(bytes(p.pdf))) for p in brief.publicaties.all()]


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


def open_toezeggingen(
    *, peildatum, letter: Raadsinformatiebrief, gemeente: Gemeente
) -> list[Toezegging]:
    """The commitments letters published before the peildatum made to this council that were
    still open on it: a later letter lists them until they are settled."""
    return list(
        Toezegging.objects.filter(
            _for_council(gemeente),
            brief__status=BriefStatus.GEPUBLICEERD,
            brief__gepubliceerd_op__date__lte=peildatum,
        )
        .exclude(brief=letter)
        .filter(Q(afgedaan_op__isnull=True) | Q(afgedaan_op__gt=peildatum))
        .select_related("brief")
        .order_by("verwacht_op", "id")
    )


def opdracht_verlopen(opdracht: Publicatieopdracht, *, nu: datetime.datetime | None = None) -> bool:
    """A publishing request still running past `PUBLICATIE_TIMEOUT_SECONDEN`: stuck (a worker
    stopped halfway), so it counts as failed and the letter may be published again."""
    grens = (nu or timezone.now()) - datetime.timedelta(
        seconds=settings.PUBLICATIE_TIMEOUT_SECONDEN
    )
    return opdracht.status == OpdrachtStatus.BEZIG and opdracht.aangevraagd_op < grens


def publicatie_loopt() -> Exists:
    """For a query of letters: is a publishing request running for the letter (one not stuck
    past the timeout, see `opdracht_verlopen`)?"""
    grens = timezone.now() - datetime.timedelta(seconds=settings.PUBLICATIE_TIMEOUT_SECONDEN)
    return Exists(
        Publicatieopdracht.objects.filter(
            brief=OuterRef("pk"), status=OpdrachtStatus.BEZIG, aangevraagd_op__gte=grens
        )
    )


def verlopen_bericht() -> str:
    return _(
        "De publicatie is niet binnen %(minuten)d minuten afgerond: de achtergrondwerker is "
        "waarschijnlijk gestopt. De brief is niet gepubliceerd; u kunt het opnieuw proberen."
    ) % {"minuten": max(1, settings.PUBLICATIE_TIMEOUT_SECONDEN // 60)}


@dataclass(frozen=True)
class Voortgang:
    """Where the letter's latest publishing request stands, as its page shows it."""

    opdracht: Publicatieopdracht
    status: str  # an OpdrachtStatus; a stuck request (`opdracht_verlopen`) reads as failed
    fout: str
    stappen: list[Publicatiestap]

    @property
    def bezig(self) -> bool:
        return self.status == OpdrachtStatus.BEZIG

    @property
    def mislukt(self) -> bool:
        return self.status == OpdrachtStatus.MISLUKT

    @property
    def klaar(self) -> int:
        return sum(stap.status == StapStatus.KLAAR for stap in self.stappen)


def publicatie_voortgang(brief: Raadsinformatiebrief) -> Voortgang | None:
    """The progress of the letter's latest publishing request, per council (without the rendered
    bytes); None when nobody asked to publish it. Two queries, whatever the number of councils."""
    opdracht = (
        Publicatieopdracht.objects.filter(brief=brief)
        .prefetch_related(
            Prefetch(
                "stappen",
                queryset=Publicatiestap.objects.select_related("gemeente").defer(
                    "pdf", "open_data_json", "open_data_csv"
                ),
            )
        )
        .order_by("-aangevraagd_op", "-id")
        .first()
    )
    if opdracht is None:
        return None
    if opdracht_verlopen(opdracht):
        return Voortgang(
            opdracht=opdracht,
            status=OpdrachtStatus.MISLUKT,
            fout=verlopen_bericht(),
            stappen=list(opdracht.stappen.all()),
        )
    return Voortgang(
        opdracht=opdracht,
        status=opdracht.status,
        fout=opdracht.fout,
        stappen=list(opdracht.stappen.all()),
    )
