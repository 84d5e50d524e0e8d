"""The seed: the region's facts, the demo data and the seed letter, loaded by laad_drechtsteden."""

from django.db import transaction

from drechtsteden.services import system_user
from transitie.seed.brief import load_seed_letter
from transitie.seed.demo import load_demo
from transitie.seed.feiten import continue_begroting, load_facts
from transitie.seed.laden import REDEN_DEMO, REDEN_FEIT, Loader, Verslag


@transaction.atomic
def load(*, demo: bool = False) -> Verslag:
    """Load the letter's facts and, if asked, the demo; then continue 2024 into 2025."""
    verslag = Verslag()
    user = system_user()
    load_facts(Loader(user=user, reden=REDEN_FEIT, verslag=verslag))
    if demo:
        load_demo(Loader(user=user, reden=REDEN_DEMO, verslag=verslag))
    # After the demo, so that the 2024 demo lines are continued too.
    continue_begroting(Loader(user=user, reden=REDEN_FEIT, verslag=verslag))
    load_seed_letter(Loader(user=user, reden=REDEN_FEIT, verslag=verslag))
    return verslag
