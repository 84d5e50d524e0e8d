"""The content layer's notifications: a review submitted to the ambtelijke regiekamer."""

from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse
from django.utils.translation import gettext as _

from drechtsteden.constants import Rol
from drechtsteden.meldingen.constants import MeldingSoort
from drechtsteden.meldingen.services import meldingen_send
from drechtsteden.selectors import users_with_role
from thema.models import Beoordeling


def beoordeling_ingediend_meld(*, beoordeling: Beoordeling, acting_user: AbstractBaseUser) -> None:
    """Tell the ambtelijke regiekamer that a review waits for its advice (title and link only)."""
    meldingen_send(
        soort=MeldingSoort.BEOORDELING_INGEDIEND,
        gebeurtenis=f"beoordeling-ingediend:{beoordeling.pk}:{beoordeling.versie}",
        ontvangers=users_with_role(Rol.AMBTELIJKE_REGIEKAMER),
        titel=_("Beoordeling ingediend: %(activiteit)s") % {"activiteit": beoordeling.activiteit},
        # The advice form's URL by name: thema never imports the regiekamer's code.
        url=reverse("regiekamer:advies", kwargs={"pk": beoordeling.pk}),
        acting_user=acting_user,
    )
