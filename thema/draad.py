"""The hook through which the process layer threads an activity to what became of its reviews.

thema does not know the regiekamers or the letters (DESIGN.md: dependencies point down). The
process layer registers one function from its AppConfig.ready (`draad_registreer`); the activity
page asks `activiteit_draad` and includes the templates the thread names. With nothing registered
the page shows the reviews alone.
"""

from collections.abc import Callable
from typing import Protocol

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from thema.models import Activiteit


class Draad(Protocol):
    """What the activity page needs of a thread; the rest is the templates' business."""

    template: str  # the activity's state in words, with its links; gets `draad`
    ronde_template: str  # the links of one round's review; gets `r` (from `ronde`)

    def ronde(self, ronde: int) -> object | None: ...


DraadAanbieder = Callable[..., Draad]
_aanbieder: list[DraadAanbieder] = []


def draad_registreer(aanbieder: DraadAanbieder) -> None:
    """Called once by the process layer: `aanbieder(user=..., activiteit=...)` returns a Draad."""
    _aanbieder[:] = [aanbieder]


def activiteit_draad(*, user: AbstractBaseUser | AnonymousUser, activiteit: Activiteit):
    """The thread of the activity as `user` may see it; None when no layer offers one."""
    if not _aanbieder:
        return None
    return _aanbieder[0](user=user, activiteit=activiteit)
