"""The daily notifications of the process: a toezegging due within 14 days or overdue, and an
overdue milestone, each to its owner. Run by `manage.py verstuur_samenvatting`; every event has
its own key, so running twice a day tells nobody twice."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Permission
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from drechtsteden.meldingen.constants import MeldingSoort
from drechtsteden.meldingen.services import meldingen_send
from transitie.brieven.models import Toezegging
from transitie.plan.models import Mijlpaal
from transitie.plan.selectors import OPEN_STATUSSEN
from transitie.regiekamer.models import Lidmaatschap
from transitie.regiekamer.selectors import bestuurlijke_zetels, lidmaatschap_lopend

TOEZEGGING_VOORUIT = datetime.timedelta(days=14)


def _toezegging_eigenaren(toezegging: Toezegging):
    """Who settles it: the holders of the right to settle (the regiekamers), of its council
    when it was made to one council."""
    recht = Permission.objects.get(
        content_type__app_label="transitie", codename="afdoen_toezegging"
    )
    eigenaren = get_user_model().objects.filter(
        Q(groups__permissions=recht) | Q(user_permissions=recht), is_active=True
    )
    if toezegging.gemeente_id is not None:
        eigenaren = eigenaren.filter(profiel__gemeente_id=toezegging.gemeente_id)
    return eigenaren.distinct()


def _mijlpaal_eigenaren(mijlpaal: Mijlpaal, today: datetime.date) -> list:
    """Its regiekamer's current members, or its municipality's alderman in the regiekamer."""
    if mijlpaal.eigenaar_regiekamer_id is not None:
        leden = Lidmaatschap.objects.filter(
            lidmaatschap_lopend(today), regiekamer_id=mijlpaal.eigenaar_regiekamer_id
        ).select_related("gebruiker")
        return [lid.gebruiker for lid in leden]
    zetel = bestuurlijke_zetels(today).get(mijlpaal.eigenaar_gemeente_id)
    return [zetel.gebruiker] if zetel else []


def termijnen_meld(*, today: datetime.date, acting_user: AbstractBaseUser) -> int:
    """Notify the owners of open toezeggingen due within 14 days or overdue, and of open
    milestones past their deadline. Returns the number of notifications made."""
    aantal = 0
    toezeggingen = Toezegging.objects.filter(
        afgedaan_op__isnull=True, verwacht_op__lte=today + TOEZEGGING_VOORUIT
    ).select_related("brief")
    for toezegging in toezeggingen:
        te_laat = toezegging.verwacht_op < today
        sjabloon = (
            _("Toezegging te laat (verwacht %(datum)s): %(tekst)s")
            if te_laat
            else _("Toezegging verwacht op %(datum)s: %(tekst)s")
        )
        aantal += len(
            meldingen_send(
                soort=MeldingSoort.TOEZEGGING,
                gebeurtenis=f"toezegging-{'te-laat' if te_laat else 'binnenkort'}:{toezegging.pk}",
                ontvangers=_toezegging_eigenaren(toezegging),
                titel=sjabloon
                % {"datum": date_format(toezegging.verwacht_op, "j F Y"), "tekst": toezegging},
                url=reverse("brieven:toezegging_afdoen", kwargs={"pk": toezegging.pk}),
                acting_user=acting_user,
            )
        )
    for mijlpaal in Mijlpaal.objects.filter(status__in=OPEN_STATUSSEN, deadline__lt=today):
        aantal += len(
            meldingen_send(
                soort=MeldingSoort.MIJLPAAL,
                gebeurtenis=f"mijlpaal-te-laat:{mijlpaal.pk}:{mijlpaal.deadline.isoformat()}",
                ontvangers=_mijlpaal_eigenaren(mijlpaal, today),
                titel=_("Mijlpaal te laat (deadline %(datum)s): %(titel)s")
                % {"datum": date_format(mijlpaal.deadline, "j F Y"), "titel": mijlpaal.titel},
                url=reverse("plan:mijlpaal_bewerken", kwargs={"pk": mijlpaal.pk}),
                acting_user=acting_user,
            )
        )
    return aantal
