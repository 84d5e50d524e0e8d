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
    # Decided: named as the decision names its outcome (docs/begrippen.md); the stored values
    # stay, "vastgesteld" is the word for a council's decision on a kaderwijziging.
    VASTGESTELD = "vastgesteld", _("Aangenomen")
    AFGEWEZEN = "afgewezen", _("Verworpen")


class Voorstel(models.TextChoices):
    DOORZETTEN = "doorzetten", _("Doorzetten in dezelfde vorm")
    HERGROEPEREN = "hergroeperen", _("Hergroeperen in een andere coalitie")
    STOPPEN = "stoppen", _("Stoppen")
    TOEVOEGEN = "toevoegen", _("Nieuwe activiteit toevoegen")


# A proposal as the title of its decision: "Stoppen van Skills-paspoort" (docs/begrippen.md).
VOORSTEL_TITELS = {
    Voorstel.DOORZETTEN: _("Doorzetten van %(activiteit)s"),
    Voorstel.HERGROEPEREN: _("Hergroeperen van %(activiteit)s"),
    Voorstel.STOPPEN: _("Stoppen van %(activiteit)s"),
    Voorstel.TOEVOEGEN: _("Toevoegen van %(activiteit)s"),
}


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

# The one list of a review's content fields, in the form's order. The form, the services (what a
# save writes and compares), the conflict message and the history tab all derive from it.
BEDRAG_VELD = "bedrag_{jaar}"  # a year's financial consequence, as a form field
BEOORDELING_VELDEN = (
    "score_lokaal",
    "score_regionaal",
    "score_organisatie",
    "prioriteit",
    "onderbouwing",
    "voorstel",
    "coalitievorm",
    "voorgestelde_gemeenten",
    "voorgestelde_partners",
    "nieuwe_activiteit_naam",
    "nieuwe_activiteit_beschrijving",
    *(BEDRAG_VELD.format(jaar=jaar) for jaar in CONSEQUENTIE_JAREN),
)
M2M_VELDEN = ("voorgestelde_gemeenten", "voorgestelde_partners")  # the proposed coalition
BEDRAG_VELDEN = tuple(BEDRAG_VELD.format(jaar=jaar) for jaar in CONSEQUENTIE_JAREN)
# The review's own columns among them.
SCALAIRE_VELDEN = tuple(
    veld for veld in BEOORDELING_VELDEN if veld not in M2M_VELDEN and veld not in BEDRAG_VELDEN
)


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
