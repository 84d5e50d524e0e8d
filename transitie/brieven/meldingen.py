"""The letters' notifications: a draft waits for publication; a letter is published to the
councils (a link to the letter, never the PDF)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Permission
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from drechtsteden.constants import Rol
from drechtsteden.meldingen.constants import MeldingSoort
from drechtsteden.meldingen.services import meldingen_send
from drechtsteden.selectors import drechtsteden_list, users_with_role
from transitie.brieven.models import Raadsinformatiebrief


def _publiceerders():
    """Who may publish a letter: the holders of its permission (the bestuurlijke regiekamer and
    the beheerder, by their groups)."""
    recht = Permission.objects.get(
        content_type__app_label="transitie", codename="publish_raadsinformatiebrief"
    )
    return (
        get_user_model()
        .objects.filter(Q(groups__permissions=recht) | Q(user_permissions=recht), is_active=True)
        .distinct()
    )


def brief_klaar_meld(*, brief: Raadsinformatiebrief, acting_user: AbstractBaseUser) -> None:
    meldingen_send(
        soort=MeldingSoort.BRIEF_KLAAR,
        gebeurtenis=f"brief-klaar:{brief.uuid}",
        ontvangers=_publiceerders(),
        titel=_("Brief wacht op publicatie: %(titel)s") % {"titel": brief.titel},
        url=reverse("brieven:detail", kwargs={"brief_id": brief.uuid}),
        acting_user=acting_user,
    )


def brief_gepubliceerd_meld(*, brief: Raadsinformatiebrief, acting_user: AbstractBaseUser) -> None:
    """The council members of each council the letter went to (the seven)."""
    meldingen_send(
        soort=MeldingSoort.BRIEF_GEPUBLICEERD,
        gebeurtenis=f"brief-gepubliceerd:{brief.uuid}",
        ontvangers=users_with_role(Rol.RAADSLID).filter(profiel__gemeente__in=drechtsteden_list()),
        titel=_("Raadsinformatiebrief gepubliceerd: %(titel)s") % {"titel": brief.titel},
        url=reverse("brieven:detail", kwargs={"brief_id": brief.uuid}),
        acting_user=acting_user,
    )
