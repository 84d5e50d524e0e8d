"""The facts of the raadsinformatiebrief: municipalities, regiekamers, plan and budget."""

import datetime
from decimal import Decimal

from django.utils.text import slugify

from drechtsteden.models import Gemeente
from thema.constants import PartnerSoort
from thema.models import (
    Partner,
)
from transitie.constants import (
    BijdrageBron,
    BijdrageStatus,
    Herkomst,
    Inzicht,
    PostSoort,
    RegiekamerSoort,
)
from transitie.financien.models import (
    Begroting,
    Begrotingspost,
    Bijdrage,
)
from transitie.financien.services import begroting_voortzetten
from transitie.plan.models import Aanbeveling, Transitieplan
from transitie.regiekamer.models import Regiekamer, Verantwoordelijkheid
from transitie.seed.laden import Loader

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
