"""Choices of the process layer: regiekamers, decisions, plan, finance and letters."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegiekamerSoort(models.TextChoices):
    AMBTELIJK = "ambtelijk", _("Ambtelijke regiekamer")
    BESTUURLIJK = "bestuurlijk", _("Bestuurlijke regiekamer")


class LidRol(models.TextChoices):
    VOORZITTER = "voorzitter", _("Voorzitter")
    LID = "lid", _("Lid")
    SECRETARIS = "secretaris", _("Secretaris")


class AdviesOordeel(models.TextChoices):
    POSITIEF = "positief", _("Positief")
    NEGATIEF = "negatief", _("Negatief")
    POSITIEF_MET_AANPASSINGEN = "positief_met_aanpassingen", _("Positief met aanpassingen")


class AdviesVervolg(models.TextChoices):
    AGENDEREN = "agenderen", _("Agenderen voor de bestuurlijke regiekamer")
    TERUGVERWIJZEN = "terugverwijzen", _("Terugverwijzen naar het themateam")


class StemKeuze(models.TextChoices):
    INSTEMMEN = "instemmen", _("Instemmen")
    TEGEN = "tegen", _("Tegen")
    ONTHOUDEN = "onthouden", _("Onthouden")


class BesluitUitkomst(models.TextChoices):
    AANGENOMEN = "aangenomen", _("Aangenomen")
    VERWORPEN = "verworpen", _("Verworpen")


class Herkomst(models.TextChoices):
    VOORZITTER = "voorzitter", _("Voorzitter van de regio")
    VICE_VOORZITTER = "vice_voorzitter", _("Vice-voorzitter van de regio")


class Inzicht(models.IntegerChoices):
    WERKWIJZE = 1, _("Meer ruimte om per ambitie en thema de werkwijze te kiezen")
    BALANS = 2, _("Betere balans tussen de partijen in de mate waarin zij instappen")
    NETWERKREGIE = 3, _("Een stevigere plek voor de netwerkregie in de samenwerking")


class MijlpaalStatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    BEZIG = "bezig", _("Bezig")
    GEREED = "gereed", _("Gereed")
    VERVALLEN = "vervallen", _("Vervallen")


class PostSoort(models.TextChoices):
    UITGAVE = "uitgave", _("Uitgave")
    OVERGEHEVELD_TEKORT = "overgeheveld_tekort", _("Overgeheveld tekort")


class BijdrageBron(models.TextChoices):
    GEMEENTE = "gemeente", _("Gemeente")
    OMLIGGENDE_GEMEENTEN = "omliggende_gemeenten", _("Omliggende gemeenten")
    SUBSIDIE = "subsidie", _("Subsidie")
    OVERIG = "overig", _("Overig")


class BijdrageStatus(models.TextChoices):
    VERWACHT = "verwacht", _("Verwacht")
    TOEGEZEGD = "toegezegd", _("Toegezegd")
    ONTVANGEN = "ontvangen", _("Ontvangen")


class BriefStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    GEPUBLICEERD = "gepubliceerd", _("Gepubliceerd")


class OpdrachtStatus(models.TextChoices):
    """Where a request to publish a letter stands (see `Publicatieopdracht`)."""

    BEZIG = "bezig", _("Bezig")
    GEPUBLICEERD = "gepubliceerd", _("Gepubliceerd")
    MISLUKT = "mislukt", _("Mislukt")


class StapStatus(models.TextChoices):
    """Where one council's PDF of a publishing request stands (see `Publicatiestap`)."""

    WACHTEND = "wachtend", _("In de wachtrij")
    BEZIG = "bezig", _("Wordt gemaakt")
    KLAAR = "klaar", _("Klaar")
    MISLUKT = "mislukt", _("Mislukt")


class SectieSoort(models.TextChoices):
    """The sections of a raadsinformatiebrief, in the seed letter's order."""

    INLEIDING = "inleiding", _("Inleiding")
    KERNBOODSCHAP = "kernboodschap", _("Kernboodschap")
    CONSEQUENTIES = "consequenties", _("Consequenties")
    VERVOLG = "vervolg", _("Vervolg")
    BIJLAGEN = "bijlagen", _("Bijlage(n)")


class RaadsbehandelingStatus(models.TextChoices):
    """Where one council stands on a change to the financial frameworks."""

    VOORGELEGD = "voorgelegd", _("Voorgelegd")
    VASTGESTELD = "vastgesteld", _("Vastgesteld")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
