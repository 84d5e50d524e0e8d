"""Demo data, marked as such: themes, activities, people, reviews, milestones, finance."""

import datetime
from collections import Counter
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AbstractBaseUser, Group
from django.utils.text import slugify

from drechtsteden.constants import Rol
from drechtsteden.models import Gemeente, Profiel
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
from transitie.constants import (
    BijdrageBron,
    BijdrageStatus,
    LidRol,
    MijlpaalStatus,
    PostSoort,
    RaadsbehandelingStatus,
    RegiekamerSoort,
)
from transitie.financien.models import (
    Begroting,
    Begrotingspost,
    Bijdrage,
    Kaderwijziging,
    Raadsbehandeling,
)
from transitie.plan.models import Mijlpaal, Transitieplan
from transitie.regiekamer.models import Lidmaatschap, Regiekamer
from transitie.seed.feiten import BEGROTING_JAAR, GORINCHEM_PARTNER, TRANSITIEPLAN
from transitie.seed.laden import Loader

DEMO_PASSWORD = "demo"


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
