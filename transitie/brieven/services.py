"""State changes of the letters and their commitments."""

import csv
import datetime
import hashlib
import io
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from drechtsteden.exports import cel
from drechtsteden.models import Gemeente
from drechtsteden.selectors import drechtsteden_list
from drechtsteden.services import SYSTEM_USERNAME, history_save
from transitie.brieven import meldingen, tasks
from transitie.brieven.bijlagen import bijlage_check
from transitie.brieven.models import (
    Briefbijlage,
    Briefpublicatie,
    Briefsectie,
    Publicatieopdracht,
    Publicatiestap,
    Raadsinformatiebrief,
    Toezegging,
)
from transitie.brieven.ondertekening import pdf_sign
from transitie.brieven.pdf import brief_render
from transitie.brieven.selectors import (
    BLOKKEN,
    brief_missing,
    opdracht_verlopen,
    require_brief_drafter,
    require_brief_publisher,
    verlopen_bericht,
)
from transitie.constants import BriefStatus, OpdrachtStatus, SectieSoort, StapStatus
from transitie.financien.services import _not_in_future, _require
from transitie.onveranderlijk import Onveranderlijk

logger = logging.getLogger(__name__)


class PublicatieLoopt(ValidationError):
    """The letter is being published in the background: it is neither changed nor published a
    second time until that publication has ended (or failed)."""


class BriefConflict(Exception):
    """Someone else saved the letter since this person loaded it; nothing was saved."""

    def __init__(self, *, brief: Raadsinformatiebrief) -> None:
        super().__init__(_("Iemand anders heeft deze brief intussen opgeslagen."))
        self.brief = brief
        self.versie = brief.versie


@dataclass(frozen=True)
class BriefInvoer:
    """What the author typed, shape-checked by the form."""

    titel: str
    onderwerp: str
    datum: datetime.date | None
    secties: dict[str, str]
    afzender: str = ""
    kenmerk: str = ""
    contactpersoon_naam: str = ""
    contactpersoon_email: str = ""
    contactpersoon_telefoon: str = ""
    ondertekening: str = ""
    blok_besluiten: bool = False
    blok_transitieplan: bool = False
    blok_financien: bool = False
    blok_regiekamers: bool = False
    corrigeert: Raadsinformatiebrief | None = None


# The parts of a letter the author types beside its title, subject and date.
ONDERDELEN = (
    "afzender",
    "kenmerk",
    "contactpersoon_naam",
    "contactpersoon_email",
    "contactpersoon_telefoon",
    "ondertekening",
)


def _require_concept(brief: Raadsinformatiebrief) -> None:
    if brief.status != BriefStatus.CONCEPT:
        raise Onveranderlijk(Raadsinformatiebrief.onveranderlijk_bericht)


def _lopende_opdracht(
    brief: Raadsinformatiebrief, acting_user: AbstractBaseUser
) -> Publicatieopdracht | None:
    """The publishing request running for this letter (which the caller has locked), if any. One
    stuck past the timeout (`opdracht_verlopen`) is recorded as failed now, by whoever looks."""
    opdracht = (
        Publicatieopdracht.objects.select_for_update()
        .filter(brief=brief, status=OpdrachtStatus.BEZIG)
        .first()
    )
    if opdracht is not None and opdracht_verlopen(opdracht):
        _opdracht_fail(opdracht, fout=verlopen_bericht(), acting_user=acting_user)
        return None
    return opdracht


def _require_not_publishing(brief: Raadsinformatiebrief, acting_user: AbstractBaseUser) -> None:
    if _lopende_opdracht(brief, acting_user) is not None:
        raise PublicatieLoopt(
            _(
                "Deze brief wordt nu gepubliceerd en verandert daarom niet. Mislukt de "
                "publicatie, dan kunt u hem weer bewerken."
            )
        )


def _write(brief: Raadsinformatiebrief, invoer: BriefInvoer, acting_user, reden: str) -> bool:
    """Set the letter's fields and sections; save only what changed. Whether anything did."""
    velden = {
        "titel": invoer.titel,
        "onderwerp": invoer.onderwerp,
        "datum": invoer.datum,
        "corrigeert": invoer.corrigeert,
        **{veld: getattr(invoer, veld).strip() for veld in ONDERDELEN},
        **{blok: getattr(invoer, blok) for blok in BLOKKEN},
    }
    if invoer.corrigeert is not None and invoer.corrigeert.status != BriefStatus.GEPUBLICEERD:
        raise ValidationError(
            {"corrigeert": _("Alleen een gepubliceerde brief wordt gecorrigeerd.")}
        )
    gewijzigd = brief.pk is None or any(getattr(brief, k) != v for k, v in velden.items())
    bestaande = {s.soort: s for s in brief.secties.all()} if brief.pk else {}
    secties_gewijzigd = [
        soort
        for soort in SectieSoort.values
        if invoer.secties.get(soort, "") != getattr(bestaande.get(soort), "tekst", "")
    ]
    if not gewijzigd and not secties_gewijzigd:
        return False
    for k, v in velden.items():
        setattr(brief, k, v)
    if brief.pk is not None:
        brief.versie += 1
    history_save(brief, acting_user=acting_user, reden=reden)
    for soort in secties_gewijzigd:
        sectie = bestaande.get(soort) or Briefsectie(brief=brief, soort=soort)
        sectie.tekst = invoer.secties.get(soort, "")
        history_save(sectie, acting_user=acting_user, reden=reden)
    return True


@transaction.atomic
def brief_create(*, acting_user: AbstractBaseUser, invoer: BriefInvoer) -> Raadsinformatiebrief:
    """A new draft letter with its five sections."""
    require_brief_drafter(acting_user)
    brief = Raadsinformatiebrief()
    _write(brief, invoer, acting_user, _("Concept aangemaakt"))
    meldingen.brief_klaar_meld(brief=brief, acting_user=acting_user)
    return brief


@transaction.atomic
def brief_update(
    *,
    acting_user: AbstractBaseUser,
    brief: Raadsinformatiebrief,
    versie: int,
    invoer: BriefInvoer,
) -> Raadsinformatiebrief:
    """Save the draft if nobody saved it since `versie` was loaded; otherwise `BriefConflict`."""
    require_brief_drafter(acting_user)
    brief = Raadsinformatiebrief.objects.select_for_update().get(pk=brief.pk)
    _require_concept(brief)
    _require_not_publishing(brief, acting_user)
    if brief.versie != versie:
        raise BriefConflict(brief=brief)
    _write(brief, invoer, acting_user, _("Concept bijgewerkt"))
    return brief


def publicatie_bestandsnaam(brief: Raadsinformatiebrief, gemeente: Gemeente) -> str:
    """Like 2025-03-12-raadsinformatiebrief-transitie-dordrecht.pdf (ISO: file names sort); an
    undated letter (the seed's) is named after the day it was published in the portal."""
    dag = brief.datum or brief.peildatum
    return f"{dag.isoformat()}-raadsinformatiebrief-transitie-{slugify(gemeente.slug)}.pdf"


def _open_data(brief: Raadsinformatiebrief, gemeente: Gemeente, blokken) -> tuple[str, str]:
    """The letter's data as JSON and CSV: machine-readable, so ISO dates and plain numbers."""
    data = {
        "brief": str(brief.uuid),
        "titel": brief.titel,
        "kenmerk": brief.kenmerk or None,
        "datum": brief.datum.isoformat() if brief.datum else None,
        "peildatum": brief.peildatum.isoformat() if brief.peildatum else None,
        "gemeente": gemeente.naam,
        "valuta": VALUTA,
        "begrotingsjaar": blokken.begrotingsjaar,
        "blokken": blokken.as_dict(),
    }
    # The CSV's rows carry the day, year and currency they are true for, as its columns.
    context = {
        "peildatum": data["peildatum"] or "",
        "begrotingsjaar": blokken.begrotingsjaar or "",
        "valuta": VALUTA,
    }
    rijen = [{**rij, **context} for rij in blokken.rijen()]
    uitvoer = io.StringIO()
    velden = list(dict.fromkeys(veld for rij in rijen for veld in rij)) or ["blok"]
    schrijver = csv.DictWriter(uitvoer, fieldnames=velden, restval="", lineterminator="\n")
    schrijver.writeheader()
    schrijver.writerows({veld: cel(w) for veld, w in r.items()} for r in rijen)
    return json.dumps(data, ensure_ascii=False, indent=2), uitvoer.getvalue()


VALUTA = "EUR"


def publicatie_render(
    *, brief: Raadsinformatiebrief, gemeente: Gemeente, gepubliceerd_op
) -> Briefpublicatie:
    """One council's publication, rendered and hashed with its open data; not yet saved."""
    rendered = brief_render(brief=brief, gemeente=gemeente)
    json_data, csv_data = _open_data(brief, gemeente, rendered.blokken)
    pdf = pdf_sign(rendered.pdf)
    return Briefpublicatie(
        brief=brief,
        gemeente=gemeente,
        bestandsnaam=publicatie_bestandsnaam(brief, gemeente),
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        open_data_json=json_data,
        open_data_csv=csv_data,
        gepubliceerd_op=gepubliceerd_op,
    )


def _is_system_user(user: AbstractBaseUser) -> bool:
    """The management commands' account: it has no role and nobody logs in with it."""
    return user.get_username() == SYSTEM_USERNAME and not user.is_active


def _publish_check(brief: Raadsinformatiebrief, *, compleet: bool) -> None:
    """What a letter needs to be published: text, and (`bijlagen_freeze`) its parts and intact
    annexes. The caller has locked the letter and checked it is a draft."""
    if not any(s.tekst.strip() for s in brief.secties.all()):
        raise ValidationError(_("Een brief zonder tekst wordt niet gepubliceerd."))
    bijlagen_freeze(brief=brief, compleet=compleet)


def _publish_commit(
    *,
    brief: Raadsinformatiebrief,
    publicaties: list[Briefpublicatie],
    acting_user: AbstractBaseUser,
    gepubliceerd_op: datetime.datetime,
) -> None:
    """Freeze the letter with its rendered publications and tell the councils: the one way a
    letter becomes published, inside the caller's transaction (with the letter locked)."""
    brief.status = BriefStatus.GEPUBLICEERD
    brief.gepubliceerd_op = gepubliceerd_op
    brief.versie += 1
    history_save(brief, acting_user=acting_user, reden=_("Gepubliceerd"))
    for publicatie in publicaties:
        publicatie.brief = brief
        publicatie.gepubliceerd_op = gepubliceerd_op
        history_save(publicatie, acting_user=acting_user, reden=_("Gepubliceerd"))
    meldingen.brief_gepubliceerd_meld(brief=brief, acting_user=acting_user)


@transaction.atomic
def brief_publish(
    *,
    acting_user: AbstractBaseUser,
    brief: Raadsinformatiebrief,
    gepubliceerd_op: datetime.datetime | None = None,
) -> list[Briefpublicatie]:
    """Publish at once, rendering each council's PDF inside this call (seconds per council).

    For the management commands and the seed, which have no worker to wait for; a person
    publishes through `brief_publish_request` (the worker renders, the page shows progress).
    A management command acts as `drechtsteden.services.system_user()` and may give the moment
    the letter was actually sent (the seed's letter); nobody else backdates a letter.
    """
    systeem = _is_system_user(acting_user)
    if not systeem:
        require_brief_publisher(acting_user)
        if gepubliceerd_op is not None:
            raise ValueError("Only a management command publishes with an earlier date")
    gepubliceerd_op = gepubliceerd_op or timezone.now()
    brief = Raadsinformatiebrief.objects.select_for_update().get(pk=brief.pk)
    _require_concept(brief)
    if _lopende_opdracht(brief, acting_user) is not None:
        raise PublicatieLoopt(_("Deze brief wordt al gepubliceerd."))
    _publish_check(brief, compleet=not systeem)
    # The data is rendered now, so the peildatum is today, whatever date the letter carries.
    brief.peildatum = timezone.localdate()
    publicaties = [
        publicatie_render(brief=brief, gemeente=gemeente, gepubliceerd_op=gepubliceerd_op)
        for gemeente in drechtsteden_list()
    ]
    _publish_commit(
        brief=brief,
        publicaties=publicaties,
        acting_user=acting_user,
        gepubliceerd_op=gepubliceerd_op,
    )
    return publicaties


@transaction.atomic
def brief_publish_request(
    *, acting_user: AbstractBaseUser, brief: Raadsinformatiebrief
) -> Publicatieopdracht:
    """Ask the worker to publish the letter: checked as `brief_publish` checks it, then one task
    per council renders its PDF (`publicatiestap_run`), and the last to finish publishes all
    seven at once. Returns at once; until the request ends the letter is not changed.
    """
    require_brief_publisher(acting_user)
    brief = Raadsinformatiebrief.objects.select_for_update().get(pk=brief.pk)
    _require_concept(brief)
    if _lopende_opdracht(brief, acting_user) is not None:
        raise PublicatieLoopt(_("Deze brief wordt al gepubliceerd; wacht tot dat klaar is."))
    _publish_check(brief, compleet=True)
    nu = timezone.now()
    opdracht = Publicatieopdracht(
        brief=brief,
        aangevraagd_door=acting_user,
        aangevraagd_op=nu,
        peildatum=timezone.localdate(nu),
    )
    history_save(opdracht, acting_user=acting_user, reden=_("Publicatie aangevraagd"))
    for gemeente in drechtsteden_list():
        stap = Publicatiestap(opdracht=opdracht, gemeente=gemeente)
        history_save(stap, acting_user=acting_user, reden=_("Publicatie aangevraagd"))
        # A row in this transaction (django-tasks-db): the worker sees it after the commit.
        tasks.publicatiestap_render.enqueue(stap.pk)
    return opdracht


def _opdracht_fail(
    opdracht: Publicatieopdracht, *, fout: str, acting_user: AbstractBaseUser
) -> None:
    """End a request as failed (the caller holds its lock): the letter stays a draft; the steps
    not finished are marked failed and the rendered bytes are dropped."""
    opdracht.status = OpdrachtStatus.MISLUKT
    opdracht.afgerond_op = timezone.now()
    opdracht.fout = fout
    history_save(opdracht, acting_user=acting_user, reden=_("Publicatie mislukt"))
    for stap in Publicatiestap.objects.select_for_update().filter(opdracht=opdracht):
        if stap.status in (StapStatus.WACHTEND, StapStatus.BEZIG):
            stap.status = StapStatus.MISLUKT
            stap.fout = stap.fout or _("Niet afgemaakt: de publicatie is gestopt.")
        elif stap.pdf is None:
            continue
        stap.pdf = None
        history_save(stap, acting_user=acting_user, reden=_("Publicatie mislukt"))


def _opdracht_locked(stap_id: int) -> tuple[Publicatieopdracht, Publicatiestap] | None:
    """The request and the step, locked in that order (every writer takes them so), or None when
    the step is gone."""
    opdracht_id = Publicatiestap.objects.filter(pk=stap_id).values_list("opdracht_id", flat=True)
    opdracht = (
        Publicatieopdracht.objects.select_for_update(of=("self",))
        .select_related("aangevraagd_door")
        .filter(pk__in=opdracht_id)
        .first()
    )
    if opdracht is None:
        return None
    stap = (
        Publicatiestap.objects.select_for_update(of=("self",))
        .select_related("gemeente")
        .get(pk=stap_id)
    )
    return opdracht, stap


@transaction.atomic
def _stap_claim(stap_id: int) -> Publicatiestap | None:
    """Mark a waiting step as being rendered; None when there is nothing to render (the request
    ended, failed, or is stuck past its timeout, which is recorded now)."""
    gevonden = _opdracht_locked(stap_id)
    if gevonden is None:
        return None
    opdracht, stap = gevonden
    if opdracht.status != OpdrachtStatus.BEZIG or stap.status != StapStatus.WACHTEND:
        return None
    if opdracht_verlopen(opdracht):
        _opdracht_fail(opdracht, fout=verlopen_bericht(), acting_user=opdracht.aangevraagd_door)
        return None
    stap.status = StapStatus.BEZIG
    stap.gestart_op = timezone.now()
    history_save(stap, acting_user=opdracht.aangevraagd_door, reden=_("PDF wordt gemaakt"))
    return stap


@transaction.atomic
def _stap_fail(stap_id: int, *, technisch: str) -> None:
    """A council's PDF could not be made: the whole request fails, with the council named."""
    gevonden = _opdracht_locked(stap_id)
    if gevonden is None:
        return
    opdracht, stap = gevonden
    if opdracht.status != OpdrachtStatus.BEZIG:
        return
    stap.status = StapStatus.MISLUKT
    stap.fout = technisch[:2000]
    history_save(stap, acting_user=opdracht.aangevraagd_door, reden=_("PDF mislukt"))
    _opdracht_fail(
        opdracht,
        fout=_(
            "De PDF voor de gemeenteraad van %(gemeente)s kon niet worden gemaakt, dus is de "
            "brief niet gepubliceerd. Probeer het opnieuw; lukt het weer niet, meld het dan "
            "aan de beheerder."
        )
        % {"gemeente": stap.gemeente.naam},
        acting_user=opdracht.aangevraagd_door,
    )


@transaction.atomic
def _stap_finish(stap_id: int, *, publicatie: Briefpublicatie) -> bool:
    """Keep a council's rendered PDF; the step that completes the request publishes the letter.

    The request's row is locked first, so of two steps finishing at once one waits for the
    other: the second sees every step ready and publishes, and only once (the request is then
    no longer running). Whether this call published the letter.
    """
    gevonden = _opdracht_locked(stap_id)
    if gevonden is None:
        return False
    opdracht, stap = gevonden
    if opdracht.status != OpdrachtStatus.BEZIG or stap.status != StapStatus.BEZIG:
        return False
    acting_user = opdracht.aangevraagd_door
    if opdracht_verlopen(opdracht):
        _opdracht_fail(opdracht, fout=verlopen_bericht(), acting_user=acting_user)
        return False
    stap.bestandsnaam = publicatie.bestandsnaam
    stap.pdf = publicatie.pdf
    stap.sha256 = publicatie.sha256
    stap.open_data_json = publicatie.open_data_json
    stap.open_data_csv = publicatie.open_data_csv
    stap.status = StapStatus.KLAAR
    stap.klaar_op = timezone.now()
    history_save(stap, acting_user=acting_user, reden=_("PDF gemaakt"))
    if opdracht.stappen.exclude(status=StapStatus.KLAAR).exists():
        return False
    return _opdracht_publish(opdracht)


def _opdracht_publish(opdracht: Publicatieopdracht) -> bool:
    """Every council's PDF is ready: publish them all with the letter, or, when the letter no
    longer passes its checks, fail the request and publish nothing."""
    acting_user = opdracht.aangevraagd_door
    brief = Raadsinformatiebrief.objects.select_for_update().get(pk=opdracht.brief_id)
    stappen = list(Publicatiestap.objects.select_for_update().filter(opdracht=opdracht))
    try:
        _require_concept(brief)
        _publish_check(brief, compleet=True)
        for stap in stappen:
            if hashlib.sha256(bytes(stap.pdf)).hexdigest() != stap.sha256:
                raise ValidationError(
                    _("Een gemaakte PDF is gewijzigd voor de publicatie; probeer het opnieuw.")
                )
    except (Onveranderlijk, ValidationError) as fout:
        bericht = fout.messages[0] if isinstance(fout, ValidationError) else str(fout)
        _opdracht_fail(opdracht, fout=bericht, acting_user=acting_user)
        return False
    nu = timezone.now()
    brief.peildatum = opdracht.peildatum
    publicaties = [
        Briefpublicatie(
            gemeente_id=stap.gemeente_id,
            bestandsnaam=stap.bestandsnaam,
            pdf=bytes(stap.pdf),
            sha256=stap.sha256,
            open_data_json=stap.open_data_json,
            open_data_csv=stap.open_data_csv,
        )
        for stap in stappen
    ]
    _publish_commit(
        brief=brief, publicaties=publicaties, acting_user=acting_user, gepubliceerd_op=nu
    )
    # The bytes live in the publications now.
    for stap in stappen:
        stap.pdf = None
        history_save(stap, acting_user=acting_user, reden=_("Gepubliceerd"))
    opdracht.status = OpdrachtStatus.GEPUBLICEERD
    opdracht.afgerond_op = nu
    history_save(opdracht, acting_user=acting_user, reden=_("Gepubliceerd"))
    return True


def publicatiestap_run(*, stap_id: int) -> None:
    """The worker's part of a publishing request: render one council's PDF outside any
    transaction (it takes seconds, and holds no lock meanwhile), then keep it; the last step to
    finish publishes the letter (`_stap_finish`). A render (or a publication) that fails fails the
    request."""
    stap = _stap_claim(stap_id)
    if stap is None:
        return
    opdracht = stap.opdracht
    brief = Raadsinformatiebrief.objects.get(pk=opdracht.brief_id)
    # Rendered as it will be published: the data as it stands on the day of the request.
    brief.peildatum = opdracht.peildatum
    try:
        publicatie = publicatie_render(
            brief=brief, gemeente=stap.gemeente, gepubliceerd_op=opdracht.aangevraagd_op
        )
        _stap_finish(stap_id, publicatie=publicatie)
    except Exception as fout:
        # Rolled back (storing or publishing is one transaction): the request fails at once
        # instead of waiting for the timeout, and the worker records the task as failed.
        logger.exception("Publicatiestap %s: de PDF kon niet worden gemaakt", stap_id)
        _stap_fail(stap_id, technisch=f"{type(fout).__name__}: {fout}")
        raise


def bijlagen_freeze(*, brief: Raadsinformatiebrief, compleet: bool = True) -> None:
    """Before publication: the letter has its required parts (`compleet`; see `brief_missing`)
    and every annex's bytes still match the SHA-256 taken at upload. From the publication on
    the annexes are immutable with the letter (`Briefbijlage.onveranderlijk_q`).

    The seed's letter (published by the system account, `compleet` False) is the record of a
    letter already sent: it keeps its gaps, shown as missing, instead of invented parts.
    """
    if compleet:
        ontbrekend = brief_missing(brief)
        if ontbrekend:
            raise ValidationError(
                _("De brief mist nog: %(onderdelen)s.") % {"onderdelen": ", ".join(ontbrekend)}
            )
    for bijlage in Briefbijlage.objects.filter(brief=brief, pdf__isnull=False):
        if hashlib.sha256(bytes(bijlage.pdf)).hexdigest() != bijlage.sha256:
            raise ValidationError(
                _("De bijlage %(titel)s is na het uploaden gewijzigd; upload haar opnieuw.")
                % {"titel": bijlage.titel}
            )


@transaction.atomic
def bijlage_add(
    *,
    acting_user: AbstractBaseUser,
    brief: Raadsinformatiebrief,
    titel: str,
    inhoud: bytes,
    bestandsnaam: str,
) -> Briefbijlage:
    """Attach an uploaded PDF to a draft, checked (`bijlage_check`) and hashed; a title the letter
    already names without a file gets this file."""
    require_brief_drafter(acting_user)
    brief = Raadsinformatiebrief.objects.select_for_update().get(pk=brief.pk)
    _require_concept(brief)
    _require_not_publishing(brief, acting_user)
    bijlage_check(inhoud)
    titel = titel.strip()
    bijlage = Briefbijlage.objects.filter(brief=brief, titel=titel).first()
    if bijlage is not None and bijlage.heeft_bestand:
        raise ValidationError({"titel": _("Deze brief heeft al een bijlage met deze titel.")})
    bijlage = bijlage or Briefbijlage(brief=brief, titel=titel)
    bijlage.bestandsnaam = (slugify(Path(bestandsnaam).stem) or "bijlage")[:190] + ".pdf"
    bijlage.pdf = inhoud
    bijlage.sha256 = hashlib.sha256(inhoud).hexdigest()
    bijlage.grootte = len(inhoud)
    history_save(bijlage, acting_user=acting_user, reden=_("Bijlage toegevoegd"))
    return bijlage


@transaction.atomic
def bijlage_remove(*, acting_user: AbstractBaseUser, bijlage: Briefbijlage) -> None:
    """Remove an annex from a draft; a published letter's annexes stay (immutable)."""
    require_brief_drafter(acting_user)
    brief = Raadsinformatiebrief.objects.select_for_update().get(pk=bijlage.brief_id)
    _require_concept(brief)
    _require_not_publishing(brief, acting_user)
    bijlage._history_user = acting_user
    bijlage._change_reason = _("Bijlage verwijderd")
    bijlage.delete()


@transaction.atomic
def brief_correct(
    *, acting_user: AbstractBaseUser, brief: Raadsinformatiebrief
) -> Raadsinformatiebrief:
    """A draft correction of a published letter: a new letter that refers to it, with its texts
    and data blocks copied, to be edited and published in its turn.

    A correction still in draft is returned instead of a second one, so a double click makes one.
    """
    require_brief_drafter(acting_user)
    brief = Raadsinformatiebrief.objects.select_for_update().get(pk=brief.pk)
    if brief.status != BriefStatus.GEPUBLICEERD:
        raise ValidationError(_("Alleen een gepubliceerde brief wordt gecorrigeerd."))
    open_correctie = brief.correcties.filter(status=BriefStatus.CONCEPT).order_by("pk").first()
    if open_correctie is not None:
        return open_correctie
    titel_veld = Raadsinformatiebrief._meta.get_field("titel")
    invoer = BriefInvoer(
        titel=(_("Correctie: %(titel)s") % {"titel": brief.titel})[: titel_veld.max_length],
        onderwerp=brief.onderwerp,
        datum=timezone.localdate(),
        secties={sectie.soort: sectie.tekst for sectie in brief.secties.all()},
        corrigeert=brief,
        **{veld: getattr(brief, veld) for veld in ONDERDELEN},
        **{blok: getattr(brief, blok) for blok in BLOKKEN},
    )
    correctie = Raadsinformatiebrief()
    _write(
        correctie,
        invoer,
        acting_user,
        _("Correctie opgesteld van %(titel)s") % {"titel": brief.titel},
    )
    meldingen.brief_klaar_meld(brief=correctie, acting_user=acting_user)
    return correctie


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
    if brief.datum and verwacht_op < brief.datum:
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
    if toezegging.brief.datum and afgedaan_op < toezegging.brief.datum:
        raise ValidationError(
            {"afgedaan_op": _("Een toezegging wordt niet afgedaan vóór de brief die haar deed.")}
        )
    _not_in_future(afgedaan_op, "afgedaan_op")
    toezegging.afdoening = afdoening.strip()
    toezegging.afgedaan_op = afgedaan_op
    history_save(toezegging, acting_user=acting_user, reden=_("Toezegging afgedaan"))
    return toezegging
