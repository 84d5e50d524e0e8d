"""Regiekamers, their members, and the advice, votes and decisions on reviews."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from drechtsteden.db import choices_check
from drechtsteden.models import Gemeente
from drechtsteden.validators import datum_in_bereik, toelichting_max
from thema.models import Beoordeling
from transitie.constants import (
    AdviesOordeel,
    AdviesVervolg,
    BesluitUitkomst,
    Herkomst,
    LidRol,
    RegiekamerSoort,
    StemKeuze,
)
from transitie.onveranderlijk import BeslotenVoorstelModel, OnveranderlijkModel


class Regiekamer(models.Model):
    soort = models.CharField(
        _("soort"), max_length=20, choices=RegiekamerSoort.choices, unique=True
    )
    naam = models.CharField(_("naam"), max_length=200)
    ingesteld_op = models.DateField(
        _("ingesteld op"), null=True, blank=True, validators=[datum_in_bereik]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("regiekamer")
        verbose_name_plural = _("regiekamers")
        ordering = ["soort"]
        constraints = [
            models.CheckConstraint(
                condition=choices_check("soort", RegiekamerSoort), name="regiekamer_soort_geldig"
            ),
        ]

    def __str__(self) -> str:
        return self.naam


class Lidmaatschap(models.Model):
    """A person representing a municipality in a regiekamer, from one date to another."""

    regiekamer = models.ForeignKey(
        Regiekamer, verbose_name=_("regiekamer"), on_delete=models.PROTECT, related_name="leden"
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        on_delete=models.PROTECT,
        related_name="lidmaatschappen",
    )
    gemeente = models.ForeignKey(
        Gemeente,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="lidmaatschappen",
    )
    rol = models.CharField(_("rol"), max_length=20, choices=LidRol.choices, default=LidRol.LID)
    van = models.DateField(_("van"), validators=[datum_in_bereik])
    tot = models.DateField(_("tot en met"), null=True, blank=True, validators=[datum_in_bereik])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["regiekamer", "gemeente__naam", "-van"]
        constraints = [
            models.CheckConstraint(
                condition=choices_check("rol", LidRol), name="lidmaatschap_rol_geldig"
            ),
            models.CheckConstraint(
                condition=Q(tot__isnull=True) | Q(tot__gte=F("van")),
                name="lidmaatschap_tot_na_van",
                violation_error_message=_("De einddatum ligt niet voor de begindatum."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gebruiker} ({self.gemeente}, {self.regiekamer})"


class Verantwoordelijkheid(models.Model):
    """A responsibility that moved from the region's chair or vice-chair to the regiekamer."""

    omschrijving = models.CharField(_("omschrijving"), max_length=300, unique=True)
    herkomst = models.CharField(_("belegd bij"), max_length=20, choices=Herkomst.choices)
    regiekamer = models.ForeignKey(
        Regiekamer,
        verbose_name=_("regiekamer"),
        on_delete=models.PROTECT,
        related_name="verantwoordelijkheden",
    )
    houder = models.ForeignKey(
        Lidmaatschap,
        verbose_name=_("houder"),
        on_delete=models.PROTECT,
        related_name="verantwoordelijkheden",
        null=True,
        blank=True,
    )
    sinds = models.DateField(_("sinds"), null=True, blank=True, validators=[datum_in_bereik])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("verantwoordelijkheid")
        verbose_name_plural = _("verantwoordelijkheden")
        ordering = ["omschrijving"]
        constraints = [
            models.CheckConstraint(
                condition=choices_check("herkomst", Herkomst),
                name="verantwoordelijkheid_herkomst_geldig",
            ),
        ]

    def __str__(self) -> str:
        return self.omschrijving


class Advies(BeslotenVoorstelModel):
    """The ambtelijke regiekamer's advice on a submitted review."""

    beoordeling = models.ForeignKey(
        Beoordeling,
        verbose_name=_("beoordeling"),
        on_delete=models.PROTECT,
        related_name="adviezen",
    )
    oordeel = models.CharField(_("oordeel"), max_length=30, choices=AdviesOordeel.choices)
    toelichting = models.TextField(_("toelichting"), validators=[toelichting_max()])
    vervolg = models.CharField(_("vervolg"), max_length=20, choices=AdviesVervolg.choices)
    reden_terugverwijzing = models.TextField(
        _("reden van terugverwijzing"), blank=True, validators=[toelichting_max()]
    )
    gegeven_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gegeven door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    gegeven_op = models.DateTimeField(_("gegeven op"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("advies")
        verbose_name_plural = _("adviezen")
        ordering = ["-gegeven_op"]
        permissions = [("agenderen_advies", _("Kan een advies agenderen of terugverwijzen"))]
        constraints = [
            models.CheckConstraint(
                condition=choices_check("oordeel", AdviesOordeel), name="advies_oordeel_geldig"
            ),
            models.CheckConstraint(
                condition=choices_check("vervolg", AdviesVervolg), name="advies_vervolg_geldig"
            ),
            models.CheckConstraint(
                condition=~Q(vervolg=AdviesVervolg.TERUGVERWIJZEN) | ~Q(reden_terugverwijzing=""),
                name="advies_terugverwijzing_met_reden",
                violation_error_message=_("Geef de reden van terugverwijzing."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_oordeel_display()}: {self.beoordeling}"


class Stem(BeslotenVoorstelModel):
    """One municipality's vote on a proposal, cast by its member of the bestuurlijke regiekamer."""

    beoordeling = models.ForeignKey(
        Beoordeling, verbose_name=_("voorstel"), on_delete=models.PROTECT, related_name="stemmen"
    )
    gemeente = models.ForeignKey(
        Gemeente, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="stemmen"
    )
    keuze = models.CharField(_("keuze"), max_length=20, choices=StemKeuze.choices)
    toelichting = models.TextField(_("toelichting"), blank=True, validators=[toelichting_max()])
    uitgebracht_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uitgebracht door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uitgebracht_op = models.DateTimeField(_("uitgebracht op"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("stem")
        verbose_name_plural = _("stemmen")
        ordering = ["gemeente__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["beoordeling", "gemeente"],
                name="stem_een_per_gemeente",
                violation_error_message=_("Deze gemeente heeft al gestemd op dit voorstel."),
            ),
            models.CheckConstraint(
                condition=choices_check("keuze", StemKeuze), name="stem_keuze_geldig"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente}: {self.get_keuze_display()}"


class Besluit(OnveranderlijkModel):
    """The bestuurlijke regiekamer's decision on a proposal; immutable once taken."""

    onveranderlijk_bericht = _("Een genomen besluit verandert niet meer.")

    beoordeling = models.OneToOneField(
        Beoordeling, verbose_name=_("voorstel"), on_delete=models.PROTECT, related_name="besluit"
    )
    uitkomst = models.CharField(_("uitkomst"), max_length=20, choices=BesluitUitkomst.choices)
    besloten_op = models.DateTimeField(_("besloten op"))
    toelichting = models.TextField(_("toelichting"), blank=True, validators=[toelichting_max()])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["-besloten_op"]
        constraints = [
            models.CheckConstraint(
                condition=choices_check("uitkomst", BesluitUitkomst),
                name="besluit_uitkomst_geldig",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_uitkomst_display()}: {self.beoordeling}"
