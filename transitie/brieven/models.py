"""Raadsinformatiebrieven, their sections and publications, and the commitments they make."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from drechtsteden.db import choices_check
from drechtsteden.models import Gemeente
from drechtsteden.validators import datum_in_bereik, tekst_max, toelichting_max
from transitie.constants import (
    BriefStatus,
    OpdrachtStatus,
    SectieSoort,
    StapStatus,
)
from transitie.onveranderlijk import OnveranderlijkModel


class Raadsinformatiebrief(OnveranderlijkModel):
    onveranderlijk_bericht = _(
        "Een gepubliceerde brief verandert niet meer; stel een correctie op."
    )

    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    titel = models.CharField(_("titel"), max_length=300)
    afzender = models.CharField(_("afzender"), max_length=300, blank=True)
    kenmerk = models.CharField(_("kenmerk"), max_length=100, blank=True)
    onderwerp = models.CharField(_("onderwerp"), max_length=300)
    # Empty while nobody has dated the letter: the seed's letter carries no date.
    datum = models.DateField(_("datum"), null=True, blank=True, validators=[datum_in_bereik])
    contactpersoon_naam = models.CharField(_("contactpersoon"), max_length=200, blank=True)
    contactpersoon_email = models.EmailField(_("e-mail contactpersoon"), blank=True)
    contactpersoon_telefoon = models.CharField(
        _("telefoon contactpersoon"), max_length=40, blank=True
    )
    # One signatory a line, "Naam, functie": see `ondertekenaars`.
    ondertekening = models.TextField(_("ondertekening"), blank=True)
    # The day the data blocks describe: set when the letter is published (see `brief_publish`).
    peildatum = models.DateField(_("peildatum"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=BriefStatus.choices, default=BriefStatus.CONCEPT
    )
    gepubliceerd_op = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    corrigeert = models.ForeignKey(
        "self",
        verbose_name=_("corrigeert"),
        on_delete=models.PROTECT,
        related_name="correcties",
        null=True,
        blank=True,
    )
    blok_besluiten = models.BooleanField(_("blok: besluiten per thema"), default=False)
    blok_transitieplan = models.BooleanField(_("blok: transitieplan"), default=False)
    blok_financien = models.BooleanField(_("blok: financiën"), default=False)
    blok_regiekamers = models.BooleanField(_("blok: samenstelling regiekamers"), default=False)
    versie = models.PositiveIntegerField(_("versie"), default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("raadsinformatiebrief")
        verbose_name_plural = _("raadsinformatiebrieven")
        ordering = ["-datum", "-id"]
        permissions = [
            ("publish_raadsinformatiebrief", _("Kan een raadsinformatiebrief publiceren"))
        ]
        constraints = [
            models.CheckConstraint(
                condition=choices_check("status", BriefStatus), name="brief_status_geldig"
            ),
            models.CheckConstraint(
                condition=Q(status=BriefStatus.CONCEPT, gepubliceerd_op__isnull=True)
                | Q(status=BriefStatus.GEPUBLICEERD, gepubliceerd_op__isnull=False),
                name="brief_gepubliceerd_met_datum",
            ),
            models.CheckConstraint(
                condition=~Q(corrigeert=F("id")), name="brief_corrigeert_niet_zichzelf"
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    @property
    def ondertekenaars(self) -> list[tuple[str, str]]:
        """The signatories as (naam, functie), one a line, the function after the first comma."""
        regels = (regel.strip() for regel in self.ondertekening.splitlines())
        return [
            (naam.strip(), functie.strip())
            for naam, _komma, functie in (regel.partition(",") for regel in regels if regel)
        ]

    @classmethod
    def onveranderlijk_q(cls) -> Q:
        return Q(status=BriefStatus.GEPUBLICEERD)


class Briefsectie(OnveranderlijkModel):
    onveranderlijk_bericht = Raadsinformatiebrief.onveranderlijk_bericht

    brief = models.ForeignKey(
        Raadsinformatiebrief,
        verbose_name=_("brief"),
        on_delete=models.CASCADE,
        related_name="secties",
    )
    soort = models.CharField(_("sectie"), max_length=20, choices=SectieSoort.choices)
    tekst = models.TextField(_("tekst"), blank=True, validators=[tekst_max()])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("briefsectie")
        verbose_name_plural = _("briefsecties")
        constraints = [
            models.UniqueConstraint(fields=["brief", "soort"], name="briefsectie_uniek"),
            models.CheckConstraint(
                condition=choices_check("soort", SectieSoort), name="briefsectie_soort_geldig"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.brief}: {self.get_soort_display()}"

    @classmethod
    def onveranderlijk_q(cls) -> Q:
        return Q(brief__status=BriefStatus.GEPUBLICEERD)

    def ouder_onveranderlijk(self) -> bool:
        return (
            self.brief_id is not None
            and Raadsinformatiebrief._base_manager.filter(
                Raadsinformatiebrief.onveranderlijk_q(), pk=self.brief_id
            ).exists()
        )


class Briefpublicatie(OnveranderlijkModel):
    """One council's published PDF of a letter, stored as bytes with its SHA-256: written once."""

    onveranderlijk_bericht = _("Een gepubliceerd bestand verandert niet meer.")

    brief = models.ForeignKey(
        Raadsinformatiebrief,
        verbose_name=_("brief"),
        on_delete=models.PROTECT,
        related_name="publicaties",
    )
    gemeente = models.ForeignKey(
        Gemeente, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="publicaties"
    )
    uuid = models.UUIDField(_("kenmerk"), default=uuid.uuid4, unique=True, editable=False)
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=200)
    pdf = models.BinaryField(_("PDF"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    open_data_json = models.TextField(_("open data (JSON)"), blank=True)
    open_data_csv = models.TextField(_("open data (CSV)"), blank=True)
    gepubliceerd_op = models.DateTimeField(_("gepubliceerd op"))

    history = HistoricalRecords(excluded_fields=["pdf"])

    class Meta:
        verbose_name = _("briefpublicatie")
        verbose_name_plural = _("briefpublicaties")
        ordering = ["gemeente__naam"]
        constraints = [
            models.UniqueConstraint(fields=["brief", "gemeente"], name="briefpublicatie_uniek"),
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="briefpublicatie_sha256_hex"
            ),
        ]

    def __str__(self) -> str:
        return self.bestandsnaam


class Publicatieopdracht(models.Model):
    """A request to publish a letter: each council's PDF is rendered by the worker (one
    `Publicatiestap` each), and the step that finishes last publishes all seven at once.

    At most one request per letter runs at a time; a failed one stays as the record of why.
    """

    brief = models.ForeignKey(
        Raadsinformatiebrief,
        verbose_name=_("brief"),
        on_delete=models.PROTECT,
        related_name="publicatieopdrachten",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=OpdrachtStatus.choices, default=OpdrachtStatus.BEZIG
    )
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangevraagd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    aangevraagd_op = models.DateTimeField(_("aangevraagd op"))
    # The day the PDFs describe: the day of the request (see `brief_peildatum`).
    peildatum = models.DateField(_("peildatum"))
    afgerond_op = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    fout = models.TextField(_("fout"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("publicatieopdracht")
        verbose_name_plural = _("publicatieopdrachten")
        ordering = ["-aangevraagd_op", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=choices_check("status", OpdrachtStatus),
                name="publicatieopdracht_status_geldig",
            ),
            models.UniqueConstraint(
                fields=["brief"],
                condition=Q(status=OpdrachtStatus.BEZIG),
                name="publicatieopdracht_een_lopend_per_brief",
            ),
            models.CheckConstraint(
                condition=Q(status=OpdrachtStatus.BEZIG, afgerond_op__isnull=True)
                | (~Q(status=OpdrachtStatus.BEZIG) & Q(afgerond_op__isnull=False)),
                name="publicatieopdracht_afgerond_met_datum",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.brief}: {self.get_status_display()}"


class Publicatiestap(models.Model):
    """One council's PDF of a publishing request: rendered by the worker and kept here until the
    request publishes it as a `Briefpublicatie` (then the bytes are dropped from the step)."""

    opdracht = models.ForeignKey(
        Publicatieopdracht,
        verbose_name=_("publicatieopdracht"),
        on_delete=models.CASCADE,
        related_name="stappen",
    )
    gemeente = models.ForeignKey(
        Gemeente, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=StapStatus.choices, default=StapStatus.WACHTEND
    )
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=200, blank=True)
    pdf = models.BinaryField(_("PDF"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    open_data_json = models.TextField(_("open data (JSON)"), blank=True)
    open_data_csv = models.TextField(_("open data (CSV)"), blank=True)
    gestart_op = models.DateTimeField(_("gestart op"), null=True, blank=True)
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)
    fout = models.TextField(_("fout"), blank=True)

    history = HistoricalRecords(excluded_fields=["pdf"])

    class Meta:
        verbose_name = _("publicatiestap")
        verbose_name_plural = _("publicatiestappen")
        ordering = ["gemeente__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["opdracht", "gemeente"], name="publicatiestap_een_per_gemeente"
            ),
            models.CheckConstraint(
                condition=choices_check("status", StapStatus),
                name="publicatiestap_status_geldig",
            ),
            models.CheckConstraint(
                condition=~Q(status=StapStatus.KLAAR) | Q(sha256__regex=r"^[0-9a-f]{64}$"),
                name="publicatiestap_klaar_met_sha256",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente}: {self.get_status_display()}"


class Briefbijlage(OnveranderlijkModel):
    """An annex of a letter: an uploaded PDF, stored as bytes with its SHA-256, beside the letter.

    A bijlage without a file is one the letter names but nobody has uploaded (the seed's letter
    names its annex; the seed holds no file): it is listed as missing.
    """

    onveranderlijk_bericht = _("De bijlagen van een gepubliceerde brief veranderen niet meer.")

    brief = models.ForeignKey(
        Raadsinformatiebrief,
        verbose_name=_("brief"),
        on_delete=models.PROTECT,
        related_name="bijlagen",
    )
    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    titel = models.CharField(_("titel"), max_length=300)
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=200, blank=True)
    pdf = models.BinaryField(_("PDF"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    grootte = models.PositiveIntegerField(_("grootte in bytes"), default=0)

    history = HistoricalRecords(excluded_fields=["pdf"])

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["brief", "titel"], name="briefbijlage_titel_uniek"),
            models.CheckConstraint(
                condition=Q(sha256="", pdf__isnull=True)
                | Q(sha256__regex=r"^[0-9a-f]{64}$", pdf__isnull=False),
                name="briefbijlage_sha256_bij_bestand",
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    @property
    def heeft_bestand(self) -> bool:
        return bool(self.sha256)

    @classmethod
    def onveranderlijk_q(cls) -> Q:
        return Q(brief__status=BriefStatus.GEPUBLICEERD)

    def ouder_onveranderlijk(self) -> bool:
        return (
            self.brief_id is not None
            and Raadsinformatiebrief._base_manager.filter(
                Raadsinformatiebrief.onveranderlijk_q(), pk=self.brief_id
            ).exists()
        )


class Toezegging(models.Model):
    """What a published letter promises the councils: to one council, or to all seven."""

    tekst = models.TextField(_("toezegging"), validators=[toelichting_max()])
    brief = models.ForeignKey(
        Raadsinformatiebrief,
        verbose_name=_("brief"),
        on_delete=models.PROTECT,
        related_name="toezeggingen",
    )
    gemeente = models.ForeignKey(
        Gemeente,
        verbose_name=_("gemeenteraad"),
        help_text=_("Leeg: de toezegging geldt voor alle zeven gemeenteraden."),
        on_delete=models.PROTECT,
        related_name="toezeggingen",
        null=True,
        blank=True,
    )
    verwacht_op = models.DateField(_("verwacht op"), validators=[datum_in_bereik])
    afdoening = models.TextField(_("afdoening"), blank=True, validators=[toelichting_max()])
    afgedaan_op = models.DateField(
        _("afgedaan op"), null=True, blank=True, validators=[datum_in_bereik]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("toezegging")
        verbose_name_plural = _("toezeggingen")
        ordering = ["verwacht_op", "id"]
        permissions = [("afdoen_toezegging", _("Kan een toezegging afdoen"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(afgedaan_op__isnull=True, afdoening="")
                | (Q(afgedaan_op__isnull=False) & ~Q(afdoening="")),
                name="toezegging_afgedaan_met_datum_en_tekst",
                violation_error_message=_(
                    "Een afgedane toezegging heeft een datum en een beschrijving van de afdoening."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.tekst[:80]

    @property
    def is_open(self) -> bool:
        return self.afgedaan_op is None
