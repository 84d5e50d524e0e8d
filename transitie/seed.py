"""The region's data from the raadsinformatiebrief, and the embedded demo's data and accounts.

Two kinds of rows, never mixed:
- facts (`load_facts`): only what the letter states. Their defining fields are put back when they
  differ; fields that the process changes later (a contribution's status) are set on creation only.
- demo data (`load_demo`): marked `is_demo` where the model has the flag and named "(demo)". Created
  when missing and then left alone, so that `make run`, which loads it on every start, never undoes
  what someone did in a demo session.

Every write goes through `Loader`, which looks a row up by its natural key, saves only when
something differs (every save writes a history row) and records the system user and a reason.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AbstractBaseUser, Group
from django.db import models, transaction
from django.utils.text import slugify

from drechtsteden.constants import Rol
from drechtsteden.models import Gemeente, Profiel
from drechtsteden.services import system_user
from thema.constants import BeoordelingStatus, Coalitievorm, PartnerSoort, Prioriteit, Voorstel
from thema.models import (
    Activiteit,
    Beoordeling,
    Deelname,
    FinancieleConsequentie,
    Partner,
    Teamlid,
    Thema,
)
from transitie.brieven import brief_publish
from transitie.constants import (
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
)
from transitie.models import (
    Aanbeveling,
    Begroting,
    Begrotingspost,
    Bijdrage,
    Briefsectie,
    Kaderwijziging,
    Lidmaatschap,
    Mijlpaal,
    Raadsbehandeling,
    Raadsinformatiebrief,
    Regiekamer,
    Toezegging,
    Transitieplan,
    Verantwoordelijkheid,
)
from transitie.services import begroting_voortzetten

REDEN_FEIT = "Feit uit de raadsinformatiebrief (laad_drechtsteden)"
REDEN_DEMO = "Demodata (laad_drechtsteden --demo)"
DEMO_PASSWORD = "demo"

# Facts of the letter

DRECHTSTEDEN = (
    ("Alblasserdam", "GM0482"),
    ("Dordrecht", "GM0505"),
    ("Hardinxveld-Giessendam", "GM0523"),
    ("Hendrik-Ido-Ambacht", "GM0531"),
    ("Papendrecht", "GM0590"),
    ("Sliedrecht", "GM0610"),
    ("Zwijndrecht", "GM0642"),
)
# Partner in the second Regio Deal (2024), not one of the seven.
PARTNERGEMEENTEN = (("Gorinchem", "GM0512"),)
GORINCHEM_PARTNER = "Gemeente Gorinchem"

REGIEKAMERS = (
    (RegiekamerSoort.AMBTELIJK, "Ambtelijke regiekamer"),
    (RegiekamerSoort.BESTUURLIJK, "Bestuurlijke regiekamer"),
)

TRANSITIEPLAN = "Transitieplan doorontwikkeling bestuurlijke samenwerking Drechtsteden"
PLAN_DEADLINE = datetime.date(2025, 7, 1)

# Each of these sentences of the letter covers two recommendations.
AANBEVELING_ORGANISATIE_FINANCIERING = (
    "Daarnaast hebben de aanbevelingen betrekking op de inbedding van de regionale organisatie en "
    "mogelijke financieringsvormen die beter passen bij de gewenste meer open samenwerking."
)
EDB_EN_INSTRUMENTARIUM = (
    "In het kader van het bovenstaande wordt ook de Economic Board (EDB) doorontwikkeld en wordt "
    "het economisch instrumentarium, onder ander bestaande uit ROM-D en Deal, naar verwachting op "
    "een andere wijze ingericht."
)
# The letter names the subjects of the recommendations and the steps taken on them, and says that
# the recommendations rest on three insights, but not which rests on which: the insight given here
# is our reading. Titles summarise; each `toelichting` is the letter's own wording, verbatim.
AANBEVELINGEN = (
    (
        1,
        Inzicht.BALANS,
        "Betrokkenheid en inzet van burgemeesters en wethouders in de regionale samenwerking",
        "De aanbevelingen hebben betrekking op de wijze waarop onze burgemeesters en wethouders "
        "momenteel worden betrokken en ingezet in de regionale samenwerking.",
    ),
    (
        2,
        Inzicht.NETWERKREGIE,
        "Inbedding van de regionale organisatie",
        AANBEVELING_ORGANISATIE_FINANCIERING,
    ),
    (
        3,
        Inzicht.BALANS,
        "Financieringsvormen die beter passen bij de gewenste meer open samenwerking",
        AANBEVELING_ORGANISATIE_FINANCIERING,
    ),
    (
        4,
        Inzicht.NETWERKREGIE,
        "Direct starten met een ambtelijke en een bestuurlijke regiekamer",
        "Onder andere omdat het begeleiden van en het regievoeren op de transitie een breed "
        "draagvlak vraagt, wordt er direct gestart met de inrichting van een ambtelijke en een "
        "bestuurlijke regiekamer, waarin alle zeven gemeenten zijn vertegenwoordigd.",
    ),
    (
        5,
        Inzicht.BALANS,
        "Verantwoordelijkheden van voorzitter en vice-voorzitter naar de bestuurlijke regiekamer",
        "Diverse verantwoordelijkheden die in de huidige situatie nog bij de voorzitter en "
        "vice-voorzitter van de regio zijn belegd, zullen in de bestuurlijke regiekamer worden "
        "belegd.",
    ),
    (
        6,
        Inzicht.WERKWIJZE,
        "Per thema bepalen welke activiteiten doorgaan, anders worden voortgezet, stoppen of "
        "worden toegevoegd",
        "Om meer maatwerk, andere coalities en een meer open samenwerking mogelijk te maken zal er "
        "onder andere een zorgvuldig proces worden doorlopen per inhoudelijk thema. Daarbij wordt "
        "bepaald welke activiteiten in dezelfde vorm worden doorgezet, welke activiteiten in "
        "kleinere, andersoortige en grotere coalities worden voortgezet en welke activiteiten in "
        "zijn geheel verdwijnen of worden toegevoegd. In dit proces zal kritisch worden gewogen "
        "of activiteiten voldoende bijdragen aan de lokale en regionale doelstellingen én of dit "
        "met oog op onze omgeving, de triple-helix partners en de geambieerde open samenwerking "
        "logisch en effectief is georganiseerd.",
    ),
    (
        7,
        Inzicht.WERKWIJZE,
        "De samenwerkingsovereenkomst tegen het licht houden",
        "In dit kader zal ook de huidige samenwerkingsovereenkomst tegen het licht worden "
        "gehouden. De verwachting is dat de samenwerkingsovereenkomst in het kader van dit proces "
        "vervolgens ook moet worden aangepast of vervangen.",
    ),
    (
        8,
        Inzicht.NETWERKREGIE,
        "De Economic Board Drechtsteden (EDB) doorontwikkelen",
        EDB_EN_INSTRUMENTARIUM,
    ),
    (
        9,
        Inzicht.BALANS,
        "Het economisch instrumentarium (ROM-D en Deal) anders inrichten",
        EDB_EN_INSTRUMENTARIUM,
    ),
    (
        10,
        Inzicht.WERKWIJZE,
        "Een (nieuw) uitvoeringsprogramma inclusief begroting",
        "Aan het einde van het proces zal er een (nieuw) uitvoeringsprogramma inclusief begroting "
        "worden opgesteld, waarin de inhoudelijke en financiële consequenties worden verwerkt. "
        "Wijzigingen met betrekking tot de (financiële) kaders zullen vanzelfsprekend ter "
        "vaststelling aan de gemeenteraden worden voorgelegd.",
    ),
)

# The letter does not name the responsibilities, only where they come from and where they go.
VERANTWOORDELIJKHEDEN = (
    (
        Herkomst.VOORZITTER,
        "Verantwoordelijkheden van de voorzitter van de regio (de brief spreekt van 'diverse "
        "verantwoordelijkheden' en benoemt ze niet afzonderlijk)",
    ),
    (
        Herkomst.VICE_VOORZITTER,
        "Verantwoordelijkheden van de vice-voorzitter van de regio (de brief spreekt van "
        "'diverse verantwoordelijkheden' en benoemt ze niet afzonderlijk)",
    ),
)

BEGROTING_JAAR = 2024
BEGROTING_NAAM = "Groeiagenda 2024"
BEGROTING_TOELICHTING = (
    "Het uitgangspunt is dat het totale budget niet overschreden wordt en er geen aanvullende "
    "afrekening met de gemeenten volgt. Eventuele tekorten moeten dus opgelost worden binnen de "
    "totale begroting 2024 voor de Groeiagenda en/of er moeten aanvullende middelen via "
    "bijvoorbeeld subsidies toegevoegd worden."
)
TEKORT_OMSCHRIJVING = "Tekort Jaarverantwoording Groeiagenda 2023"
TEKORT_BEDRAG = Decimal("140000.00")
OMLIGGENDE_OMSCHRIJVING = "Bijdrage omliggende gemeenten (Uitvoeringsprogramma 2024)"
OMLIGGENDE_BEDRAG = Decimal("250000.00")


@dataclass
class Verslag:
    """What a run created and changed, per model, for the command's summary."""

    aangemaakt: Counter = field(default_factory=Counter)
    gewijzigd: Counter = field(default_factory=Counter)
    gekoppeld: Counter = field(default_factory=Counter)  # many-to-many links added

    @property
    def leeg(self) -> bool:
        return not (self.aangemaakt or self.gewijzigd or self.gekoppeld)


class Loader:
    """Writes rows by natural key, saving only on a difference, with history user and reason."""

    def __init__(self, *, user: AbstractBaseUser, reden: str, verslag: Verslag) -> None:
        self.user = user
        self.reden = reden
        self.verslag = verslag

    def ensure(
        self,
        model: type[models.Model],
        lookup: dict,
        values: dict | None = None,
        initial: dict | None = None,
    ) -> models.Model:
        """The row with `lookup`: `values` kept as given, `initial` only set when it is created."""
        values = values or {}
        obj = model._default_manager.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values, **(initial or {}))
            self.save(obj, created=True)
            return obj
        changed = {name: value for name, value in values.items() if getattr(obj, name) != value}
        if changed:
            for name, value in changed.items():
                setattr(obj, name, value)
            self.save(obj, created=False)
        return obj

    def ensure_m2m(self, obj: models.Model, name: str, targets: list[models.Model]) -> None:
        """Add the missing targets; removes nothing, so that later choices stay."""
        manager = getattr(obj, name)
        present = set(manager.values_list("pk", flat=True))
        missing = [target for target in targets if target.pk not in present]
        if missing:
            self._mark(obj)
            manager.add(*missing)
            self.verslag.gekoppeld[obj._meta.verbose_name_plural] += 1

    def save(self, obj: models.Model, *, created: bool) -> None:
        obj.full_clean()
        self._mark(obj)
        obj.save()
        teller = self.verslag.aangemaakt if created else self.verslag.gewijzigd
        teller[obj._meta.verbose_name_plural] += 1

    def _mark(self, obj: models.Model) -> None:
        obj._history_user = self.user
        obj._change_reason = self.reden


@transaction.atomic
def load(*, demo: bool = False) -> Verslag:
    """Load the letter's facts and, if asked, the demo; then continue 2024 into 2025."""
    verslag = Verslag()
    user = system_user()
    load_facts(Loader(user=user, reden=REDEN_FEIT, verslag=verslag))
    if demo:
        load_demo(Loader(user=user, reden=REDEN_DEMO, verslag=verslag))
    # After the demo, so that the 2024 demo lines are continued too.
    continue_begroting(Loader(user=user, reden=REDEN_FEIT, verslag=verslag))
    load_seed_letter(Loader(user=user, reden=REDEN_FEIT, verslag=verslag))
    return verslag


def load_facts(loader: Loader) -> None:
    for naam, cbs_code in DRECHTSTEDEN:
        _gemeente(loader, naam, cbs_code, is_drechtstad=True)
    for naam, cbs_code in PARTNERGEMEENTEN:
        _gemeente(loader, naam, cbs_code, is_drechtstad=False)
    loader.ensure(
        Partner,
        {"naam": GORINCHEM_PARTNER},
        {
            "soort": PartnerSoort.OVERHEID,
            "gemeente": Gemeente.objects.get(cbs_code="GM0512"),
            "is_demo": False,
        },
    )

    for soort, naam in REGIEKAMERS:
        loader.ensure(Regiekamer, {"soort": soort}, {"naam": naam})
    bestuurlijk = Regiekamer.objects.get(soort=RegiekamerSoort.BESTUURLIJK)
    for herkomst, omschrijving in VERANTWOORDELIJKHEDEN:
        loader.ensure(
            Verantwoordelijkheid,
            {"omschrijving": omschrijving},
            {"herkomst": herkomst, "regiekamer": bestuurlijk},
        )

    plan = loader.ensure(Transitieplan, {"naam": TRANSITIEPLAN}, {"deadline": PLAN_DEADLINE})
    for nummer, inzicht, titel, toelichting in AANBEVELINGEN:
        loader.ensure(
            Aanbeveling,
            {"transitieplan": plan, "nummer": nummer},
            {"inzicht": inzicht, "titel": titel, "toelichting": toelichting},
        )

    begroting = loader.ensure(
        Begroting,
        {"jaar": BEGROTING_JAAR},
        {"naam": BEGROTING_NAAM, "toelichting": BEGROTING_TOELICHTING},
    )
    loader.ensure(
        Begrotingspost,
        {"begroting": begroting, "omschrijving": TEKORT_OMSCHRIJVING},
        {"soort": PostSoort.OVERGEHEVELD_TEKORT, "bedrag": TEKORT_BEDRAG, "is_demo": False},
    )
    loader.ensure(
        Bijdrage,
        {"begroting": begroting, "omschrijving": OMLIGGENDE_OMSCHRIJVING},
        {"bron": BijdrageBron.OMLIGGENDE_GEMEENTEN, "bedrag": OMLIGGENDE_BEDRAG, "is_demo": False},
        initial={"status": BijdrageStatus.VERWACHT},
    )


def _gemeente(loader: Loader, naam: str, cbs_code: str, *, is_drechtstad: bool) -> Gemeente:
    return loader.ensure(
        Gemeente,
        {"cbs_code": cbs_code},
        {"naam": naam, "slug": slugify(naam), "is_drechtstad": is_drechtstad},
    )


def continue_begroting(loader: Loader) -> Begroting:
    """2024 continued budget-neutrally into 2025, also when 2024 gained lines since."""
    begroting = Begroting.objects.get(jaar=BEGROTING_JAAR)
    voortzetting = Begroting.objects.filter(jaar=BEGROTING_JAAR + 1).first()
    if voortzetting is None:
        voortzetting = begroting_voortzetten(begroting=begroting, acting_user=loader.user)
        loader.verslag.aangemaakt[Begroting._meta.verbose_name_plural] += 1
        loader.verslag.aangemaakt[Begrotingspost._meta.verbose_name_plural] += (
            voortzetting.posten.count()
        )
        return voortzetting
    if voortzetting.voortzetting_van_id != begroting.pk:
        return voortzetting
    # Lines that 2024 gained after the continuation (the demo loaded later); amounts that were
    # changed in 2025 since are a later decision and stay.
    for post in begroting.posten.filter(soort=PostSoort.UITGAVE).order_by("pk"):
        loader.ensure(
            Begrotingspost,
            {"begroting": voortzetting, "omschrijving": post.omschrijving, "thema": post.thema},
            initial={"soort": PostSoort.UITGAVE, "bedrag": post.bedrag, "is_demo": post.is_demo},
        )
    return voortzetting


# Demo data: nothing below is in the letter.

DEMO_LIDMAATSCHAP_VAN = datetime.date(2024, 10, 1)
DEMO_INGEDIEND_OP = datetime.datetime(2025, 3, 14, 9, 30, tzinfo=datetime.UTC)
DEMO_FUNCTIE_SUFFIX = " (demo-account)"

DEMO_PARTNERS = (
    ("Voorbeeldwerf Merwede BV (demo)", PartnerSoort.BEDRIJFSLEVEN),
    ("Voorbeeld Logistiek Drechtsteden (demo)", PartnerSoort.BEDRIJFSLEVEN),
    ("Voorbeeldhogeschool Techniek (demo)", PartnerSoort.KENNISINSTELLING),
    ("Voorbeeld mbo-college Drechtsteden (demo)", PartnerSoort.KENNISINSTELLING),
    ("Stichting Voorbeeld Werk en Inkomen (demo)", PartnerSoort.MAATSCHAPPELIJK),
)
WERF, LOGISTIEK, HOGESCHOOL, MBO, STICHTING = (naam for naam, _ in DEMO_PARTNERS)

# Theme -> its activities: (name, description, yearly contribution per municipality, partners).
DEMO_THEMAS = {
    "Werklocaties (demo)": (
        "Voldoende en toekomstbestendige ruimte om te werken.",
        (
            ("Regionale strategie werklocaties", "Gezamenlijke programmering.", 15000, [LOGISTIEK]),
            ("Herstructurering bedrijventerreinen", "Verouderde terreinen.", 20000, [WERF]),
            ("Parkmanagement", "Beheer samen met ondernemers.", 5000, [LOGISTIEK]),
            ("Monitor bedrijventerreinen", "Jaarlijkse monitor.", 2500, []),
        ),
    ),
    "Arbeidsmarkt en onderwijs (demo)": (
        "Goed opgeleide mensen op de juiste plek.",
        (
            ("Leren en werken in de techniek", "Leerwerktrajecten.", 12500, [MBO, WERF]),
            ("Regionaal arbeidsmarktoffensief", "Werkgeversdienstverlening.", 10000, [STICHTING]),
            ("Skills-paspoort", "Vaardigheden zichtbaar maken.", 5000, [MBO]),
            ("Techniekpact onderwijs", "Techniek in het basisonderwijs.", 7500, [HOGESCHOOL]),
        ),
    ),
    "Maritieme technologie (demo)": (
        "De maritieme maakindustrie als economische motor.",
        (
            ("Maritiem innovatieprogramma", "Innovatie in het mkb.", 17500, [WERF, HOGESCHOOL]),
            (
                "Fieldlab maritieme productie",
                "Proeftuin voor slim produceren.",
                15000,
                [WERF, HOGESCHOOL, GORINCHEM_PARTNER],
            ),
            ("Maritieme talentontwikkeling", "Instroom van vakmensen.", 7500, [MBO]),
        ),
    ),
    "Energietransitie (demo)": (
        "Een betaalbare en duurzame energievoorziening voor bedrijven.",
        (
            ("Energiehub bedrijventerreinen", "Lokaal energie delen.", 10000, [LOGISTIEK]),
            ("Warmtenet-verkenning", "Verkenning van een regionaal warmtenet.", 7500, []),
            ("Netcongestie-aanpak", "Samen wachtrijen op het net verkorten.", 12500, [WERF]),
            ("Waterstofverkenning", "Kansen voor waterstof.", 5000, [HOGESCHOOL]),
        ),
    ),
    "Vrijetijdseconomie (demo)": (
        "Een aantrekkelijke regio om te bezoeken en te verblijven.",
        (
            ("Regiomarketing", "Eén verhaal voor de regio.", 10000, [STICHTING]),
            ("Rivierrecreatie", "Recreatie aan en op het water.", 7500, [GORINCHEM_PARTNER]),
            ("Evenementenfonds", "Steun voor regionale evenementen.", 5000, []),
        ),
    ),
}

# Per municipality: ambtenaar, wethouder, regisseur and raadslid (first name, last name).
DEMO_MENSEN = {
    "alblasserdam": (
        ("Sanne", "de Jong"),
        ("Peter", "van der Linden"),
        ("Mariëlle", "Bakker"),
        ("Kees", "Verhoef"),
    ),
    "dordrecht": (
        ("Thijs", "Mulder"),
        ("Ingrid", "van Dam"),
        ("Rob", "Visser"),
        ("Fatima", "El Amrani"),
    ),
    "hardinxveld-giessendam": (
        ("Lotte", "Kooiman"),
        ("Jan", "Boer"),
        ("Esther", "de Groot"),
        ("Arie", "van Wijngaarden"),
    ),
    "hendrik-ido-ambacht": (
        ("Daan", "Smit"),
        ("Annemiek", "Hoogendoorn"),
        ("Bas", "Schouten"),
        ("Noor", "Kuipers"),
    ),
    "papendrecht": (
        ("Eva", "van Leeuwen"),
        ("Gerard", "Vermeulen"),
        ("Yvonne", "Dekker"),
        ("Mehmet", "Yılmaz"),
    ),
    "sliedrecht": (
        ("Ruben", "de Wit"),
        ("Marjolein", "Brouwer"),
        ("Wouter", "Pols"),
        ("Linda", "Stam"),
    ),
    "zwijndrecht": (
        ("Femke", "Jansen"),
        ("Hans", "van Es"),
        ("Sophie", "Maas"),
        ("Joost", "Timmer"),
    ),
}
DEMO_BEHEERDER = ("Karin", "Vos")

# Role -> (username prefix, function, regiekamer the role sits in).
DEMO_ROLLEN = (
    (Rol.AMBTENAAR, "ambtenaar", "Beleidsadviseur economie", None),
    (Rol.BESTUURLIJKE_REGIEKAMER, "wethouder", "Wethouder economie", RegiekamerSoort.BESTUURLIJK),
    (
        Rol.AMBTELIJKE_REGIEKAMER,
        "regisseur",
        "Regisseur regionale samenwerking",
        RegiekamerSoort.AMBTELIJK,
    ),
    (Rol.RAADSLID, "raadslid", "Gemeenteraadslid", None),
)

# Activity -> (status, proposal, coalition form, priority, scores, rationale, proposed
# municipalities).
DEMO_BEOORDELINGEN = {
    "Parkmanagement": (BeoordelingStatus.CONCEPT, "", "", "", (4, None, None), "", ()),
    "Skills-paspoort": (
        BeoordelingStatus.CONCEPT,
        Voorstel.HERGROEPEREN,
        Coalitievorm.KLEINER,
        Prioriteit.MIDDEL,
        (3, 3, 2),
        "Demo: vooral Dordrecht en Zwijndrecht gebruiken het paspoort; verder in kleinere kring.",
        ("dordrecht", "zwijndrecht"),
    ),
    "Evenementenfonds": (
        BeoordelingStatus.CONCEPT,
        Voorstel.STOPPEN,
        "",
        Prioriteit.LAAG,
        (2, 2, 3),
        "Demo: de evenementen worden ook lokaal gesteund.",
        (),
    ),
    "Regionale strategie werklocaties": (
        BeoordelingStatus.INGEDIEND,
        Voorstel.DOORZETTEN,
        "",
        Prioriteit.HOOG,
        (5, 5, 4),
        "Demo: ruimte voor werklocaties is alleen regionaal goed te programmeren.",
        (),
    ),
    "Fieldlab maritieme productie": (
        BeoordelingStatus.INGEDIEND,
        Voorstel.HERGROEPEREN,
        Coalitievorm.GROTER,
        Prioriteit.HOOG,
        (4, 5, 3),
        "Demo: samen met Gorinchem en de kennisinstellingen verder in een grotere coalitie.",
        ("alblasserdam", "dordrecht", "hardinxveld-giessendam", "sliedrecht"),
    ),
    "Warmtenet-verkenning": (
        BeoordelingStatus.INGEDIEND,
        Voorstel.STOPPEN,
        "",
        Prioriteit.LAAG,
        (2, 3, 2),
        "Demo: de verkenning is afgerond; de uitvoering ligt bij de netbeheerder.",
        (),
    ),
}
# Savings of a stop proposal, per year.
DEMO_CONSEQUENTIES = {
    "Warmtenet-verkenning": ((2025, Decimal("-26250.00")), (2026, Decimal("-52500.00"))),
}

# Recommendation number -> milestones: (title, owner, deadline, status, done on, depends on).
# An owner is a RegiekamerSoort or a municipality's slug.
DEMO_MIJLPALEN = (
    (
        4,
        "Ambtelijke en bestuurlijke regiekamer ingericht (demo)",
        RegiekamerSoort.BESTUURLIJK,
        datetime.date(2024, 12, 1),
        datetime.date(2024, 11, 20),
        None,
    ),
    (
        1,
        "Rolverdeling burgemeesters en wethouders in de regio vastgelegd (demo)",
        RegiekamerSoort.BESTUURLIJK,
        datetime.date(2025, 3, 1),
        datetime.date(2025, 3, 5),
        None,
    ),
    (
        5,
        "Overdracht van de verantwoordelijkheden van voorzitter en vice-voorzitter (demo)",
        RegiekamerSoort.BESTUURLIJK,
        datetime.date(2025, 2, 1),
        datetime.date(2025, 2, 10),
        None,
    ),
    (
        6,
        "Weging van alle activiteiten per thema afgerond (demo)",
        RegiekamerSoort.AMBTELIJK,
        datetime.date(2025, 4, 1),
        None,
        None,
    ),
    (
        9,
        "Nieuwe inrichting van ROM-D en Deal verkend (demo)",
        "zwijndrecht",
        datetime.date(2025, 5, 1),
        None,
        None,
    ),
    (
        8,
        "Doorontwikkeling van de Economic Board Drechtsteden uitgewerkt (demo)",
        RegiekamerSoort.BESTUURLIJK,
        datetime.date(2025, 5, 15),
        None,
        None,
    ),
    (
        7,
        "Voorstel voor een aangepaste samenwerkingsovereenkomst (demo)",
        "dordrecht",
        datetime.date(2025, 6, 1),
        None,
        "Weging van alle activiteiten per thema afgerond (demo)",
    ),
    (
        10,
        "Concept-uitvoeringsprogramma met begroting (demo)",
        RegiekamerSoort.AMBTELIJK,
        datetime.date(2025, 7, 1),
        None,
        "Weging van alle activiteiten per thema afgerond (demo)",
    ),
)
DEMO_MIJLPAAL_BEZIG = {
    "Weging van alle activiteiten per thema afgerond (demo)",
    "Nieuwe inrichting van ROM-D en Deal verkend (demo)",
}


def demo_username(prefix: str, gemeente: Gemeente) -> str:
    return f"{prefix}-{gemeente.slug}"


def load_demo(loader: Loader) -> None:
    gemeenten = list(Gemeente.objects.filter(is_drechtstad=True).order_by("naam"))
    per_slug = {gemeente.slug: gemeente for gemeente in gemeenten}
    partners = _demo_partners(loader)
    themas, activiteiten, bijdragen = _demo_themas(loader, gemeenten, partners)
    _demo_accounts(loader, gemeenten, themas)
    _demo_beoordelingen(loader, activiteiten, per_slug, partners)
    _demo_mijlpalen(loader, per_slug)
    _demo_financien(loader, themas, activiteiten, bijdragen)
    _demo_kaderwijziging(loader, gemeenten)


def _demo_partners(loader: Loader) -> dict[str, Partner]:
    partners = {
        naam: loader.ensure(Partner, {"naam": naam}, initial={"soort": soort, "is_demo": True})
        for naam, soort in DEMO_PARTNERS
    }
    partners[GORINCHEM_PARTNER] = Partner.objects.get(naam=GORINCHEM_PARTNER)
    return partners


def _demo_themas(
    loader: Loader, gemeenten: list[Gemeente], partners: dict[str, Partner]
) -> tuple[list[Thema], dict[str, Activiteit], Counter]:
    """Themes, activities and participations; returns each municipality's total contribution."""
    themas, activiteiten, bijdragen = [], {}, Counter()
    volgnummer = 0
    for naam, (beschrijving, items) in DEMO_THEMAS.items():
        thema = loader.ensure(
            Thema,
            {"slug": slugify(naam)},
            initial={"naam": naam, "beschrijving": f"Demothema. {beschrijving}", "is_demo": True},
        )
        themas.append(thema)
        for act_naam, act_beschrijving, bedrag, partner_namen in items:
            activiteit = loader.ensure(
                Activiteit,
                {"thema": thema, "slug": slugify(act_naam)},
                initial={
                    "naam": act_naam,
                    "beschrijving": f"Demo-activiteit. {act_beschrijving}",
                    "vorm": "Demo: samenwerking van de deelnemende gemeenten.",
                    "is_demo": True,
                },
            )
            activiteiten[act_naam] = activiteit
            if activiteit.partners.count() == 0:
                loader.ensure_m2m(activiteit, "partners", [partners[p] for p in partner_namen])
            for gemeente in _demo_deelnemers(gemeenten, volgnummer):
                # Dordrecht, the largest municipality, contributes double in the demo.
                jaarbedrag = Decimal(bedrag * (2 if gemeente.slug == "dordrecht" else 1))
                deelname = loader.ensure(
                    Deelname,
                    {"activiteit": activiteit, "gemeente": gemeente},
                    initial={"jaarlijkse_bijdrage": jaarbedrag.quantize(Decimal("0.01"))},
                )
                bijdragen[gemeente.slug] += deelname.jaarlijkse_bijdrage
            volgnummer += 1
    return themas, activiteiten, bijdragen


def _demo_deelnemers(gemeenten: list[Gemeente], volgnummer: int) -> list[Gemeente]:
    """All seven in every third activity, otherwise four in turn: coalitions of different size."""
    if volgnummer % 3 == 0:
        return gemeenten
    return [gemeenten[(volgnummer + i) % len(gemeenten)] for i in range(4)]


def _demo_accounts(loader: Loader, gemeenten: list[Gemeente], themas: list[Thema]) -> None:
    # Hashing is deliberately slow and the password is the same published 'demo' for every
    # account, so one hash serves every account this run creates.
    password = make_password(DEMO_PASSWORD)
    groups = {rol: Group.objects.get_or_create(name=rol.value)[0] for rol in Rol}
    regiekamers = {kamer.soort: kamer for kamer in Regiekamer.objects.all()}

    beheerder = _demo_user(loader, "beheerder", DEMO_BEHEERDER, password, is_staff=True)
    beheerder.groups.add(groups[Rol.BEHEERDER])
    loader.ensure(
        Profiel,
        {"gebruiker": beheerder},
        initial={"gemeente": None, "functie": "Functioneel beheerder" + DEMO_FUNCTIE_SUFFIX},
    )

    for index, gemeente in enumerate(gemeenten):
        for (rol, prefix, functie, soort), naam in zip(
            DEMO_ROLLEN, DEMO_MENSEN[gemeente.slug], strict=True
        ):
            user = _demo_user(loader, demo_username(prefix, gemeente), naam, password)
            user.groups.add(groups[rol])
            loader.ensure(
                Profiel,
                {"gebruiker": user},
                initial={"gemeente": gemeente, "functie": functie + DEMO_FUNCTIE_SUFFIX},
            )
            if soort is not None:
                _demo_lidmaatschap(loader, regiekamers[soort], user, gemeente)
            if rol == Rol.AMBTENAAR:
                # Every theme gets a team: the i-th civil servant is in theme i, and some in a
                # second theme too.
                eigen = {index % len(themas)} | (
                    {(index + 2) % len(themas)} if index % 2 else set()
                )
                for thema_index in sorted(eigen):
                    loader.ensure(Teamlid, {"thema": themas[thema_index], "gebruiker": user})


def _demo_user(
    loader: Loader, username: str, naam: tuple[str, str], password: str, *, is_staff: bool = False
) -> AbstractBaseUser:
    """A demo account; the auth user keeps no history, so only a new one counts in the summary."""
    User = get_user_model()
    voornaam, achternaam = naam
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": voornaam,
            "last_name": achternaam,
            "email": f"{username}@demo.invalid",
            "is_staff": is_staff,
            "password": password,
        },
    )
    if created:
        loader.verslag.aangemaakt[User._meta.verbose_name_plural] += 1
    return user


def _demo_lidmaatschap(
    loader: Loader, regiekamer: Regiekamer, user: AbstractBaseUser, gemeente: Gemeente
) -> None:
    loader.ensure(
        Lidmaatschap,
        {"regiekamer": regiekamer, "gebruiker": user, "gemeente": gemeente},
        initial={"rol": LidRol.LID, "van": DEMO_LIDMAATSCHAP_VAN},
    )


def _demo_beoordelingen(
    loader: Loader,
    activiteiten: dict[str, Activiteit],
    per_slug: dict[str, Gemeente],
    partners: dict[str, Partner],
) -> None:
    for act_naam, spec in DEMO_BEOORDELINGEN.items():
        status, voorstel, coalitievorm, prioriteit, scores, onderbouwing, voorgesteld = spec
        activiteit = activiteiten[act_naam]
        if activiteit.beoordelingen.exists():
            continue  # already reviewed, perhaps further along the flow in a demo session
        beoordeling = loader.ensure(
            Beoordeling,
            {"activiteit": activiteit, "ronde": 1},
            initial={
                "status": status,
                "voorstel": voorstel,
                "coalitievorm": coalitievorm,
                "prioriteit": prioriteit,
                "score_lokaal": scores[0],
                "score_regionaal": scores[1],
                "score_organisatie": scores[2],
                "onderbouwing": onderbouwing,
                "ingediend_op": DEMO_INGEDIEND_OP
                if status == BeoordelingStatus.INGEDIEND
                else None,
            },
        )
        if voorgesteld:
            loader.ensure_m2m(
                beoordeling, "voorgestelde_gemeenten", [per_slug[slug] for slug in voorgesteld]
            )
        if coalitievorm == Coalitievorm.GROTER:
            loader.ensure_m2m(
                beoordeling,
                "voorgestelde_partners",
                [partners[GORINCHEM_PARTNER], partners[HOGESCHOOL]],
            )
        for jaar, bedrag in DEMO_CONSEQUENTIES.get(act_naam, ()):
            loader.ensure(
                FinancieleConsequentie,
                {"beoordeling": beoordeling, "jaar": jaar},
                initial={"bedrag": bedrag},
            )


def _demo_mijlpalen(loader: Loader, per_slug: dict[str, Gemeente]) -> None:
    plan = Transitieplan.objects.get(naam=TRANSITIEPLAN)
    aanbevelingen = {a.nummer: a for a in plan.aanbevelingen.all()}
    regiekamers = {kamer.soort: kamer for kamer in Regiekamer.objects.all()}
    mijlpalen = {}
    for nummer, titel, eigenaar, deadline, gereed_op, _afhankelijk in DEMO_MIJLPALEN:
        if gereed_op is not None:
            status = MijlpaalStatus.GEREED
        elif titel in DEMO_MIJLPAAL_BEZIG:
            status = MijlpaalStatus.BEZIG
        else:
            status = MijlpaalStatus.GEPLAND
        mijlpalen[titel] = loader.ensure(
            Mijlpaal,
            {"aanbeveling": aanbevelingen[nummer], "titel": titel},
            initial={
                "eigenaar_regiekamer": regiekamers.get(eigenaar),
                "eigenaar_gemeente": per_slug.get(eigenaar),
                "deadline": deadline,
                "status": status,
                "gereed_op": gereed_op,
                "is_demo": True,
            },
        )
    for _nummer, titel, _eigenaar, _deadline, _gereed_op, afhankelijk in DEMO_MIJLPALEN:
        mijlpaal = mijlpalen[titel]
        if afhankelijk and not mijlpaal.afhankelijk_van.exists():
            loader.ensure_m2m(mijlpaal, "afhankelijk_van", [mijlpalen[afhankelijk]])


def _demo_financien(
    loader: Loader, themas: list[Thema], activiteiten: dict[str, Activiteit], bijdragen: Counter
) -> None:
    """2024 lines per theme and contributions per municipality, from the participations."""
    begroting = Begroting.objects.get(jaar=BEGROTING_JAAR)
    for thema in themas:
        totaal = sum(
            (
                deelname.jaarlijkse_bijdrage
                for activiteit in activiteiten.values()
                if activiteit.thema_id == thema.pk
                for deelname in activiteit.deelnames.all()
            ),
            Decimal("0.00"),
        )
        loader.ensure(
            Begrotingspost,
            {"begroting": begroting, "omschrijving": f"Thema {thema.naam}", "thema": thema},
            initial={"soort": PostSoort.UITGAVE, "bedrag": totaal, "is_demo": True},
        )
    for gemeente in Gemeente.objects.filter(is_drechtstad=True).order_by("naam"):
        loader.ensure(
            Bijdrage,
            {
                "begroting": begroting,
                "bron": BijdrageBron.GEMEENTE,
                "gemeente": gemeente,
                "omschrijving": f"Bijdrage {gemeente.naam} aan de Groeiagenda 2024 (demo)",
            },
            initial={
                "bedrag": bijdragen[gemeente.slug],
                "status": BijdrageStatus.TOEGEZEGD,
                "is_demo": True,
            },
        )


# The seed's own letter, loaded as published so that a council member first finds the real letter.

SEED_BRIEF_BESTAND = (
    Path(__file__).parent / "data" / "raadsinformatiebrief-doorontwikkeling-samenwerking.txt"
)
SEED_BRIEF_TITEL = "Doorontwikkeling bestuurlijke samenwerking Drechtsteden"
SEED_BRIEF_ONDERWERP = (
    "Stand van zaken en vervolg van de bestuursopdracht 'Doorontwikkeling bestuurlijke "
    "samenwerking Drechtsteden voor het ruimtelijk economisch domein'"
)
# The seed file carries no date; the letter was sent after the research ended (mid-2024) and before
# the budget was continued into 2025. This date is an assumption, kept in one place.
SEED_BRIEF_DATUM = datetime.date(2024, 11, 1)
SEED_BRIEF_KOPPEN = {
    "Inleiding": SectieSoort.INLEIDING,
    "Kernboodschap": SectieSoort.KERNBOODSCHAP,
    "Consequenties": SectieSoort.CONSEQUENTIES,
    "Vervolg": SectieSoort.VERVOLG,
    "Bijlage": SectieSoort.BIJLAGEN,
}
# A short first line of a paragraph without closing punctuation is one of the letter's subheadings.
TUSSENKOP_MAX = 70


def seed_letter_sections(tekst: str) -> dict[str, str]:
    """The seed letter's text split into its five sections, in the portal's small markup.

    The file is text extracted from a PDF: a line with only a space ends a paragraph, empty lines
    are extraction noise, and a line ending in a hyphen continues the word on the next line.
    """
    secties: dict[str, list[list[str]]] = {}
    alineas: list[list[str]] | None = None
    for ruwe_regel in tekst.splitlines():
        regel = ruwe_regel.strip()
        if regel in SEED_BRIEF_KOPPEN:
            alineas = secties.setdefault(SEED_BRIEF_KOPPEN[regel], [[]])
        elif alineas is None:
            continue
        elif regel:
            alineas[-1].append(regel)
        elif ruwe_regel and alineas[-1]:
            alineas.append([])
    return {soort: _seed_markup(alineas) for soort, alineas in secties.items()}


def _seed_markup(alineas: list[list[str]]) -> str:
    blokken = []
    for regels in alineas:
        if not regels:
            continue
        if regels[0].startswith("- "):
            blokken.append("\n".join(regels))
            continue
        kop = None
        if len(regels) > 1 and len(regels[0]) <= TUSSENKOP_MAX and regels[0][-1] not in ".,:;)":
            kop, regels = regels[0], regels[1:]
        tekst = ""
        for regel in regels:
            if tekst.endswith("-") and not tekst.endswith(" -"):
                tekst += regel
            else:
                tekst = f"{tekst} {regel}" if tekst else regel
        blokken.append(f"## {kop}\n{tekst}" if kop else tekst)
    return "\n\n".join(blokken)


DEMO_KADERWIJZIGING = "Bijstelling kader Groeiagenda 2025 (demo)"
DEMO_KADERWIJZIGING_DATUM = datetime.date(2025, 1, 15)
# Where the demo's councils stand: three adopted, the others still deciding.
DEMO_RAADSBESLUITEN = {
    "dordrecht": datetime.date(2025, 2, 13),
    "papendrecht": datetime.date(2025, 2, 20),
    "zwijndrecht": datetime.date(2025, 3, 4),
}


def _demo_kaderwijziging(loader: Loader, gemeenten: list[Gemeente]) -> None:
    wijziging = loader.ensure(
        Kaderwijziging,
        {"titel": DEMO_KADERWIJZIGING},
        initial={
            "omschrijving": "Demodata. Een voorbeeld van een wijziging van de financiële kaders "
            "die ter vaststelling aan de zeven gemeenteraden is voorgelegd.",
            "bedrag": Decimal("-50000.00"),
            "datum": DEMO_KADERWIJZIGING_DATUM,
            "is_demo": True,
        },
    )
    for gemeente in gemeenten:
        besloten_op = DEMO_RAADSBESLUITEN.get(gemeente.slug)
        loader.ensure(
            Raadsbehandeling,
            {"kaderwijziging": wijziging, "gemeente": gemeente},
            initial={
                "status": RaadsbehandelingStatus.VASTGESTELD
                if besloten_op
                else RaadsbehandelingStatus.VOORGELEGD,
                "datum": besloten_op or DEMO_KADERWIJZIGING_DATUM,
            },
        )


# What the seed letter promises the councils, all seven of them. The letter names no dates; it
# asks for the implementation "uiterlijk op 1 juli 2025", the end of the process it speaks of.
SEED_TOEZEGGINGEN_VERWACHT = datetime.date(2025, 7, 1)
SEED_TOEZEGGINGEN = (
    "Wijzigingen met betrekking tot de (financiële) kaders worden ter vaststelling aan de "
    "gemeenteraden voorgelegd.",
    "Aan het einde van het proces wordt een (nieuw) uitvoeringsprogramma inclusief begroting "
    "opgesteld, waarin de inhoudelijke en financiële consequenties worden verwerkt.",
    "Aan de hand van een inhoudelijke analyse en dialoog worden mogelijke meerjarige financiële "
    "keuzes en de consequenties daarvan inzichtelijk gemaakt, om de gemeenten te helpen "
    "weloverwogen keuzes te maken in hun bezuinigingsopgaven.",
)


def load_seed_letter(loader: Loader) -> Raadsinformatiebrief:
    """The seed's letter: loaded as a draft, then published through the publishing service after
    the commit, which renders each council's PDF once (that takes seconds; the facts need not wait
    for it). A run whose publishing failed leaves the draft, and the next run publishes it."""
    brief = Raadsinformatiebrief.objects.filter(titel=SEED_BRIEF_TITEL).first()
    if brief is None or brief.status != BriefStatus.GEPUBLICEERD:
        secties = seed_letter_sections(SEED_BRIEF_BESTAND.read_text(encoding="utf-8"))
        brief = loader.ensure(
            Raadsinformatiebrief,
            {"titel": SEED_BRIEF_TITEL},
            {"onderwerp": SEED_BRIEF_ONDERWERP, "datum": SEED_BRIEF_DATUM},
        )
        for soort, tekst in secties.items():
            loader.ensure(Briefsectie, {"brief": brief, "soort": soort}, initial={"tekst": tekst})
        transaction.on_commit(lambda: publish_seed_letter(loader, brief))
    for tekst in SEED_TOEZEGGINGEN:
        # `initial`: a commitment settled in the portal stays settled on the next run.
        loader.ensure(
            Toezegging,
            {"brief": brief, "tekst": tekst},
            initial={"verwacht_op": SEED_TOEZEGGINGEN_VERWACHT},
        )
    return brief


def publish_seed_letter(loader: Loader, brief: Raadsinformatiebrief) -> None:
    """Publish the seed's letter with the date it was sent, as the system account."""
    brief_publish(
        acting_user=system_user(),
        brief=brief,
        gepubliceerd_op=datetime.datetime.combine(
            SEED_BRIEF_DATUM, datetime.time(12), tzinfo=datetime.UTC
        ),
    )
    loader.verslag.gewijzigd[Raadsinformatiebrief._meta.verbose_name_plural] += 1
