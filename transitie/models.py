"""The process: regiekamers, advice, votes and decisions, the transition plan, the Groeiagenda
finance and the raadsinformatiebrieven."""

import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from drechtsteden.db import MONEY, choices_check, non_negative
from drechtsteden.models import Gemeente
from thema import workflow
from thema.models import Beoordeling, Thema
from transitie.constants import (
    AdviesOordeel,
    AdviesVervolg,
    BesluitUitkomst,
    BijdrageBron,
    BijdrageStatus,
    BriefStatus,
    Herkomst,
    Inzicht,
    LidRol,
    MijlpaalStatus,
    PostSoort,
    RaadsbehandelingStatus,
    RegiekamerSoort,
    SectieSoort,
    StemKeuze,
)

# Immutability: decisions and published letters


class Onveranderlijk(PermissionDenied):
    """A taken decision or a published letter: it is neither saved again nor deleted."""

    def __init__(self, bericht: str | None = None) -> None:
        super().__init__(str(bericht or _("Dit gegeven ligt vast en verandert niet meer.")))


class OnveranderlijkQuerySet(models.QuerySet):
    """Bulk update() and delete() refuse as soon as they would touch an immutable row, so that no
    bulk path goes around the model's refusal."""

    def _weiger_onveranderlijk(self) -> None:
        # Django itself refuses update() and delete() on a slice; leave that message to it.
        if not self.query.is_sliced and self.filter(self.model.onveranderlijk_q()).exists():
            raise Onveranderlijk(self.model.onveranderlijk_bericht)

    def update(self, **kwargs) -> int:
        self._weiger_onveranderlijk()
        return super().update(**kwargs)

    update.alters_data = True

    def delete(self):
        self._weiger_onveranderlijk()
        return super().delete()

    delete.alters_data = True
    delete.queryset_only = True


class OnveranderlijkModel(models.Model):
    """A model whose rows become immutable: `onveranderlijk_q()` selects the stored rows that are,
    `ouder_onveranderlijk()` says whether the row it belongs to is (for rows not stored yet).

    The check reads the database, not the instance, so a stale or hand-made instance cannot
    overwrite a frozen row.
    """

    onveranderlijk_bericht = _("Dit gegeven ligt vast en verandert niet meer.")

    objects = OnveranderlijkQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        self.weiger_als_onveranderlijk()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.weiger_als_onveranderlijk()
        return super().delete(*args, **kwargs)

    @classmethod
    def onveranderlijk_q(cls) -> Q:
        """The stored rows that are immutable; every row, unless a model says otherwise."""
        return Q()

    def ouder_onveranderlijk(self) -> bool:
        return False

    def is_onveranderlijk(self) -> bool:
        opgeslagen = (
            self.pk is not None
            and type(self)._base_manager.filter(self.onveranderlijk_q(), pk=self.pk).exists()
        )
        return opgeslagen or self.ouder_onveranderlijk()

    def weiger_als_onveranderlijk(self) -> None:
        if self.is_onveranderlijk():
            raise Onveranderlijk(self.onveranderlijk_bericht)


BESLOTEN = Q(status__in=workflow.BESLOTEN) | Q(besluit__isnull=False)


class BeslotenVoorstelModel(OnveranderlijkModel):
    """Advice and votes: frozen with the decision on their proposal."""

    onveranderlijk_bericht = _(
        "Over dit voorstel is besloten; het besluit en de stemmen liggen vast."
    )

    class Meta:
        abstract = True

    @classmethod
    def onveranderlijk_q(cls) -> Q:
        return Q(beoordeling__status__in=workflow.BESLOTEN) | Q(beoordeling__besluit__isnull=False)

    def ouder_onveranderlijk(self) -> bool:
        return (
            self.beoordeling_id is not None
            and Beoordeling._base_manager.filter(BESLOTEN, pk=self.beoordeling_id).exists()
        )


# Regiekamers and their members


class Regiekamer(models.Model):
    soort = models.CharField(
        _("soort"), max_length=20, choices=RegiekamerSoort.choices, unique=True
    )
    naam = models.CharField(_("naam"), max_length=200)
    ingesteld_op = models.DateField(_("ingesteld op"), null=True, blank=True)

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
    van = models.DateField(_("van"))
    tot = models.DateField(_("tot en met"), null=True, blank=True)

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
    sinds = models.DateField(_("sinds"), null=True, blank=True)

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


# Advice, votes and decisions


class Advies(BeslotenVoorstelModel):
    """The ambtelijke regiekamer's advice on a submitted review."""

    beoordeling = models.ForeignKey(
        Beoordeling,
        verbose_name=_("beoordeling"),
        on_delete=models.PROTECT,
        related_name="adviezen",
    )
    oordeel = models.CharField(_("oordeel"), max_length=30, choices=AdviesOordeel.choices)
    toelichting = models.TextField(_("toelichting"))
    vervolg = models.CharField(_("vervolg"), max_length=20, choices=AdviesVervolg.choices)
    reden_terugverwijzing = models.TextField(_("reden van terugverwijzing"), blank=True)
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
    toelichting = models.TextField(_("toelichting"), blank=True)
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
    toelichting = models.TextField(_("toelichting"), blank=True)

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


# The transition plan


class Transitieplan(models.Model):
    naam = models.CharField(_("naam"), max_length=200, unique=True)
    deadline = models.DateField(_("uiterste datum van implementatie"))
    vastgesteld_op = models.DateField(_("vastgesteld op"), null=True, blank=True)

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
    toelichting = models.TextField(_("toelichting"), blank=True)

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
    deadline = models.DateField(_("deadline"))
    reden_na_plandeadline = models.TextField(
        _("reden voor een deadline na die van het plan"), blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MijlpaalStatus.choices, default=MijlpaalStatus.GEPLAND
    )
    gereed_op = models.DateField(_("gereed op"), null=True, blank=True)
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


# Groeiagenda finance


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
    toelichting = models.TextField(_("toelichting"), blank=True)

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


# Raadsinformatiebrieven


class Raadsinformatiebrief(OnveranderlijkModel):
    onveranderlijk_bericht = _(
        "Een gepubliceerde brief verandert niet meer; stel een correctie op."
    )

    uuid = models.UUIDField(_("kenmerk"), default=uuid.uuid4, unique=True, editable=False)
    titel = models.CharField(_("titel"), max_length=300)
    onderwerp = models.CharField(_("onderwerp"), max_length=300)
    datum = models.DateField(_("datum"))
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
    tekst = models.TextField(_("tekst"), blank=True)

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


# Registers: changes to the financial frameworks and the letters' commitments (toezeggingen)


class Kaderwijziging(models.Model):
    """A change to the financial frameworks; it holds only once all seven councils adopted it."""

    titel = models.CharField(_("titel"), max_length=300)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    bedrag = models.DecimalField(
        _("financieel effect"),
        help_text=_("Het effect op de kaders in euro, waar dat van toepassing is."),
        null=True,
        blank=True,
        **MONEY,
    )
    datum = models.DateField(_("datum"))
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
    datum = models.DateField(_("datum"))
    toelichting = models.TextField(_("toelichting"), blank=True)

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


class Toezegging(models.Model):
    """What a published letter promises the councils: to one council, or to all seven."""

    tekst = models.TextField(_("toezegging"))
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
    verwacht_op = models.DateField(_("verwacht op"))
    afdoening = models.TextField(_("afdoening"), blank=True)
    afgedaan_op = models.DateField(_("afgedaan op"), null=True, blank=True)

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
