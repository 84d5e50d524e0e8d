"""A notification per event and person, its e-mail delivery, and each person's e-mail choice.

No mail body is stored anywhere: the mail is rendered from the notification's title and link when
it is sent, so the history of these models (the audit log) records who, what, when and whether it
was delivered, never a text.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from drechtsteden.meldingen.constants import BezorgStatus, MailKeuze, MeldingSoort


class Melding(models.Model):
    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ontvanger"),
        on_delete=models.CASCADE,
        related_name="meldingen",
    )
    soort = models.CharField(_("soort"), max_length=40, choices=MeldingSoort.choices)
    gebeurtenis = models.CharField(
        _("gebeurtenis"),
        max_length=200,
        help_text=_("Sleutel van de gebeurtenis: één melding per gebeurtenis en persoon."),
    )
    titel = models.CharField(_("titel"), max_length=300)
    url = models.CharField(_("link"), max_length=500)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    gelezen_op = models.DateTimeField(_("gelezen op"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-aangemaakt_op", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["gebeurtenis", "ontvanger"], name="melding_een_per_gebeurtenis_en_persoon"
            ),
        ]
        indexes = [
            models.Index(fields=["ontvanger", "-aangemaakt_op", "-id"], name="melding_inbox"),
            models.Index(
                fields=["ontvanger"],
                condition=Q(gelezen_op__isnull=True),
                name="melding_ongelezen",
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    @property
    def is_gelezen(self) -> bool:
        return self.gelezen_op is not None


class Bezorging(models.Model):
    """The e-mail delivery of one notification: at most one per event and person."""

    melding = models.OneToOneField(
        Melding, verbose_name=_("melding"), on_delete=models.CASCADE, related_name="bezorging"
    )
    wijze = models.CharField(_("wijze"), max_length=20, choices=MailKeuze.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=BezorgStatus.choices, default=BezorgStatus.WACHTEND
    )
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    laatste_fout = models.CharField(_("laatste fout"), max_length=500, blank=True)
    verzonden_op = models.DateTimeField(_("verzonden op"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bezorging")
        verbose_name_plural = _("bezorgingen")
        ordering = ["-id"]
        indexes = [models.Index(fields=["status", "wijze"], name="bezorging_status_wijze")]

    def __str__(self) -> str:
        return f"{self.melding} ({self.get_status_display()})"


class MeldingVoorkeur(models.Model):
    """A person's e-mail choice for one kind of notification; without one, at once."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="meldingvoorkeuren",
    )
    soort = models.CharField(_("soort"), max_length=40, choices=MeldingSoort.choices)
    keuze = models.CharField(_("e-mail"), max_length=20, choices=MailKeuze.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meldingvoorkeur")
        verbose_name_plural = _("meldingvoorkeuren")
        constraints = [
            models.UniqueConstraint(
                fields=["gebruiker", "soort"], name="meldingvoorkeur_een_per_soort"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gebruiker}: {self.get_soort_display()} - {self.get_keuze_display()}"
