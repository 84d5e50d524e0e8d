"""Choices of the content layer: partners, activities and their reviews."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerSoort(models.TextChoices):
    BEDRIJFSLEVEN = "bedrijfsleven", _("Bedrijfsleven")
    KENNISINSTELLING = "kennisinstelling", _("Kennisinstelling")
    OVERHEID = "overheid", _("Overheid of buurgemeente")
    MAATSCHAPPELIJK = "maatschappelijk", _("Maatschappelijke organisatie")


class ActiviteitStatus(models.TextChoices):
    VOORGESTELD = "voorgesteld", _("Voorgesteld")
    ACTIEF = "actief", _("Actief")
    BEEINDIGD = "beeindigd", _("Beëindigd")


class BeoordelingStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    INGEDIEND = "ingediend", _("Ingediend")
    GEADVISEERD = "geadviseerd", _("Geadviseerd")
    VASTGESTELD = "vastgesteld", _("Vastgesteld")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


BESLOTEN_STATUSSEN = (BeoordelingStatus.VASTGESTELD, BeoordelingStatus.AFGEWEZEN)


class Voorstel(models.TextChoices):
    DOORZETTEN = "doorzetten", _("Doorzetten in dezelfde vorm")
    HERGROEPEREN = "hergroeperen", _("Hergroeperen in een andere coalitie")
    STOPPEN = "stoppen", _("Stoppen")
    TOEVOEGEN = "toevoegen", _("Nieuwe activiteit toevoegen")


class Coalitievorm(models.TextChoices):
    KLEINER = "kleiner", _("Kleiner")
    ANDERSOORTIG = "andersoortig", _("Andersoortig")
    GROTER = "groter", _("Groter")


class Prioriteit(models.TextChoices):
    HOOG = "hoog", _("Hoog")
    MIDDEL = "middel", _("Middel")
    LAAG = "laag", _("Laag")


SCORE_MIN = 1
SCORE_MAX = 5
CONSEQUENTIE_JAREN = range(2025, 2029)
