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


class Historieregel(models.Model):
    """One row per history row of every historied model: the audit log's index and its hash chain.

    The index is written in the transaction of the history row it describes (a signal of
    django-simple-history); `hash` is an HMAC with the chain's key over that row's content, this
    row's own columns and the previous index row's hash, so a changed or removed history or index
    row breaks the chain (`manage.py controleer_historie`).
    """

    soort = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name=_("soort object"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    historie_id = models.BigIntegerField(_("historie-id"))
    object_id = models.BigIntegerField(_("object-id"))
    object_naam = models.CharField(_("object"), max_length=255)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    gebruikersnaam = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    gemeente = models.ForeignKey(
        Gemeente,
        verbose_name=_("gemeente"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    type = models.CharField(_("soort wijziging"), max_length=1)
    datum = models.DateTimeField(_("datum"))
    reden = models.TextField(_("reden"), blank=True)
    hash = models.CharField(_("hash"), max_length=64, unique=True)
    vorige_hash = models.CharField(_("vorige hash"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("historieregel")
        verbose_name_plural = _("historieregels")
        ordering = ["-datum", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["soort", "historie_id"], name="historieregel_een_per_historierij"
            ),
            models.CheckConstraint(
                condition=models.Q(type__in=["+", "~", "-"]), name="historieregel_type"
            ),
        ]
        indexes = [
            models.Index(fields=["datum", "id"], name="historieregel_datum"),
            models.Index(fields=["gebruiker", "datum", "id"], name="historieregel_gebruiker"),
            models.Index(fields=["gemeente", "datum", "id"], name="historieregel_gemeente"),
            models.Index(fields=["soort", "datum", "id"], name="historieregel_soort"),
            models.Index(fields=["soort", "object_id", "datum", "id"], name="historieregel_object"),
        ]

    def __str__(self) -> str:
        return f"{self.object_naam} ({self.type}, {self.datum:%Y-%m-%d %H:%M})"


# The notifications live in drechtsteden/meldingen/; re-exported so their app label is drechtsteden.
from drechtsteden.meldingen.models import Bezorging, Melding, MeldingVoorkeur  # noqa: E402

__all__ = ["Bezorging", "Gemeente", "Historieregel", "Melding", "MeldingVoorkeur", "Profiel"]
