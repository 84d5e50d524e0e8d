"""The kinds of notification, the e-mail choices per kind and the states of a delivery."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeldingSoort(models.TextChoices):
    BEOORDELING_INGEDIEND = "beoordeling_ingediend", _("Beoordeling ingediend")
    BEOORDELING_TERUGVERWEZEN = "beoordeling_terugverwezen", _("Beoordeling terugverwezen")
    ADVIES_GEGEVEN = "advies_gegeven", _("Voorstel op de agenda (advies gegeven)")
    BESLUIT_GENOMEN = "besluit_genomen", _("Besluit genomen")
    BRIEF_KLAAR = "brief_klaar", _("Brief wacht op publicatie")
    BRIEF_GEPUBLICEERD = "brief_gepubliceerd", _("Brief gepubliceerd")
    TOEZEGGING = "toezegging", _("Toezegging binnenkort of te laat")
    MIJLPAAL = "mijlpaal", _("Mijlpaal te laat")


class MailKeuze(models.TextChoices):
    DIRECT = "direct", _("Direct per e-mail")
    SAMENVATTING = "samenvatting", _("In de dagelijkse samenvatting")
    GEEN = "geen", _("Niet per e-mail (alleen in het portaal)")


class BezorgStatus(models.TextChoices):
    WACHTEND = "wachtend", _("Wacht op verzending")
    VERZONDEN = "verzonden", _("Verzonden")
    MISLUKT = "mislukt", _("Mislukt")
    GEEN_MAIL = "geen_mail", _("Niet per e-mail")


# A failed send is tried again after 1, 2, 4, 8 ... minutes, and given up after this many tries.
MAX_POGINGEN = 6
EERSTE_WACHTTIJD_SECONDEN = 60
