"""The Groeiagenda's budgets, lines, contributions and changes to the financial frameworks."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from drechtsteden.db import MONEY, choices_check, non_negative
from drechtsteden.models import Gemeente
from drechtsteden.validators import datum_in_bereik, tekst_max, toelichting_max
from thema.models import Thema
from transitie.brieven.models import Raadsinformatiebrief
from transitie.constants import (
    BijdrageBron,
    BijdrageStatus,
    PostSoort,
    RaadsbehandelingStatus,
)


class Begroting(models.Model):
    jaar = models.PositiveSmallIntegerField(_("jaar"), unique=True)
    naam = models.CharField(_("naam"), max_length=200)
    voortzetting_van = models.OneToOneField(
        "self",
        verbose_name=_("voortzetting van"),
        on_delete=models.PROTECT,
        related_name="voortzetting",
        null=True,
        blank=True,
    )
    budgetneutraal = models.BooleanField(_("budgetneutraal voortgezet"), default=False)
    toelichting = models.TextField(_("toelichting"), blank=True, validators=[toelichting_max()])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("begroting")
        verbose_name_plural = _("begrotingen")
        ordering = ["jaar"]
        constraints = [
            models.CheckConstraint(
                condition=Q(jaar__gte=2000, jaar__lte=2100), name="begroting_jaar_redelijk"
            ),
        ]

    def __str__(self) -> str:
        return self.naam


class Begrotingspost(models.Model):
    begroting = models.ForeignKey(
        Begroting, verbose_name=_("begroting"), on_delete=models.CASCADE, related_name="posten"
    )
    omschrijving = models.CharField(_("omschrijving"), max_length=300)
    soort = models.CharField(
        _("soort"), max_length=30, choices=PostSoort.choices, default=PostSoort.UITGAVE
    )
    thema = models.ForeignKey(
        Thema,
        verbose_name=_("thema"),
        on_delete=models.PROTECT,
        related_name="begrotingsposten",
        null=True,
        blank=True,
    )
    bedrag = models.DecimalField(_("bedrag"), **MONEY)
    is_demo = models.BooleanField(_("demodata"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("begrotingspost")
        verbose_name_plural = _("begrotingsposten")
        ordering = ["begroting", "omschrijving"]
        constraints = [
            non_negative("bedrag", "begrotingspost_bedrag_niet_negatief"),
            models.CheckConstraint(
                condition=choices_check("soort", PostSoort), name="begrotingspost_soort_geldig"
            ),
        ]

    def __str__(self) -> str:
        return self.omschrijving


class Bijdrage(models.Model):
    """Money towards a year's budget, from a municipality, the surroundings, a subsidy or other."""

    begroting = models.ForeignKey(
        Begroting, verbose_name=_("begroting"), on_delete=models.CASCADE, related_name="bijdragen"
    )
    bron = models.CharField(_("bron"), max_length=30, choices=BijdrageBron.choices)
    gemeente = models.ForeignKey(
        Gemeente,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="bijdragen",
        null=True,
        blank=True,
    )
    omschrijving = models.CharField(_("omschrijving"), max_length=300)
    bedrag = models.DecimalField(_("bedrag"), **MONEY)
    status = models.CharField(
        _("status"), max_length=20, choices=BijdrageStatus.choices, default=BijdrageStatus.VERWACHT
    )
    is_demo = models.BooleanField(_("demodata"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bijdrage")
        verbose_name_plural = _("bijdragen")
        ordering = ["begroting", "bron", "omschrijving"]
        constraints = [
            non_negative("bedrag", "bijdrage_bedrag_niet_negatief"),
            models.CheckConstraint(
                condition=choices_check("bron", BijdrageBron), name="bijdrage_bron_geldig"
            ),
            models.CheckConstraint(
                condition=choices_check("status", BijdrageStatus), name="bijdrage_status_geldig"
            ),
            models.CheckConstraint(
                condition=Q(bron=BijdrageBron.GEMEENTE, gemeente__isnull=False)
                | (~Q(bron=BijdrageBron.GEMEENTE) & Q(gemeente__isnull=True)),
                name="bijdrage_gemeente_bij_bron_gemeente",
                violation_error_message=_("Een bijdrage van een gemeente noemt die gemeente."),
            ),
        ]

    def __str__(self) -> str:
        return self.omschrijving


class Kaderwijziging(models.Model):
    """A change to the financial frameworks; it holds only once all seven councils adopted it."""

    titel = models.CharField(_("titel"), max_length=300)
    omschrijving = models.TextField(_("omschrijving"), blank=True, validators=[tekst_max()])
    bedrag = models.DecimalField(
        _("financieel effect"),
        help_text=_("Het effect op de kaders in euro, waar dat van toepassing is."),
        null=True,
        blank=True,
        **MONEY,
    )
    datum = models.DateField(_("datum"), validators=[datum_in_bereik])
    brief = models.ForeignKey(
        Raadsinformatiebrief,
        verbose_name=_("aangekondigd in brief"),
        on_delete=models.PROTECT,
        related_name="kaderwijzigingen",
        null=True,
        blank=True,
    )
    is_demo = models.BooleanField(_("demodata"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kaderwijziging")
        verbose_name_plural = _("kaderwijzigingen")
        ordering = ["-datum", "-id"]

    def __str__(self) -> str:
        return self.titel


class Raadsbehandeling(models.Model):
    """Where one of the seven councils stands on one change to the financial frameworks."""

    kaderwijziging = models.ForeignKey(
        Kaderwijziging,
        verbose_name=_("kaderwijziging"),
        on_delete=models.CASCADE,
        related_name="raadsbehandelingen",
    )
    gemeente = models.ForeignKey(
        Gemeente,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="raadsbehandelingen",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RaadsbehandelingStatus.choices,
        default=RaadsbehandelingStatus.VOORGELEGD,
    )
    datum = models.DateField(_("datum"), validators=[datum_in_bereik])
    toelichting = models.TextField(_("toelichting"), blank=True, validators=[toelichting_max()])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("raadsbehandeling")
        verbose_name_plural = _("raadsbehandelingen")
        ordering = ["kaderwijziging", "gemeente__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["kaderwijziging", "gemeente"],
                name="raadsbehandeling_uniek",
                violation_error_message=_("Deze raad behandelt deze kaderwijziging al."),
            ),
            models.CheckConstraint(
                condition=choices_check("status", RaadsbehandelingStatus),
                name="raadsbehandeling_status_geldig",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kaderwijziging}: {self.gemeente} ({self.get_status_display()})"
