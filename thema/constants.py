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


class Score(models.IntegerChoices):
    """What a score of 1 to 5 means, in the words of the form."""

    ZEER_LAAG = 1, _("1 — nauwelijks of niet")
    LAAG = 2, _("2 — in beperkte mate")
    REDELIJK = 3, _("3 — redelijk")
    HOOG = 4, _("4 — in grote mate")
    ZEER_HOOG = 5, _("5 — in zeer grote mate")


# What each criterion asks, as the review form and the pages explain it (the seed's wording).
SCORE_VRAGEN = {
    "score_lokaal": _(
        "In hoeverre draagt de activiteit bij aan de lokale doelen van de gemeenten?"
    ),
    "score_regionaal": _("In hoeverre draagt de activiteit bij aan de regionale doelen?"),
    "score_organisatie": _(
        "In hoeverre is de activiteit logisch en effectief georganiseerd, gelet op de omgeving, "
        "de triple-helixpartners (bedrijfsleven, kennisinstellingen, overheid) en open "
        "samenwerking?"
    ),
}
