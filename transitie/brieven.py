"""Raadsinformatiebrieven: who sees and edits which letter, drafting with lost-update protection,
and publishing: the seven councils' PDFs rendered once and stored with their open data, frozen.
"""

import csv
import datetime
import hashlib
import io
import json
import uuid
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from drechtsteden.constants import Rol
from drechtsteden.models import Gemeente
from drechtsteden.selectors import drechtsteden_list, user_gemeente, user_has_role
from drechtsteden.services import history_save, system_user
from transitie.constants import BriefStatus, SectieSoort
from transitie.models import Briefpublicatie, Briefsectie, Onveranderlijk, Raadsinformatiebrief
from transitie.pdf import letter_render

User = AbstractBaseUser | AnonymousUser
BLOKKEN = ("blok_besluiten", "blok_transitieplan", "blok_financien", "blok_regiekamers")
CONCEPT_ROLLEN = (
    Rol.AMBTENAAR,
    Rol.AMBTELIJKE_REGIEKAMER,
    Rol.BESTUURLIJKE_REGIEKAMER,
    Rol.BEHEERDER,
)


# Selectors


def sees_drafts(user: User) -> bool:
    """Civil servants and regiekamer members see drafts; council members never do."""
    return user_has_role(user, *CONCEPT_ROLLEN) or getattr(user, "is_superuser", False)


def may_publish(user: User) -> bool:
    return user.has_perm("transitie.publish_raadsinformatiebrief")


def letter_list(*, user: User) -> QuerySet[Raadsinformatiebrief]:
    """The letters this person may read, newest first; a council member's with his council's PDF."""
    brieven = Raadsinformatiebrief.objects.order_by("-datum", "-gepubliceerd_op", "-id")
    if sees_drafts(user):
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


def access_letter(*, user: User, letter_id: uuid.UUID) -> Raadsinformatiebrief:
    """The letter with this UUID if this person may read it; 404 otherwise (no enumeration)."""
    letter = (
        letter_list(user=user)
        .select_related("corrigeert")
        .prefetch_related("secties")
        .filter(uuid=letter_id)
        .first()
    )
    if letter is None:
        raise Http404(_("Deze brief bestaat niet of u mag hem niet inzien."))
    return letter


def access_publicatie(
    *, user: User, publicatie_id: uuid.UUID, velden: tuple[str, ...] = ()
) -> Briefpublicatie:
    """One council's published PDF: council members only get their own council's.

    `velden` limits the columns read: a download reads the PDF's bytes, not the open data.
    """
    publicaties = Briefpublicatie.objects.all()
    if not sees_drafts(user):
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


# Services


class BriefConflict(Exception):
    """Someone else saved the letter since this person loaded it; nothing was saved."""

    def __init__(self, *, letter: Raadsinformatiebrief) -> None:
        super().__init__(_("Iemand anders heeft deze brief intussen opgeslagen."))
        self.letter = letter
        self.versie = letter.versie


@dataclass(frozen=True)
class BriefInvoer:
    """What the author typed, shape-checked by the form."""

    titel: str
    onderwerp: str
    datum: object
    secties: dict[str, str]
    blok_besluiten: bool = False
    blok_transitieplan: bool = False
    blok_financien: bool = False
    blok_regiekamers: bool = False
    corrigeert: Raadsinformatiebrief | None = None


def _require_drafter(user: AbstractBaseUser) -> None:
    if not user.has_perm("transitie.change_raadsinformatiebrief") or not sees_drafts(user):
        raise PermissionDenied(_("U mag geen raadsinformatiebrieven opstellen."))


def _require_concept(letter: Raadsinformatiebrief) -> None:
    if letter.status != BriefStatus.CONCEPT:
        raise Onveranderlijk(Raadsinformatiebrief.onveranderlijk_bericht)


def _write(letter: Raadsinformatiebrief, invoer: BriefInvoer, acting_user, reden: str) -> bool:
    """Set the letter's fields and sections; save only what changed. Whether anything did."""
    velden = {
        "titel": invoer.titel,
        "onderwerp": invoer.onderwerp,
        "datum": invoer.datum,
        "corrigeert": invoer.corrigeert,
        **{blok: getattr(invoer, blok) for blok in BLOKKEN},
    }
    if invoer.corrigeert is not None and invoer.corrigeert.status != BriefStatus.GEPUBLICEERD:
        raise ValidationError(
            {"corrigeert": _("Alleen een gepubliceerde brief wordt gecorrigeerd.")}
        )
    gewijzigd = letter.pk is None or any(getattr(letter, k) != v for k, v in velden.items())
    bestaande = {s.soort: s for s in letter.secties.all()} if letter.pk else {}
    secties_gewijzigd = [
        soort
        for soort in SectieSoort.values
        if invoer.secties.get(soort, "") != getattr(bestaande.get(soort), "tekst", "")
    ]
    if not gewijzigd and not secties_gewijzigd:
        return False
    for k, v in velden.items():
        setattr(letter, k, v)
    if letter.pk is not None:
        letter.versie += 1
    history_save(letter, acting_user=acting_user, reden=reden)
    for soort in secties_gewijzigd:
        sectie = bestaande.get(soort) or Briefsectie(brief=letter, soort=soort)
        sectie.tekst = invoer.secties.get(soort, "")
        history_save(sectie, acting_user=acting_user, reden=reden)
    return True


@transaction.atomic
def letter_create(*, acting_user: AbstractBaseUser, invoer: BriefInvoer) -> Raadsinformatiebrief:
    """A new draft letter with its five sections."""
    _require_drafter(acting_user)
    letter = Raadsinformatiebrief()
    _write(letter, invoer, acting_user, _("Concept aangemaakt"))
    return letter


@transaction.atomic
def letter_update(
    *,
    acting_user: AbstractBaseUser,
    letter: Raadsinformatiebrief,
    versie: int,
    invoer: BriefInvoer,
) -> Raadsinformatiebrief:
    """Save the draft if nobody saved it since `versie` was loaded; otherwise `BriefConflict`."""
    _require_drafter(acting_user)
    letter = Raadsinformatiebrief.objects.select_for_update().get(pk=letter.pk)
    _require_concept(letter)
    if letter.versie != versie:
        raise BriefConflict(letter=letter)
    _write(letter, invoer, acting_user, _("Concept bijgewerkt"))
    return letter


def publicatie_bestandsnaam(letter: Raadsinformatiebrief, gemeente: Gemeente) -> str:
    """Like 2025-03-12-raadsinformatiebrief-transitie-dordrecht.pdf."""
    return f"{letter.datum.isoformat()}-raadsinformatiebrief-transitie-{slugify(gemeente.slug)}.pdf"


def _open_data(letter: Raadsinformatiebrief, gemeente: Gemeente, blokken) -> tuple[str, str]:
    data = {
        "brief": str(letter.uuid),
        "titel": letter.titel,
        "datum": letter.datum.isoformat(),
        "gemeente": gemeente.naam,
        "blokken": blokken.as_dict(),
    }
    rijen = blokken.rijen()
    uitvoer = io.StringIO()
    velden = list(dict.fromkeys(veld for rij in rijen for veld in rij)) or ["blok"]
    schrijver = csv.DictWriter(uitvoer, fieldnames=velden, restval="", lineterminator="\n")
    schrijver.writeheader()
    schrijver.writerows(rijen)
    return json.dumps(data, ensure_ascii=False, indent=2), uitvoer.getvalue()


def publicatie_render(
    *, letter: Raadsinformatiebrief, gemeente: Gemeente, gepubliceerd_op
) -> Briefpublicatie:
    """One council's publication, rendered and hashed with its open data; not yet saved."""
    rendered = letter_render(letter=letter, gemeente=gemeente)
    json_data, csv_data = _open_data(letter, gemeente, rendered.blokken)
    return Briefpublicatie(
        brief=letter,
        gemeente=gemeente,
        bestandsnaam=publicatie_bestandsnaam(letter, gemeente),
        pdf=rendered.pdf,
        sha256=hashlib.sha256(rendered.pdf).hexdigest(),
        open_data_json=json_data,
        open_data_csv=csv_data,
        gepubliceerd_op=gepubliceerd_op,
    )


@transaction.atomic
def letter_publish(
    *, acting_user: AbstractBaseUser, letter: Raadsinformatiebrief
) -> list[Briefpublicatie]:
    """Publish: render each council's PDF once, store bytes, SHA-256 and open data, and freeze."""
    if not may_publish(acting_user):
        raise PermissionDenied(
            _("Alleen de bestuurlijke regiekamer of een beheerder publiceert een brief.")
        )
    return _publish(letter, acting_user=acting_user, gepubliceerd_op=timezone.now())


@transaction.atomic
def letter_publish_by_command(
    *, letter: Raadsinformatiebrief, gepubliceerd_op: datetime.datetime
) -> list[Briefpublicatie]:
    """`letter_publish` for a management command, which has no user to check: recorded as the
    system account, with the date the letter was actually sent (the seed's letter)."""
    return _publish(letter, acting_user=system_user(), gepubliceerd_op=gepubliceerd_op)


def _publish(
    letter: Raadsinformatiebrief, *, acting_user: AbstractBaseUser, gepubliceerd_op
) -> list[Briefpublicatie]:
    letter = Raadsinformatiebrief.objects.select_for_update().get(pk=letter.pk)
    _require_concept(letter)
    if not any(s.tekst.strip() for s in letter.secties.all()):
        raise ValidationError(_("Een brief zonder tekst wordt niet gepubliceerd."))
    letter.status = BriefStatus.GEPUBLICEERD
    letter.gepubliceerd_op = gepubliceerd_op
    letter.versie += 1
    history_save(letter, acting_user=acting_user, reden=_("Gepubliceerd"))
    publicaties = []
    for gemeente in drechtsteden_list():
        publicatie = publicatie_render(
            letter=letter, gemeente=gemeente, gepubliceerd_op=gepubliceerd_op
        )
        history_save(publicatie, acting_user=acting_user, reden=_("Gepubliceerd"))
        publicaties.append(publicatie)
    return publicaties


@transaction.atomic
def letter_correct(
    *, acting_user: AbstractBaseUser, letter: Raadsinformatiebrief
) -> Raadsinformatiebrief:
    """A draft correction of a published letter: a new letter that refers to it, with its texts
    and data blocks copied, to be edited and published in its turn.

    A correction still in draft is returned instead of a second one, so a double click makes one.
    """
    _require_drafter(acting_user)
    letter = Raadsinformatiebrief.objects.select_for_update().get(pk=letter.pk)
    if letter.status != BriefStatus.GEPUBLICEERD:
        raise ValidationError(_("Alleen een gepubliceerde brief wordt gecorrigeerd."))
    open_correctie = letter.correcties.filter(status=BriefStatus.CONCEPT).order_by("pk").first()
    if open_correctie is not None:
        return open_correctie
    titel_veld = Raadsinformatiebrief._meta.get_field("titel")
    invoer = BriefInvoer(
        titel=(_("Correctie: %(titel)s") % {"titel": letter.titel})[: titel_veld.max_length],
        onderwerp=letter.onderwerp,
        datum=timezone.localdate(),
        secties={sectie.soort: sectie.tekst for sectie in letter.secties.all()},
        corrigeert=letter,
        **{blok: getattr(letter, blok) for blok in BLOKKEN},
    )
    correctie = Raadsinformatiebrief()
    _write(
        correctie,
        invoer,
        acting_user,
        _("Correctie opgesteld van %(titel)s") % {"titel": letter.titel},
    )
    return correctie
