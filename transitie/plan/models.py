"""The transition plan, its recommendations and milestones."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from drechtsteden.db import choices_check
from drechtsteden.models import Gemeente
from drechtsteden.validators import datum_in_bereik, toelichting_max
from transitie.constants import (
    Inzicht,
    MijlpaalStatus,
)
from transitie.regiekamer.models import Regiekamer


class Transitieplan(models.Model):
    naam = models.CharField(_("naam"), max_length=200, unique=True)
    deadline = models.DateField(_("uiterste datum van implementatie"), validators=[datum_in_bereik])
    vastgesteld_op = models.DateField(
        _("vastgesteld op"), null=True, blank=True, validators=[datum_in_bereik]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("transitieplan")
        verbose_name_plural = _("transitieplannen")

    def __str__(self) -> str:
        return self.naam


class Aanbeveling(models.Model):
    """A recommendation of the advisory report, resting on one of its three insights."""

    transitieplan = models.ForeignKey(
        Transitieplan,
        verbose_name=_("transitieplan"),
        on_delete=models.PROTECT,
        related_name="aanbevelingen",
    )
    nummer = models.PositiveSmallIntegerField(_("nummer"))
    inzicht = models.PositiveSmallIntegerField(_("inzicht"), choices=Inzicht.choices)
    titel = models.CharField(_("titel"), max_length=300)
    toelichting = models.TextField(_("toelichting"), blank=True, validators=[toelichting_max()])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aanbeveling")
        verbose_name_plural = _("aanbevelingen")
        ordering = ["transitieplan", "nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["transitieplan", "nummer"], name="aanbeveling_nummer_uniek"
            ),
            models.CheckConstraint(
                condition=Q(inzicht__in=Inzicht.values), name="aanbeveling_inzicht_1_tot_3"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nummer}. {self.titel}"


class Mijlpaal(models.Model):
    aanbeveling = models.ForeignKey(
        Aanbeveling,
        verbose_name=_("aanbeveling"),
        on_delete=models.PROTECT,
        related_name="mijlpalen",
    )
    titel = models.CharField(_("titel"), max_length=300)
    eigenaar_regiekamer = models.ForeignKey(
        Regiekamer,
        verbose_name=_("eigenaar (regiekamer)"),
        on_delete=models.PROTECT,
        related_name="mijlpalen",
        null=True,
        blank=True,
    )
    eigenaar_gemeente = models.ForeignKey(
        Gemeente,
        verbose_name=_("eigenaar (gemeente)"),
        on_delete=models.PROTECT,
        related_name="mijlpalen",
        null=True,
        blank=True,
    )
    deadline = models.DateField(_("deadline"), validators=[datum_in_bereik])
    reden_na_plandeadline = models.TextField(
        _("reden voor een deadline na die van het plan"),
        blank=True,
        validators=[toelichting_max()],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MijlpaalStatus.choices, default=MijlpaalStatus.GEPLAND
    )
    gereed_op = models.DateField(
        _("gereed op"), null=True, blank=True, validators=[datum_in_bereik]
    )
    afhankelijk_van = models.ManyToManyField(
        "self",
        verbose_name=_("afhankelijk van"),
        symmetrical=False,
        related_name="voorwaarde_voor",
        blank=True,
    )
    is_demo = models.BooleanField(_("demodata"), default=False)

    history = HistoricalRecords(m2m_fields=[afhankelijk_van])

    class Meta:
        verbose_name = _("mijlpaal")
        verbose_name_plural = _("mijlpalen")
        ordering = ["deadline", "titel"]
        permissions = [("aftekenen_mijlpaal", _("Kan een mijlpaal als gereed aftekenen"))]
        constraints = [
            models.CheckConstraint(
                condition=choices_check("status", MijlpaalStatus), name="mijlpaal_status_geldig"
            ),
            models.CheckConstraint(
                condition=Q(eigenaar_regiekamer__isnull=True, eigenaar_gemeente__isnull=False)
                | Q(eigenaar_regiekamer__isnull=False, eigenaar_gemeente__isnull=True),
                name="mijlpaal_een_eigenaar",
                violation_error_message=_(
                    "Een mijlpaal heeft één eigenaar: een regiekamer of een gemeente."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status=MijlpaalStatus.GEREED, gereed_op__isnull=False)
                | (~Q(status=MijlpaalStatus.GEREED) & Q(gereed_op__isnull=True)),
                name="mijlpaal_gereed_met_datum",
                violation_error_message=_("Een mijlpaal die gereed is, heeft een datum gereed."),
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    @property
    def eigenaar(self) -> Regiekamer | Gemeente | None:
        return self.eigenaar_regiekamer or self.eigenaar_gemeente
