"""Reads of the letters: who sees which, and the commitments per council."""

import uuid

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from drechtsteden.models import Gemeente
from drechtsteden.selectors import drechtsteden_list, user_gemeente, user_sees_drafts
from transitie.brieven.models import Briefpublicatie, Raadsinformatiebrief, Toezegging
from transitie.constants import BriefStatus

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


def access_publicatie(
    *, user: User, publicatie_id: uuid.UUID, velden: tuple[str, ...] = ()
) -> Briefpublicatie:
    """One council's published PDF: council members only get their own council's.

    `velden` limits the columns read: a download reads the PDF's bytes, not the open data.
    """
    publicaties = Briefpublicatie.objects.all()
    if not user_sees_drafts(user):
        gemeente = user_gemeente(user)
        if gemeente is None or not user.has_perm("transitie.view_briefpublicatie"):
            raise Http404
        publicaties = publicaties.filter(gemeente=gemeente)
    if velden:
        publicaties = publicaties.only(*velden)
    else:
        publicaties = publicaties.select_related("brief", "gemeente")
    try:
        return publicaties.get(uuid=publicatie_id)
    except Briefpublicatie.DoesNotExist:
        raise Http404(_("Deze publicatie bestaat niet of u mag hem niet inzien.")) from None


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
