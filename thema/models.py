"""The content of the collaboration: themes, their activities and the reviews that weigh them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from drechtsteden.db import choices_check
from drechtsteden.models import Gemeente
from drechtsteden.validators import tekst_max
from thema import workflow
from thema.constants import (
    CONSEQUENTIE_JAREN,
    SCORE_MAX,
    SCORE_MIN,
    VOORSTEL_TITELS,
    ActiviteitStatus,
    BeoordelingStatus,
    Coalitievorm,
    PartnerSoort,
    Prioriteit,
    Voorstel,
)


class Thema(models.Model):
    naam = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    beschrijving = models.TextField(_("beschrijving"), blank=True, validators=[tekst_max()])
    is_demo = models.BooleanField(
        _("demodata"), default=False, help_text=_("Voorbeelddata, geen feit uit de brief.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam

    def get_absolute_url(self) -> str:
        return reverse("thema:detail", kwargs={"slug": self.slug})


class Teamlid(models.Model):
    """A civil servant in a theme's team: the people who write its reviews."""

    thema = models.ForeignKey(
        Thema, verbose_name=_("thema"), on_delete=models.CASCADE, related_name="teamleden"
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="themateams",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("teamlid")
        verbose_name_plural = _("teamleden")
        constraints = [
            models.UniqueConstraint(fields=["thema", "gebruiker"], name="teamlid_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.gebruiker} ({self.thema})"


class Partner(models.Model):
    """A triple-helix partner: business, knowledge institution, government or society."""

    naam = models.CharField(_("naam"), max_length=200, unique=True)
    soort = models.CharField(_("soort"), max_length=20, choices=PartnerSoort.choices)
    gemeente = models.ForeignKey(
        Gemeente,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="partners",
        null=True,
        blank=True,
        help_text=_("Alleen voor een buurgemeente als partner, zoals Gorinchem."),
    )
    is_demo = models.BooleanField(_("demodata"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=choices_check("soort", PartnerSoort), name="partner_soort_geldig"
            ),
        ]

    def __str__(self) -> str:
        return self.naam


class Activiteit(models.Model):
    thema = models.ForeignKey(
        Thema, verbose_name=_("thema"), on_delete=models.PROTECT, related_name="activiteiten"
    )
    naam = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    beschrijving = models.TextField(_("beschrijving"), blank=True, validators=[tekst_max()])
    vorm = models.TextField(
        _("huidige vorm"),
        blank=True,
        help_text=_("Hoe de activiteit nu is georganiseerd."),
        validators=[tekst_max()],
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ActiviteitStatus.choices,
        default=ActiviteitStatus.ACTIEF,
    )
    partners = models.ManyToManyField(
        Partner, verbose_name=_("partners"), related_name="activiteiten", blank=True
    )
    is_demo = models.BooleanField(_("demodata"), default=False)

    history = HistoricalRecords(m2m_fields=[partners])

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["thema__naam", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["thema", "slug"], name="activiteit_slug_uniek"),
            models.CheckConstraint(
                condition=choices_check("status", ActiviteitStatus),
                name="activiteit_status_geldig",
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    def get_absolute_url(self) -> str:
        return reverse(
            "thema:activiteit", kwargs={"slug": self.thema.slug, "activiteit": self.slug}
        )


class Deelname(models.Model):
    """A municipality taking part in an activity, with its yearly contribution."""

    activiteit = models.ForeignKey(
        Activiteit,
        verbose_name=_("activiteit"),
        on_delete=models.CASCADE,
        related_name="deelnames",
    )
    gemeente = models.ForeignKey(
        Gemeente, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="deelnames"
    )
    jaarlijkse_bijdrage = models.DecimalField(
        _("jaarlijkse bijdrage"), max_digits=12, decimal_places=2, default=0
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")
        ordering = ["gemeente__naam"]
        constraints = [
            models.UniqueConstraint(fields=["activiteit", "gemeente"], name="deelname_uniek"),
            models.CheckConstraint(
                condition=Q(jaarlijkse_bijdrage__gte=0),
                name="deelname_bijdrage_niet_negatief",
                violation_error_message=_("Een bijdrage kan niet negatief zijn."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} in {self.activiteit}"


class Beoordeling(models.Model):
    """The review of one activity in one round, ending in a proposal (DESIGN.md)."""

    activiteit = models.ForeignKey(
        Activiteit,
        verbose_name=_("activiteit"),
        on_delete=models.PROTECT,
        related_name="beoordelingen",
    )
    ronde = models.PositiveSmallIntegerField(_("ronde"), default=1)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=BeoordelingStatus.choices,
        default=workflow.BEGIN,
    )
    score_lokaal = models.PositiveSmallIntegerField(
        _("bijdrage aan lokale doelen"), null=True, blank=True
    )
    score_regionaal = models.PositiveSmallIntegerField(
        _("bijdrage aan regionale doelen"), null=True, blank=True
    )
    score_organisatie = models.PositiveSmallIntegerField(
        _("logisch en effectief georganiseerd"), null=True, blank=True
    )
    prioriteit = models.CharField(
        _("prioriteit"), max_length=10, choices=Prioriteit.choices, blank=True
    )
    onderbouwing = models.TextField(_("onderbouwing"), blank=True, validators=[tekst_max()])
    voorstel = models.CharField(_("voorstel"), max_length=20, choices=Voorstel.choices, blank=True)
    coalitievorm = models.CharField(
        _("nieuwe coalitievorm"), max_length=20, choices=Coalitievorm.choices, blank=True
    )
    voorgestelde_gemeenten = models.ManyToManyField(
        Gemeente,
        verbose_name=_("voorgestelde gemeenten"),
        related_name="voorgestelde_beoordelingen",
        blank=True,
    )
    voorgestelde_partners = models.ManyToManyField(
        Partner,
        verbose_name=_("voorgestelde partners"),
        related_name="voorgestelde_beoordelingen",
        blank=True,
    )
    nieuwe_activiteit_naam = models.CharField(
        _("naam van de nieuwe activiteit"), max_length=200, blank=True
    )
    nieuwe_activiteit_beschrijving = models.TextField(
        _("beschrijving van de nieuwe activiteit"), blank=True, validators=[tekst_max()]
    )
    versie = models.PositiveIntegerField(
        _("versie"), default=1, help_text=_("Telt op bij elke opslag; weert verloren wijzigingen.")
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    ingediend_op = models.DateTimeField(_("ingediend op"), null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[voorgestelde_gemeenten, voorgestelde_partners])

    class Meta:
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")
        ordering = ["activiteit__naam", "-ronde"]
        permissions = [("submit_beoordeling", _("Kan een beoordeling indienen"))]
        constraints = [
            models.UniqueConstraint(fields=["activiteit", "ronde"], name="beoordeling_ronde_uniek"),
            models.UniqueConstraint(
                fields=["activiteit"],
                condition=~Q(status__in=workflow.BESLOTEN),
                name="beoordeling_een_open_per_activiteit",
                violation_error_message=_("Deze activiteit heeft al een lopende beoordeling."),
            ),
            models.CheckConstraint(
                condition=choices_check("status", BeoordelingStatus),
                name="beoordeling_status_geldig",
            ),
            models.CheckConstraint(
                condition=choices_check("voorstel", Voorstel, blank=True),
                name="beoordeling_voorstel_geldig",
            ),
            models.CheckConstraint(
                condition=choices_check("coalitievorm", Coalitievorm, blank=True),
                name="beoordeling_coalitievorm_geldig",
            ),
            models.CheckConstraint(
                condition=choices_check("prioriteit", Prioriteit, blank=True),
                name="beoordeling_prioriteit_geldig",
            ),
            models.CheckConstraint(condition=Q(ronde__gte=1), name="beoordeling_ronde_positief"),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{score}__isnull": True})
                    | Q(**{f"{score}__gte": SCORE_MIN, f"{score}__lte": SCORE_MAX}),
                    name=f"beoordeling_{score}_1_tot_5",
                    violation_error_message=_("Een score ligt tussen 1 en 5."),
                )
                for score in ("score_lokaal", "score_regionaal", "score_organisatie")
            ),
            models.CheckConstraint(
                condition=Q(coalitievorm="") | Q(voorstel=Voorstel.HERGROEPEREN),
                name="beoordeling_coalitievorm_alleen_bij_hergroeperen",
            ),
            models.CheckConstraint(
                condition=Q(status=workflow.BEGIN) | (~Q(voorstel="") & ~Q(onderbouwing="")),
                name="beoordeling_ingediend_is_compleet",
                violation_error_message=_(
                    "Een ingediende beoordeling heeft een voorstel en een onderbouwing."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activiteit} (ronde {self.ronde})"

    @property
    def is_besloten(self) -> bool:
        return workflow.is_besloten(self.status)

    @property
    def is_bewerkbaar(self) -> bool:
        """Whether the team may still edit it (thema.workflow), for the templates."""
        return workflow.is_bewerkbaar(self.status)

    @property
    def voorstel_titel(self) -> str:
        """The proposal and its activity in one phrase, the title of the decision on it:
        "Stoppen van Skills-paspoort"; a new activity by its own name."""
        if not self.voorstel:
            return self.activiteit.naam
        naam = (
            self.nieuwe_activiteit_naam
            if self.voorstel == Voorstel.TOEVOEGEN and self.nieuwe_activiteit_naam
            else self.activiteit.naam
        )
        return str(VOORSTEL_TITELS[self.voorstel]) % {"activiteit": naam}


class FinancieleConsequentie(models.Model):
    """One year's financial consequence of a review's proposal; savings are negative."""

    beoordeling = models.ForeignKey(
        Beoordeling,
        verbose_name=_("beoordeling"),
        on_delete=models.CASCADE,
        related_name="financiele_consequenties",
    )
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    bedrag = models.DecimalField(_("bedrag"), max_digits=12, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("financiële consequentie")
        verbose_name_plural = _("financiële consequenties")
        ordering = ["jaar"]
        constraints = [
            models.UniqueConstraint(
                fields=["beoordeling", "jaar"], name="financiele_consequentie_jaar_uniek"
            ),
            models.CheckConstraint(
                condition=Q(jaar__gte=CONSEQUENTIE_JAREN.start)
                & Q(jaar__lt=CONSEQUENTIE_JAREN.stop),
                name="financiele_consequentie_jaar_2025_2028",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.beoordeling}: {self.jaar}"
