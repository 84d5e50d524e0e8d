"""State changes of the content layer: writing, saving and submitting an activity's review.

Each function checks permission and state first, runs in one transaction, saves only what changed
and leaves history with the acting user (and, for a workflow step, the change reason).
"""

from dataclasses import dataclass, field, fields
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from drechtsteden.models import Gemeente
from thema import meldingen, workflow
from thema.constants import (
    BEDRAG_VELD,
    BEOORDELING_VELDEN,
    CONSEQUENTIE_JAREN,
    M2M_VELDEN,
    SCALAIRE_VELDEN,
    Coalitievorm,
    Voorstel,
)
from thema.models import Activiteit, Beoordeling, FinancieleConsequentie, Partner
from thema.selectors import (
    Namen,
    Snapshot,
    in_woorden,
    require_themateam,
    review_actors,
    snapshot_of,
)
from thema.workflow import Actie, OvergangNietToegestaan, is_gestopt, mag_bewerken, overgang


class ActiviteitGestopt(PermissionDenied):
    """The activity was stopped by a decision: it gets no new review, nothing is saved."""


def _niet_gestopt(activiteit: Activiteit) -> None:
    """Refuse to write or submit a review of a stopped activity (thema.workflow.GESTOPT); the
    status is read from the database, not from the caller's copy."""
    status = Activiteit.objects.values_list("status", flat=True).get(pk=activiteit.pk)
    if is_gestopt(status):
        raise ActiviteitGestopt(
            _("%(activiteit)s is gestopt; er komt geen nieuwe beoordeling meer.")
            % {"activiteit": activiteit.naam}
        )


# Which of the proposal's own fields apply to which proposal; the others are ignored.
VOORSTEL_VELDEN = {
    "coalitievorm": {Voorstel.HERGROEPEREN},
    "voorgestelde_gemeenten": {Voorstel.HERGROEPEREN, Voorstel.TOEVOEGEN},
    "voorgestelde_partners": {Voorstel.HERGROEPEREN, Voorstel.TOEVOEGEN},
    "nieuwe_activiteit_naam": {Voorstel.TOEVOEGEN},
    "nieuwe_activiteit_beschrijving": {Voorstel.TOEVOEGEN},
}


def veld_geldt(veld: str, voorstel: str) -> bool:
    """Whether a field of the form applies to this proposal."""
    return veld not in VOORSTEL_VELDEN or voorstel in VOORSTEL_VELDEN[veld]


@dataclass(frozen=True)
class BeoordelingInvoer:
    """What the team typed into the review form, shape-checked by the form."""

    onderbouwing: str
    score_lokaal: int | None = None
    score_regionaal: int | None = None
    score_organisatie: int | None = None
    prioriteit: str = ""
    voorstel: str = ""
    coalitievorm: str = ""
    voorgestelde_gemeenten: frozenset[Gemeente] = frozenset()
    voorgestelde_partners: frozenset[Partner] = frozenset()
    nieuwe_activiteit_naam: str = ""
    nieuwe_activiteit_beschrijving: str = ""
    bedragen: dict[int, Decimal | None] = field(default_factory=dict)

    def toepasselijk(self) -> "BeoordelingInvoer":
        """The same input without the fields that belong to another proposal."""
        leeg = {f.name: f.default for f in fields(self)}
        wissen = {
            veld: leeg[veld] for veld in VOORSTEL_VELDEN if not veld_geldt(veld, self.voorstel)
        }
        return BeoordelingInvoer(**{**self.__dict__, **wissen})

    def snapshot(self) -> Snapshot:
        snapshot: Snapshot = {veld: getattr(self, veld) for veld in SCALAIRE_VELDEN}
        for veld in M2M_VELDEN:
            snapshot[veld] = frozenset(obj.pk for obj in getattr(self, veld))
        for jaar in CONSEQUENTIE_JAREN:
            snapshot[BEDRAG_VELD.format(jaar=jaar)] = self.bedragen.get(jaar)
        return snapshot


class BeoordelingConflict(Exception):
    """Someone else saved the review since this person loaded it; nothing was saved.

    Carries the stored values in words per form field, which of them the other person changed,
    and the version to save against once the person has merged.
    """

    def __init__(
        self, *, beoordeling: Beoordeling, huidig: dict[str, str], gewijzigd: frozenset[str]
    ) -> None:
        super().__init__(_("Iemand anders heeft deze beoordeling intussen opgeslagen."))
        self.beoordeling = beoordeling
        self.versie = beoordeling.versie
        self.huidig = huidig
        self.gewijzigd = gewijzigd
        history_user = beoordeling.history.first().history_user
        self.door = (
            (history_user.get_full_name() or history_user.get_username()) if history_user else ""
        )


def _conflict(beoordeling: Beoordeling, geladen_versie: int | None) -> BeoordelingConflict:
    """The conflict for a review saved by someone else after `geladen_versie` was loaded."""
    beoordeling = (
        Beoordeling.objects.prefetch_related(
            "voorgestelde_gemeenten", "voorgestelde_partners", "financiele_consequenties"
        )
        .select_related("activiteit")
        .get(pk=beoordeling.pk)
    )
    huidig = snapshot_of(beoordeling)
    geladen = _snapshot_at_version(beoordeling, geladen_versie)
    gewijzigd = frozenset(
        veld
        for veld in BEOORDELING_VELDEN
        if huidig[veld] != (geladen[veld] if geladen else None)
        and (geladen is not None or huidig[veld] not in (None, "", frozenset()))
    )
    namen = Namen.laden()
    return BeoordelingConflict(
        beoordeling=beoordeling,
        huidig={veld: in_woorden(veld, huidig[veld], namen) for veld in BEOORDELING_VELDEN},
        gewijzigd=gewijzigd,
    )


def _snapshot_at_version(beoordeling: Beoordeling, versie: int | None) -> Snapshot | None:
    """The review as it was stored at `versie`, from its history; None before it existed."""
    if versie is None:
        return None
    record = beoordeling.history.filter(versie=versie).order_by("-history_date").first()
    if record is None:
        return None
    snapshot: Snapshot = {veld: getattr(record, veld) for veld in SCALAIRE_VELDEN}
    for veld, doel in zip(M2M_VELDEN, ("gemeente_id", "partner_id"), strict=True):
        snapshot[veld] = frozenset(getattr(record, veld).values_list(doel, flat=True))
    bedragen = {
        fc.jaar: fc.bedrag
        for fc in FinancieleConsequentie.history.as_of(record.history_date).filter(
            beoordeling_id=beoordeling.pk
        )
    }
    for jaar in CONSEQUENTIE_JAREN:
        snapshot[BEDRAG_VELD.format(jaar=jaar)] = bedragen.get(jaar)
    return snapshot


def _validate(*, activiteit: Activiteit, invoer: BeoordelingInvoer, compleet: bool) -> None:
    """The business rules of a review, as Dutch messages per form field.

    `compleet`: the review is being submitted, so everything the regiekamer needs must be there.
    """
    fouten: dict[str, list[str]] = {}

    def fout(veld: str, bericht: str) -> None:
        fouten.setdefault(veld, []).append(bericht)

    # In the form's order, so a list of what is missing reads top to bottom; each message names
    # its field, as it may stand apart from it (the submit confirmation lists them together).
    if compleet:
        for veld, score in (
            ("score_lokaal", _("de bijdrage aan lokale doelen")),
            ("score_regionaal", _("de bijdrage aan regionale doelen")),
            ("score_organisatie", _("hoe logisch en effectief de activiteit is georganiseerd")),
        ):
            if getattr(invoer, veld) is None:
                fout(
                    veld, _("Geef een score van 1 tot en met 5 voor %(score)s.") % {"score": score}
                )
        if not invoer.prioriteit:
            fout("prioriteit", _("Kies een prioriteit."))
    if not invoer.onderbouwing.strip():
        fout("onderbouwing", _("Schrijf een onderbouwing: waarom dit voorstel?"))
    if compleet and not invoer.voorstel:
        fout("voorstel", _("Kies een voorstel."))

    deelnemers_nu = {d.gemeente for d in activiteit.deelnames.all()}
    partners_nu = set(activiteit.partners.all())
    voorgesteld = set(invoer.voorgestelde_gemeenten)
    partners = set(invoer.voorgestelde_partners)

    if invoer.voorstel == Voorstel.HERGROEPEREN:
        aantal_nu = len(deelnemers_nu) + len(partners_nu)
        aantal = len(voorgesteld) + len(partners)
        if not invoer.coalitievorm:
            fout(
                "coalitievorm",
                _("Kies of de nieuwe coalitie kleiner, andersoortig of groter is."),
            )
        if not voorgesteld:
            fout(
                "voorgestelde_gemeenten",
                _("Kies de gemeenten die in de nieuwe coalitie meedoen."),
            )
        elif invoer.coalitievorm == Coalitievorm.KLEINER:
            nieuw = sorted(str(g) for g in voorgesteld - deelnemers_nu)
            nieuwe_partners = sorted(str(p) for p in partners - partners_nu)
            if nieuw:
                fout(
                    "voorgestelde_gemeenten",
                    _(
                        "Een kleinere coalitie bestaat alleen uit gemeenten die nu meedoen; "
                        "%(namen)s doet nu niet mee."
                    )
                    % {"namen": ", ".join(nieuw)},
                )
            if nieuwe_partners:
                fout(
                    "voorgestelde_partners",
                    _(
                        "Een kleinere coalitie bestaat alleen uit partners die nu meedoen; "
                        "%(namen)s doet nu niet mee."
                    )
                    % {"namen": ", ".join(nieuwe_partners)},
                )
            if not nieuw and not nieuwe_partners and aantal >= aantal_nu:
                fout(
                    "voorgestelde_gemeenten",
                    _(
                        "Een kleinere coalitie heeft minder deelnemers dan nu: nu %(nu)s, "
                        "voorgesteld %(aantal)s. Laat ten minste één deelnemer weg."
                    )
                    % {"nu": aantal_nu, "aantal": aantal},
                )
        elif invoer.coalitievorm == Coalitievorm.GROTER and aantal <= aantal_nu:
            fout(
                "voorgestelde_gemeenten",
                _(
                    "Een grotere coalitie heeft meer deelnemers dan nu: nu %(nu)s, voorgesteld "
                    "%(aantal)s. Voeg ten minste één gemeente of partner toe."
                )
                % {"nu": aantal_nu, "aantal": aantal},
            )
        elif (
            invoer.coalitievorm == Coalitievorm.ANDERSOORTIG
            and voorgesteld == deelnemers_nu
            and partners == partners_nu
        ):
            fout(
                "voorgestelde_gemeenten",
                _(
                    "Een andersoortige coalitie verschilt in samenstelling van de huidige; "
                    "deze gemeenten en partners doen nu al precies zo mee."
                ),
            )
    if invoer.voorstel == Voorstel.STOPPEN and not deelnemers_nu and not partners_nu:
        fout(
            "voorstel",
            _(
                "Deze activiteit heeft geen deelnemers meer; stoppen heeft dan geen betekenis. "
                "Kies een ander voorstel."
            ),
        )
    if invoer.voorstel == Voorstel.TOEVOEGEN:
        if not invoer.nieuwe_activiteit_naam.strip():
            fout("nieuwe_activiteit_naam", _("Geef de nieuwe activiteit een naam."))
        if compleet and not invoer.nieuwe_activiteit_beschrijving.strip():
            fout("nieuwe_activiteit_beschrijving", _("Beschrijf de nieuwe activiteit."))
        if not voorgesteld:
            fout(
                "voorgestelde_gemeenten",
                _("Kies de gemeenten die aan de nieuwe activiteit meedoen."),
            )
    if fouten:
        raise ValidationError(fouten)


def _apply(beoordeling: Beoordeling, invoer: BeoordelingInvoer, *, moment, acting_user) -> bool:
    """Write the input onto the review and its consequences; True if anything changed.

    The review itself is saved by the caller, once, after this: its one history row then holds the
    new coalition, and the consequences written here share its history date.
    """
    oud = snapshot_of(beoordeling) if beoordeling.pk else None
    nieuw = invoer.snapshot()
    if oud is not None and all(oud[veld] == nieuw[veld] for veld in BEOORDELING_VELDEN):
        return False
    for veld in SCALAIRE_VELDEN:
        setattr(beoordeling, veld, getattr(invoer, veld))

    if beoordeling.pk is None:
        # No history yet: the row appears with its coalition in the caller's save.
        beoordeling.skip_history_when_saving = True
        beoordeling.full_clean()
        beoordeling.save()
    beoordeling.skip_history_when_saving = True
    try:
        for veld in M2M_VELDEN:
            if oud is None or oud[veld] != nieuw[veld]:
                getattr(beoordeling, veld).set(getattr(invoer, veld))
    finally:
        del beoordeling.skip_history_when_saving

    bestaand = {fc.jaar: fc for fc in beoordeling.financiele_consequenties.all()}
    for jaar in CONSEQUENTIE_JAREN:
        bedrag = invoer.bedragen.get(jaar)
        fc = bestaand.get(jaar)
        if fc is not None and bedrag is None:
            fc._history_user, fc._history_date = acting_user, moment
            fc.delete()
        elif bedrag is not None and (fc is None or fc.bedrag != bedrag):
            fc = fc or FinancieleConsequentie(beoordeling=beoordeling, jaar=jaar)
            fc.bedrag = bedrag
            fc._history_user, fc._history_date = acting_user, moment
            fc.full_clean()
            fc.save()
    return True


@transaction.atomic
def beoordeling_save(
    *,
    activiteit: Activiteit,
    versie: int | None,
    invoer: BeoordelingInvoer,
    acting_user: AbstractBaseUser,
) -> Beoordeling:
    """Save the team's review of `activiteit`, loaded at `versie` (None: there was none yet).

    Refuses with BeoordelingConflict when someone saved in between, with ValidationError when a
    rule is broken, with PermissionDenied for anyone outside the theme's team or a review that is
    no longer a concept. Saves nothing when nothing changed.
    """
    actoren = require_themateam(user=acting_user, thema=activiteit.thema)
    _niet_gestopt(activiteit)
    # The lock makes a second, concurrent save wait here and then see the first one's version.
    huidige = (
        Beoordeling.objects.select_for_update()
        .filter(activiteit=activiteit)
        .exclude(status__in=workflow.BESLOTEN)
        .first()
    )
    if huidige is not None and huidige.versie != versie:
        raise _conflict(huidige, versie)
    if huidige is None and versie is not None:
        # The review loaded was decided meanwhile (or never existed): start from what is there.
        raise PermissionDenied(_("Deze beoordeling is niet meer te wijzigen."))
    if huidige is not None and not mag_bewerken(huidige.status, actoren):
        raise PermissionDenied(
            _("Deze beoordeling is %(status)s en kan niet meer worden gewijzigd.")
            % {"status": huidige.get_status_display().lower()}
        )

    invoer = invoer.toepasselijk()
    _validate(activiteit=activiteit, invoer=invoer, compleet=False)

    moment = timezone.now()
    if huidige is None:
        laatste = activiteit.beoordelingen.aggregate(ronde=Max("ronde"))["ronde"] or 0
        beoordeling = Beoordeling(activiteit=activiteit, ronde=laatste + 1)
        try:
            with transaction.atomic():
                _apply(beoordeling, invoer, moment=moment, acting_user=acting_user)
        except IntegrityError:
            # Someone else started this round's review at the same moment.
            bestaand = (
                Beoordeling.objects.filter(activiteit=activiteit)
                .exclude(status__in=workflow.BESLOTEN)
                .first()
            )
            if bestaand is None:
                raise
            raise _conflict(bestaand, None) from None
    else:
        beoordeling = huidige
        if not _apply(beoordeling, invoer, moment=moment, acting_user=acting_user):
            return beoordeling
        beoordeling.versie += 1

    beoordeling._history_user = acting_user
    beoordeling._history_date = moment
    beoordeling.full_clean()
    beoordeling.save()
    return beoordeling


@transaction.atomic
def beoordeling_transition(
    *,
    beoordeling: Beoordeling,
    actie: Actie,
    acting_user: AbstractBaseUser,
    versie: int | None = None,
    reden: str = "",
) -> Beoordeling:
    """Take one step of thema.workflow for `beoordeling`, as that table allows `acting_user`.

    `versie`: the version the person saw when he decided; a later save by someone else refuses
    the step. `reden` is added to the table's change reason.
    """
    beoordeling = Beoordeling.objects.select_for_update().get(pk=beoordeling.pk)
    actoren = review_actors(user=acting_user, thema=beoordeling.activiteit.thema)
    try:
        stap = overgang(actie, beoordeling.status)
    except OvergangNietToegestaan:
        raise PermissionDenied(
            _("Deze stap kan niet: de beoordeling is %(status)s.")
            % {"status": beoordeling.get_status_display().lower()}
        ) from None
    if stap.actor not in actoren:
        raise PermissionDenied(
            _("Deze stap is voorbehouden aan %(actor)s.") % {"actor": stap.actor.label}
        )
    if versie is not None and beoordeling.versie != versie:
        raise _conflict(beoordeling, versie)

    beoordeling.status = stap.naar
    if stap.actie == Actie.INDIENEN:
        beoordeling.ingediend_op = timezone.now()
    beoordeling.versie += 1
    beoordeling._history_user = acting_user
    beoordeling._change_reason = f"{stap.reden}: {reden}" if reden else stap.reden
    beoordeling.full_clean()
    beoordeling.save()
    return beoordeling


def invoer_van(beoordeling: Beoordeling) -> BeoordelingInvoer:
    """The stored review as input, to check it as a whole before it is submitted."""
    return BeoordelingInvoer(
        **{veld: getattr(beoordeling, veld) for veld in SCALAIRE_VELDEN},
        **{veld: frozenset(getattr(beoordeling, veld).all()) for veld in M2M_VELDEN},
        bedragen={fc.jaar: fc.bedrag for fc in beoordeling.financiele_consequenties.all()},
    )


@dataclass(frozen=True)
class Ontbrekend:
    """What keeps a review from being submitted: the form field, and the message naming it."""

    veld: str
    bericht: str


def beoordeling_ontbrekend(beoordeling: Beoordeling) -> list[Ontbrekend]:
    """What must be completed before the review can be submitted, in the form's order; empty
    when it is complete. The same rule `beoordeling_submit` refuses an incomplete review by."""
    try:
        _validate(activiteit=beoordeling.activiteit, invoer=invoer_van(beoordeling), compleet=True)
    except ValidationError as error:
        return [
            Ontbrekend(veld=veld, bericht=bericht)
            for veld, berichten in error.message_dict.items()
            for bericht in berichten
        ]
    return []


@transaction.atomic
def beoordeling_submit(
    *, beoordeling: Beoordeling, versie: int, acting_user: AbstractBaseUser
) -> Beoordeling:
    """Submit a complete concept review to the ambtelijke regiekamer (team members only)."""
    activiteit = beoordeling.activiteit
    require_themateam(user=acting_user, thema=activiteit.thema)
    if not acting_user.has_perm("thema.submit_beoordeling"):
        raise PermissionDenied(_("U mag geen beoordelingen indienen."))
    _niet_gestopt(activiteit)
    vergrendeld = Beoordeling.objects.select_for_update().get(pk=beoordeling.pk)
    if vergrendeld.versie != versie:
        raise _conflict(vergrendeld, versie)
    _validate(activiteit=activiteit, invoer=invoer_van(vergrendeld), compleet=True)
    ingediend = beoordeling_transition(
        beoordeling=vergrendeld, actie=Actie.INDIENEN, acting_user=acting_user, versie=versie
    )
    meldingen.beoordeling_ingediend_meld(beoordeling=ingediend, acting_user=acting_user)
    return ingediend
