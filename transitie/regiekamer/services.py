"""State changes of the regiekamers: advice, votes and the decision they lead to."""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from drechtsteden.models import Gemeente
from drechtsteden.services import history_save
from thema import workflow
from thema.constants import ActiviteitStatus, Voorstel
from thema.models import Activiteit, Beoordeling, Deelname
from thema.services import beoordeling_transition
from thema.workflow import Actie, Actor
from transitie.constants import (
    AdviesVervolg,
    BesluitUitkomst,
    RegiekamerSoort,
    StemKeuze,
)
from transitie.onveranderlijk import Onveranderlijk
from transitie.regiekamer import meldingen
from transitie.regiekamer.models import Advies, Besluit, Lidmaatschap, Stem
from transitie.regiekamer.selectors import (
    bestuurlijke_zetels,
    betrokken_gemeenten,
    lidmaatschap_lopend,
)
from transitie.regiekamer.stemregel import Uitkomst, uitkomst
from transitie.regiekamer.zetels import eigen_zetel, stemrecht


class GeenHuidigLid(PermissionDenied):
    """The person has the role, but no membership of the regiekamer that runs on the day."""


class BesluitOnveranderlijk(Onveranderlijk):
    """The proposal is decided: its decision and votes do not change any more."""


def _besluit_onveranderlijk(beoordeling: Beoordeling) -> None:
    """Refuse any write on a decided proposal; the one check every service here makes."""
    if beoordeling.is_besloten or Besluit.objects.filter(beoordeling=beoordeling).exists():
        raise BesluitOnveranderlijk(
            _("Over dit voorstel is besloten; het besluit en de stemmen liggen vast.")
        )


@transaction.atomic
def advies_create(
    *,
    beoordeling: Beoordeling,
    oordeel: str,
    toelichting: str,
    vervolg: str,
    reden_terugverwijzing: str = "",
    acting_user: AbstractBaseUser,
    today: datetime.date | None = None,
) -> Advies:
    """The ambtelijke regiekamer's advice on a submitted review: put it on the aldermen's agenda
    (state geadviseerd) or send it back to the team with a reason (state concept).

    Given by a current member of the ambtelijke regiekamer only: the role alone is not enough,
    the membership must run on `today`.
    """
    today = today or timezone.localdate()
    if not Lidmaatschap.objects.filter(
        lidmaatschap_lopend(today),
        gebruiker=acting_user,
        regiekamer__soort=RegiekamerSoort.AMBTELIJK,
    ).exists():
        raise GeenHuidigLid(
            _(
                "Alleen een huidig lid van de ambtelijke regiekamer geeft advies; u bent dat "
                "op %(datum)s niet."
            )
            % {"datum": date_format(today, "j F Y")}
        )
    beoordeling = Beoordeling.objects.select_for_update().get(pk=beoordeling.pk)
    _besluit_onveranderlijk(beoordeling)
    if beoordeling.status not in workflow.wacht_op(Actor.AMBTELIJKE_REGIEKAMER):
        raise PermissionDenied(
            _("Alleen een ingediende beoordeling krijgt advies; deze is %(status)s.")
            % {"status": beoordeling.get_status_display().lower()}
        )
    terug = vervolg == AdviesVervolg.TERUGVERWIJZEN
    if terug and not reden_terugverwijzing.strip():
        raise ValidationError({"reden_terugverwijzing": _("Geef de reden van terugverwijzing.")})
    advies = Advies(
        beoordeling=beoordeling,
        oordeel=oordeel,
        toelichting=toelichting,
        vervolg=vervolg,
        reden_terugverwijzing=reden_terugverwijzing.strip() if terug else "",
        gegeven_door=acting_user,
    )
    history_save(advies, acting_user=acting_user, reden=str(AdviesVervolg(vervolg).label))
    beoordeling_transition(
        beoordeling=beoordeling,
        actie=Actie.TERUGVERWIJZEN if terug else Actie.ADVISEREN,
        acting_user=acting_user,
        reden=advies.reden_terugverwijzing if terug else advies.get_oordeel_display(),
    )
    meldingen.advies_meld(advies=advies, acting_user=acting_user)
    return advies


class StemTeltNiet(PermissionDenied):
    """The vote would not count (transitie.zetels): not the seat's holder, or not involved."""


@dataclass(frozen=True)
class Stemresultaat:
    stem: Stem
    besluit: Besluit | None  # the decision this vote completed; None while the proposal is open


@transaction.atomic
def stem_cast(
    *,
    beoordeling_id: int,
    keuze: str,
    acting_user: AbstractBaseUser,
    gemeente: Gemeente | None = None,
    toelichting: str = "",
    today: datetime.date | None = None,
) -> Stemresultaat:
    """Cast or change a municipality's vote on a proposal awaiting the aldermen; then fix the
    outcome once, when transitie.stemregel decides it.

    The vote is `gemeente`'s (by default: the municipality whose seat `acting_user` holds) and
    counts only as transitie.zetels says: cast by its current member of the bestuurlijke
    regiekamer, on a proposal it is involved in; any other vote is refused and nothing stored.
    The review row is locked first, so two aldermen voting at the same moment are taken one
    after the other: both votes count, and only the second computes the decision.
    """
    today = today or timezone.localdate()
    zetels = bestuurlijke_zetels(today)
    beoordeling = (
        Beoordeling.objects.select_for_update(of=("self",))
        .select_related("activiteit")
        .prefetch_related("activiteit__deelnames", "voorgestelde_gemeenten", "stemmen")
        .get(pk=beoordeling_id)
    )
    if gemeente is None:
        gemeente_id = eigen_zetel(gebruiker_id=acting_user.pk, zetels=zetels)
        gemeente = zetels[gemeente_id].gemeente if gemeente_id is not None else None
    else:
        gemeente_id = gemeente.pk
    betrokken = betrokken_gemeenten(beoordeling)
    weigering = stemrecht(
        gebruiker_id=acting_user.pk, gemeente_id=gemeente_id, zetels=zetels, betrokken=betrokken
    )
    if weigering is not None:
        raise StemTeltNiet(str(weigering.label) % {"gemeente": gemeente})
    _besluit_onveranderlijk(beoordeling)
    if beoordeling.status not in workflow.wacht_op(Actor.BESTUURLIJKE_REGIEKAMER):
        raise PermissionDenied(_("Over dit voorstel wordt (nog) niet gestemd."))
    if keuze not in StemKeuze.values:
        raise ValidationError({"keuze": _("Kies instemmen, tegen of onthouden.")})

    stemmen = {stem.gemeente_id: stem for stem in beoordeling.stemmen.all()}
    stem = stemmen.get(gemeente_id)
    if stem is None:
        stem = Stem(beoordeling=beoordeling, gemeente_id=gemeente_id)
        reden = _("Stem uitgebracht")
    else:
        reden = _("Stem gewijzigd")
    if stem.pk is None or (stem.keuze, stem.toelichting) != (keuze, toelichting):
        stem.keuze, stem.toelichting, stem.uitgebracht_door = keuze, toelichting, acting_user
        history_save(stem, acting_user=acting_user, reden=reden)
    stemmen[gemeente_id] = stem

    besluit = uitkomst(
        betrokken_gemeenten=betrokken,
        stemmen={gemeente: s.keuze for gemeente, s in stemmen.items()},
        vertegenwoordigd=zetels.keys(),
    )
    if besluit == Uitkomst.OPEN:
        return Stemresultaat(stem=stem, besluit=None)
    record = _besluit_nemen(beoordeling, besluit, acting_user=acting_user)
    meldingen.besluit_meld(
        besluit=record, betrokken=betrokken, zetels=zetels, acting_user=acting_user
    )
    return Stemresultaat(stem=stem, besluit=record)


def _besluit_nemen(beoordeling: Beoordeling, besluit: Uitkomst, *, acting_user) -> Besluit:
    aangenomen = besluit == Uitkomst.AANGENOMEN
    reden = _("Besluit: %(uitkomst)s") % {"uitkomst": besluit.label.lower()}
    record = Besluit(
        beoordeling=beoordeling,
        uitkomst=BesluitUitkomst(besluit.value),
        besloten_op=timezone.now(),
    )
    history_save(record, acting_user=acting_user, reden=reden)
    beoordeling_transition(
        beoordeling=beoordeling,
        actie=Actie.VASTSTELLEN if aangenomen else Actie.AFWIJZEN,
        acting_user=acting_user,
        reden=str(reden),
    )
    if aangenomen:
        _effect_toepassen(beoordeling, acting_user=acting_user, reden=reden)
    return record


def _effect_toepassen(beoordeling: Beoordeling, *, acting_user, reden: str) -> None:
    """What an adopted proposal changes, in the decision's transaction."""
    activiteit = Activiteit.objects.select_for_update().get(pk=beoordeling.activiteit_id)
    gemeenten = list(beoordeling.voorgestelde_gemeenten.all())
    partners = list(beoordeling.voorgestelde_partners.all())
    if beoordeling.voorstel == Voorstel.HERGROEPEREN:
        _coalitie_zetten(activiteit, gemeenten, partners, acting_user=acting_user, reden=reden)
    elif beoordeling.voorstel == Voorstel.STOPPEN:
        if activiteit.status != ActiviteitStatus.BEEINDIGD:
            activiteit.status = ActiviteitStatus.BEEINDIGD
            history_save(activiteit, acting_user=acting_user, reden=reden)
    elif beoordeling.voorstel == Voorstel.TOEVOEGEN:
        basis = slugify(beoordeling.nieuwe_activiteit_naam)[:190] or "activiteit"
        slug, n = basis, 1
        while Activiteit.objects.filter(thema_id=activiteit.thema_id, slug=slug).exists():
            n += 1
            slug = f"{basis}-{n}"
        nieuw = Activiteit(
            thema_id=activiteit.thema_id,
            naam=beoordeling.nieuwe_activiteit_naam,
            slug=slug,
            beschrijving=beoordeling.nieuwe_activiteit_beschrijving,
            status=ActiviteitStatus.ACTIEF,
            is_demo=activiteit.is_demo,
        )
        history_save(nieuw, acting_user=acting_user, reden=reden)
        _coalitie_zetten(nieuw, gemeenten, partners, acting_user=acting_user, reden=reden)


def _coalitie_zetten(
    activiteit: Activiteit, gemeenten, partners, *, acting_user, reden: str
) -> None:
    """Make `gemeenten` the activity's participants and `partners` its partners.

    Staying participants keep their contribution; a new one starts at 0 until it is agreed.
    """
    nieuw = {g.pk for g in gemeenten}
    for deelname in activiteit.deelnames.all():
        if deelname.gemeente_id not in nieuw:
            deelname._history_user, deelname._change_reason = acting_user, reden
            deelname.delete()
    bestaand = set(activiteit.deelnames.values_list("gemeente_id", flat=True))
    for gemeente in gemeenten:
        if gemeente.pk not in bestaand:
            history_save(
                Deelname(activiteit=activiteit, gemeente=gemeente, jaarlijkse_bijdrage=0),
                acting_user=acting_user,
                reden=reden,
            )
    if set(activiteit.partners.all()) != set(partners):
        activiteit._history_user, activiteit._change_reason = acting_user, reden
        activiteit.partners.set(partners)
