"""The review's state machine, walked as a table (thema/workflow.py)."""

import pytest

from thema import workflow
from thema.constants import ActiviteitStatus
from thema.constants import BeoordelingStatus as S
from thema.workflow import Actie, Actor, OvergangNietToegestaan

TEAM = frozenset({Actor.THEMATEAM})
AMBTELIJK = frozenset({Actor.AMBTELIJKE_REGIEKAMER})
BESTUURLIJK = frozenset({Actor.BESTUURLIJKE_REGIEKAMER})


@pytest.mark.parametrize(
    ("actie", "van", "naar"),
    [
        (Actie.INDIENEN, S.CONCEPT, S.INGEDIEND),
        (Actie.ADVISEREN, S.INGEDIEND, S.GEADVISEERD),
        (Actie.TERUGVERWIJZEN, S.INGEDIEND, S.CONCEPT),
        (Actie.VASTSTELLEN, S.GEADVISEERD, S.VASTGESTELD),
        (Actie.AFWIJZEN, S.GEADVISEERD, S.AFGEWEZEN),
    ],
)
def test_each_step_goes_from_one_state_to_the_next(actie, van, naar):
    assert workflow.overgang(actie, van).naar == naar


@pytest.mark.parametrize("status", [S.CONCEPT, S.GEADVISEERD, S.VASTGESTELD, S.AFGEWEZEN])
def test_advice_is_only_given_on_a_submitted_review(status):
    with pytest.raises(OvergangNietToegestaan):
        workflow.overgang(Actie.ADVISEREN, status)


def test_a_decided_review_allows_no_step_to_anyone():
    iedereen = TEAM | AMBTELIJK | BESTUURLIJK
    for status in workflow.BESLOTEN:
        assert workflow.toegestane_overgangen(status, iedereen) == ()
        assert not workflow.mag_bewerken(status, iedereen)


def test_each_review_waits_for_the_actor_of_its_next_step():
    assert workflow.wacht_op(Actor.THEMATEAM) == (S.CONCEPT,)
    assert workflow.wacht_op(Actor.AMBTELIJKE_REGIEKAMER) == (S.INGEDIEND,)
    assert workflow.wacht_op(Actor.BESTUURLIJKE_REGIEKAMER) == (S.GEADVISEERD,)


def test_the_groups_of_states_cover_every_state_once():
    assert set(workflow.OPEN) | set(workflow.BESLOTEN) == set(S)
    assert not set(workflow.OPEN) & set(workflow.BESLOTEN)
    assert set(workflow.IN_BEHANDELING) < set(workflow.OPEN)
    assert workflow.AANGENOMEN in workflow.BESLOTEN


def test_only_the_team_edits_and_only_a_concept():
    assert workflow.mag_bewerken(S.CONCEPT, TEAM)
    assert not workflow.mag_bewerken(S.CONCEPT, AMBTELIJK)
    assert not workflow.mag_bewerken(S.INGEDIEND, TEAM)
    assert workflow.ALLEEN_VOOR_OPSTELLERS == (S.CONCEPT,)


@pytest.mark.parametrize(
    ("laatste", "actoren", "mag"),
    [
        (None, TEAM, True),  # no review yet: the team starts one
        (S.VASTGESTELD, TEAM, True),  # decided: a new round
        (S.INGEDIEND, TEAM, False),
        (None, AMBTELIJK, False),
    ],
)
def test_who_may_write_an_activitys_review(laatste, actoren, mag):
    assert (
        workflow.mag_schrijven(laatste, actoren, activiteit_status=ActiviteitStatus.ACTIEF) is mag
    )


@pytest.mark.parametrize("laatste", [None, S.VASTGESTELD, S.CONCEPT])
def test_nobody_writes_a_review_of_a_stopped_activity(laatste):
    assert not workflow.mag_schrijven(laatste, TEAM, activiteit_status=ActiviteitStatus.BEEINDIGD)
