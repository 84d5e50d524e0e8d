"""State changes of notifications: create them for an event, mark them read, set a person's e-mail
choices, and send their e-mail (called by the worker's tasks, never in a request)."""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from drechtsteden.meldingen import tasks
from drechtsteden.meldingen.constants import (
    EERSTE_WACHTTIJD_SECONDEN,
    MAX_POGINGEN,
    BezorgStatus,
    MailKeuze,
    MeldingSoort,
)
from drechtsteden.meldingen.models import Bezorging, Melding, MeldingVoorkeur
from drechtsteden.meldingen.selectors import mailkeuzes
from drechtsteden.services import history_save, system_user


@transaction.atomic
def meldingen_send(
    *,
    soort: MeldingSoort,
    gebeurtenis: str,
    ontvangers: Iterable[AbstractBaseUser],
    titel: str,
    url: str,
    acting_user: AbstractBaseUser,
) -> list[Melding]:
    """Tell each of `ontvangers` about one event: a notification in his inbox and, as he chose for
    this kind, an e-mail at once (a task for the worker), in the daily digest, or none.

    `gebeurtenis` names the event (e.g. "beoordeling-ingediend:12:3"): a person gets one
    notification per event however often this is called. The acting person is not told about
    what he did himself; inactive accounts are skipped.
    """
    personen = {u.pk: u for u in ontvangers if u.is_active and u.pk != acting_user.pk}
    al_gemeld = set(
        Melding.objects.filter(gebeurtenis=gebeurtenis, ontvanger_id__in=personen).values_list(
            "ontvanger_id", flat=True
        )
    )
    keuzes = mailkeuzes(gebruiker_ids=personen.keys(), soort=soort)
    nieuw = []
    for pk, persoon in personen.items():
        if pk in al_gemeld:
            continue
        melding = Melding(
            ontvanger=persoon,
            soort=soort,
            gebeurtenis=gebeurtenis[:200],
            titel=titel[:300],
            url=url,
        )
        history_save(melding, acting_user=acting_user, reden=_("Melding aangemaakt"))
        keuze = keuzes.get(pk, MailKeuze.DIRECT)
        geen_mail = keuze == MailKeuze.GEEN or not persoon.email
        bezorging = Bezorging(
            melding=melding,
            wijze=keuze,
            status=BezorgStatus.GEEN_MAIL if geen_mail else BezorgStatus.WACHTEND,
        )
        history_save(bezorging, acting_user=acting_user, reden=_("Bezorging vastgelegd"))
        if not geen_mail and keuze == MailKeuze.DIRECT:
            # The task is a row in this transaction (django-tasks-db): it exists if the
            # notification does, and the worker sees it only after the commit.
            tasks.bezorging_send.enqueue(bezorging.pk)
        nieuw.append(melding)
    return nieuw


@transaction.atomic
def melding_mark_read(*, melding_id: int, acting_user: AbstractBaseUser) -> Melding:
    """Mark one of the person's own notifications read (again reading changes nothing)."""
    melding = Melding.objects.select_for_update().filter(pk=melding_id).first()
    if melding is None or melding.ontvanger_id != acting_user.pk:
        raise PermissionDenied(_("Dit is niet uw melding."))
    if melding.gelezen_op is None:
        melding.gelezen_op = timezone.now()
        history_save(melding, acting_user=acting_user, reden=_("Gelezen"))
    return melding


@transaction.atomic
def mailkeuzes_set(*, acting_user: AbstractBaseUser, keuzes: dict[str, str]) -> None:
    """Store the person's e-mail choice per kind of notification; only changed ones are saved."""
    bestaand = {v.soort: v for v in MeldingVoorkeur.objects.filter(gebruiker=acting_user)}
    for soort, keuze in keuzes.items():
        voorkeur = bestaand.get(soort) or MeldingVoorkeur(gebruiker=acting_user, soort=soort)
        if voorkeur.pk is not None and voorkeur.keuze == keuze:
            continue
        voorkeur.keuze = keuze
        history_save(voorkeur, acting_user=acting_user, reden=_("E-mailvoorkeur gewijzigd"))


def _absolute(pad: str) -> str:
    return settings.PORTAAL_URL.rstrip("/") + pad


def _mail(*, ontvanger, onderwerp: str, meldingen: list[Melding]) -> EmailMultiAlternatives:
    """The Dutch mail for `meldingen`: titles and links only, never a review's content."""
    context = {
        "ontvanger": ontvanger,
        "meldingen": [(m, _absolute(m.url)) for m in meldingen],
        "inbox_url": _absolute(reverse("meldingen:inbox")),
        "voorkeuren_url": _absolute(reverse("meldingen:voorkeuren")),
    }
    with translation.override("nl"):
        tekst = render_to_string("meldingen/mail/melding.txt", context)
        html = render_to_string("meldingen/mail/melding.html", context)
    mail = EmailMultiAlternatives(subject=onderwerp, body=tekst, to=[ontvanger.email])
    mail.attach_alternative(html, "text/html")
    return mail


def _wachttijd(pogingen: int) -> datetime.timedelta:
    return datetime.timedelta(seconds=EERSTE_WACHTTIJD_SECONDEN * 2 ** (pogingen - 1))


def _mislukt(bezorgingen: list[Bezorging], fout: Exception, systeem) -> bool:
    """Record a failed try on each delivery; True when another try is due."""
    opnieuw = False
    for bezorging in bezorgingen:
        bezorging.pogingen += 1
        bezorging.laatste_fout = f"{type(fout).__name__}: {fout}"[:500]
        if bezorging.pogingen >= MAX_POGINGEN:
            bezorging.status = BezorgStatus.MISLUKT
        else:
            opnieuw = True
        history_save(bezorging, acting_user=systeem, reden=_("Verzenden mislukt"))
    return opnieuw


def _verzonden(bezorgingen: list[Bezorging], systeem) -> None:
    nu = timezone.now()
    for bezorging in bezorgingen:
        bezorging.pogingen += 1
        bezorging.status = BezorgStatus.VERZONDEN
        bezorging.verzonden_op = nu
        bezorging.laatste_fout = ""
        history_save(bezorging, acting_user=systeem, reden=_("Verzonden"))


@transaction.atomic
def bezorging_deliver(*, bezorging_id: int) -> None:
    """Send the e-mail of one notification, if it still waits (so never twice); after a failure
    try again later with a growing wait, and give up (status mislukt) after MAX_POGINGEN."""
    bezorging = (
        Bezorging.objects.select_for_update(of=("self",))
        .select_related("melding__ontvanger")
        .filter(pk=bezorging_id, status=BezorgStatus.WACHTEND)
        .first()
    )
    if bezorging is None:
        return
    melding = bezorging.melding
    systeem = system_user()
    try:
        _mail(ontvanger=melding.ontvanger, onderwerp=melding.titel, meldingen=[melding]).send()
    except Exception as fout:  # noqa: BLE001 - any failure of the mail server is retried
        if _mislukt([bezorging], fout, systeem):
            tasks.bezorging_send.using(
                run_after=timezone.now() + _wachttijd(bezorging.pogingen)
            ).enqueue(bezorging.pk)
        return
    _verzonden([bezorging], systeem)


@transaction.atomic
def samenvatting_deliver(*, gebruiker_id: int) -> None:
    """Send one person's daily digest: every notification that waits for it, in one mail."""
    bezorgingen = list(
        Bezorging.objects.select_for_update(of=("self",))
        .select_related("melding__ontvanger")
        .filter(
            melding__ontvanger_id=gebruiker_id,
            wijze=MailKeuze.SAMENVATTING,
            status=BezorgStatus.WACHTEND,
        )
        .order_by("melding__aangemaakt_op", "pk")
    )
    if not bezorgingen:
        return
    meldingen = [b.melding for b in bezorgingen]
    systeem = system_user()
    onderwerp = _("Dagelijkse samenvatting: %(aantal)s meldingen") % {"aantal": len(meldingen)}
    try:
        _mail(ontvanger=meldingen[0].ontvanger, onderwerp=onderwerp, meldingen=meldingen).send()
    except Exception as fout:  # noqa: BLE001 - any failure of the mail server is retried
        if _mislukt(bezorgingen, fout, systeem):
            tasks.samenvatting_send.using(
                run_after=timezone.now() + _wachttijd(bezorgingen[0].pogingen)
            ).enqueue(gebruiker_id)
        return
    _verzonden(bezorgingen, systeem)


def samenvattingen_enqueue() -> int:
    """Put one digest task per person with waiting digest notifications in the queue.

    Safe to run twice: a digest task sends only what still waits.
    """
    gebruiker_ids = (
        Bezorging.objects.filter(wijze=MailKeuze.SAMENVATTING, status=BezorgStatus.WACHTEND)
        .values_list("melding__ontvanger_id", flat=True)
        .distinct()
        .order_by()
    )
    aantal = 0
    for gebruiker_id in gebruiker_ids:
        tasks.samenvatting_send.enqueue(gebruiker_id)
        aantal += 1
    return aantal
