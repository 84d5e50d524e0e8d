"""The region: its municipalities and the people who work in the portal."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from drechtsteden.constants import CBS_CODE_REGEX


class Gemeente(models.Model):
    naam = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    cbs_code = models.CharField(
        _("CBS-code"), max_length=6, unique=True, help_text=_("Bijvoorbeeld GM0505.")
    )
    is_drechtstad = models.BooleanField(
        _("Drechtstad"),
        default=False,
        help_text=_("Een van de zeven Drechtsteden; anders een partnergemeente."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cbs_code__regex=CBS_CODE_REGEX),
                name="gemeente_cbs_code_format",
                violation_error_message=_("Een CBS-code is GM gevolgd door vier cijfers."),
            ),
        ]

    def __str__(self) -> str:
        return self.naam


class Profiel(models.Model):
    gebruiker = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="profiel",
    )
    gemeente = models.ForeignKey(
        Gemeente,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="profielen",
        null=True,
        blank=True,
    )
    functie = models.CharField(_("functie"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("profiel")
        verbose_name_plural = _("profielen")

    def __str__(self) -> str:
        return f"{self.gebruiker.get_full_name() or self.gebruiker.get_username()}"
