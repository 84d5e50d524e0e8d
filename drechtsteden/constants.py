"""The region's fixed vocabulary: the roles of the portal's users."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rol(models.TextChoices):
    """The roles, kept as Django groups of the same name."""

    AMBTENAAR = "Ambtenaar", _("Ambtenaar")
    AMBTELIJKE_REGIEKAMER = "Ambtelijke regiekamer", _("Ambtelijke regiekamer")
    BESTUURLIJKE_REGIEKAMER = "Bestuurlijke regiekamer", _("Bestuurlijke regiekamer")
    RAADSLID = "Raadslid", _("Raadslid")
    BEHEERDER = "Beheerder", _("Beheerder")


CBS_CODE_REGEX = r"^GM[0-9]{4}$"
