"""The review's state machine: one table of who may move a Beoordeling from which state to which.

Every question about a review's state is asked here: services check a step against this table
before they change anything, selectors filter with the groups of states below, templates ask which
buttons to show, tests walk the table. No other module names a state of BeoordelingStatus.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from thema.constants import ActiviteitStatus, BeoordelingStatus


class Actor(models.TextChoices):
    """Who acts on a review: derived per user and review (see thema.selectors.review_actors)."""

    THEMATEAM = "themateam", _("het themateam")
    AMBTELIJKE_REGIEKAMER = "ambtelijke_regiekamer", _("de ambtelijke regiekamer")
    BESTUURLIJKE_REGIEKAMER = "bestuurlijke_regiekamer", _("de bestuurlijke regiekamer")


class Actie(models.TextChoices):
    INDIENEN = "indienen", _("Indienen bij de ambtelijke regiekamer")
    ADVISEREN = "adviseren", _("Advies geven")
    TERUGVERWIJZEN = "terugverwijzen", _("Terugverwijzen naar het themateam")
    VASTSTELLEN = "vaststellen", _("Aannemen")
    AFWIJZEN = "afwijzen", _("Verwerpen")


@dataclass(frozen=True)
class Overgang:
    actie: Actie
    van: BeoordelingStatus
    naar: BeoordelingStatus
    actor: Actor
    reden: str  # the change reason recorded in the history


S = BeoordelingStatus

OVERGANGEN: tuple[Overgang, ...] = (
    Overgang(Actie.INDIENEN, S.CONCEPT, S.INGEDIEND, Actor.THEMATEAM, "Ingediend"),
    Overgang(
        Actie.ADVISEREN,
        S.INGEDIEND,
        S.GEADVISEERD,
        Actor.AMBTELIJKE_REGIEKAMER,
        "Geadviseerd door de ambtelijke regiekamer",
    ),
    Overgang(
        Actie.TERUGVERWIJZEN,
        S.INGEDIEND,
        S.CONCEPT,
        Actor.AMBTELIJKE_REGIEKAMER,
        "Terugverwezen naar het themateam",
    ),
    Overgang(
        Actie.VASTSTELLEN,
        S.GEADVISEERD,
        S.VASTGESTELD,
        Actor.BESTUURLIJKE_REGIEKAMER,
        "Aangenomen door de bestuurlijke regiekamer",
    ),
    Overgang(
        Actie.AFWIJZEN,
        S.GEADVISEERD,
        S.AFGEWEZEN,
        Actor.BESTUURLIJKE_REGIEKAMER,
        "Verworpen door de bestuurlijke regiekamer",
    ),
)

# Editing the content is not a state change: the team edits in these states only.
BEWERKBAAR: dict[BeoordelingStatus, Actor] = {S.CONCEPT: Actor.THEMATEAM}

# Groups of states, for selectors and constraints.
BEGIN = S.CONCEPT  # a new review starts here
# Tuples in the flow's order: they appear in migrations (the constraints) and in filters.
BESLOTEN = (S.VASTGESTELD, S.AFGEWEZEN)  # decided: never edited again
OPEN = tuple(s for s in S if s not in BESLOTEN)  # under way: at most one per activity
AANGENOMEN = S.VASTGESTELD  # the proposal was adopted: its effect and finances count
IN_BEHANDELING = (S.INGEDIEND, S.GEADVISEERD)  # with the regiekamers
# Only those who work on reviews read these: drafts, not yet submitted.
ALLEEN_VOOR_OPSTELLERS = tuple(BEWERKBAAR)


class OvergangNietToegestaan(Exception):
    """The step is not in the table for this state, or not for this actor."""


def overgang(actie: Actie | str, van: BeoordelingStatus | str) -> Overgang:
    """The step `actie` from state `van`; raises OvergangNietToegestaan when there is none."""
    for stap in OVERGANGEN:
        if stap.actie == actie and stap.van == van:
            return stap
    raise OvergangNietToegestaan(actie, van)


def toegestane_overgangen(
    status: BeoordelingStatus | str, actoren: frozenset[Actor]
) -> tuple[Overgang, ...]:
    """The steps these actors may take from `status`, in the table's order."""
    return tuple(stap for stap in OVERGANGEN if stap.van == status and stap.actor in actoren)


def mag_stap(
    actie: Actie | str, status: BeoordelingStatus | str, actoren: frozenset[Actor]
) -> bool:
    """Whether these actors may take the step `actie` from `status`."""
    return any(stap.actie == actie for stap in toegestane_overgangen(status, actoren))


def mag_bewerken(status: BeoordelingStatus | str, actoren: frozenset[Actor]) -> bool:
    actor = BEWERKBAAR.get(status)
    return actor is not None and actor in actoren


def wacht_op(actor: Actor) -> tuple[BeoordelingStatus, ...]:
    """The states in which a review waits for `actor`: he may take a step from them."""
    return tuple(s for s in S if any(t.van == s and t.actor == actor for t in OVERGANGEN))


def is_besloten(status: BeoordelingStatus | str) -> bool:
    return status in BESLOTEN


def is_bewerkbaar(status: BeoordelingStatus | str) -> bool:
    """Whether anyone may still edit the review's content in this state."""
    return status in BEWERKBAAR


# An activity the bestuurlijke regiekamer stopped (an adopted proposal to stop it) is not
# reviewed again: no new round, no further writing or submitting.
GESTOPT = (ActiviteitStatus.BEEINDIGD,)


def is_gestopt(activiteit_status: ActiviteitStatus | str) -> bool:
    return activiteit_status in GESTOPT


def mag_schrijven(
    status: BeoordelingStatus | str | None,
    actoren: frozenset[Actor],
    *,
    activiteit_status: ActiviteitStatus | str,
) -> bool:
    """Whether the actors may write an activity's review whose latest one is in `status`.

    No review yet, or the latest decided: the team starts a (new round's) review; never for an
    activity that was stopped.
    """
    if is_gestopt(activiteit_status):
        return False
    if status is None or status in BESLOTEN:
        return BEWERKBAAR[BEGIN] in actoren
    return mag_bewerken(status, actoren)
