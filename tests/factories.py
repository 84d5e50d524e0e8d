"""factory_boy factories for every model of the portal, valid against every database constraint.

Named presets are traits: `GemeenteFactory(drechtstad=True)`, `UserFactory(ambtenaar=True)`,
`BeoordelingFactory(ingediend=True)`, `MijlpaalFactory(te_laat=True)`, ...

Pass `history_user=<user>` to any factory of a historied model to record that user in the
creation's history row, as a service does with `_history_user`.
"""

import datetime
import functools
import hashlib
import io
from decimal import Decimal

import factory
import pikepdf
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify

from drechtsteden.constants import Rol
from drechtsteden.meldingen.constants import MailKeuze, MeldingSoort
from drechtsteden.models import Bezorging, Gemeente, Melding, MeldingVoorkeur, Profiel
from thema.constants import (
    ActiviteitStatus,
    BeoordelingStatus,
    Coalitievorm,
    PartnerSoort,
    Prioriteit,
    Voorstel,
)
from thema.models import (
    Activiteit,
    Beoordeling,
    Deelname,
    FinancieleConsequentie,
    Partner,
    Teamlid,
    Thema,
)
from transitie.brieven.models import (
    Briefbijlage,
    Briefpublicatie,
    Briefsectie,
    Publicatieopdracht,
    Publicatiestap,
    Raadsinformatiebrief,
    Toezegging,
)
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
from transitie.financien.models import (
    Begroting,
    Begrotingspost,
    Bijdrage,
    Kaderwijziging,
    Raadsbehandeling,
)
from transitie.plan.models import Aanbeveling, Mijlpaal, Transitieplan
from transitie.regiekamer.models import (
    Advies,
    Besluit,
    Lidmaatschap,
    Regiekamer,
    Stem,
    Verantwoordelijkheid,
)

DEMO_PASSWORD = "demo"
PLAN_DEADLINE = datetime.date(2025, 7, 1)


@functools.cache
def _demo_password_hash() -> str:
    # Hashing is deliberately slow; one hash serves every user a test run creates.
    return make_password(DEMO_PASSWORD)


def _today() -> datetime.date:
    return timezone.localdate()


class ModelFactory(factory.django.DjangoModelFactory):
    """Base factory: no extra save after post-generation hooks (every save writes history)."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @classmethod
    def _create(cls, model_class, *args, history_user=None, **kwargs):
        if history_user is None:
            return super()._create(model_class, *args, **kwargs)
        if cls._meta.django_get_or_create:
            lookup = {field: kwargs[field] for field in cls._meta.django_get_or_create}
            existing = model_class._default_manager.filter(**lookup).first()
            if existing is not None:
                return existing
        instance = model_class(*args, **kwargs)
        instance._history_user = history_user
        instance.save(force_insert=True)
        return instance


def _add_m2m(field: str):
    """A post-generation hook that adds the given objects to a many-to-many field."""

    def hook(obj, create, extracted, **kwargs):
        if create and extracted:
            getattr(obj, field).add(*extracted)

    hook.__name__ = field
    return factory.post_generation(hook)


def _add_role(rol: Rol):
    """A post-generation hook that puts the user in the role's group; role traits switch it on."""

    def hook(obj, create, extracted, **kwargs):
        if create:
            group, _ = Group.objects.get_or_create(name=rol.value)
            obj.groups.add(group)

    hook.__name__ = f"rol_{rol.name.lower()}"
    return factory.post_generation(hook)


# drechtsteden


class GemeenteFactory(ModelFactory):
    class Meta:
        model = Gemeente

    naam = factory.Sequence(lambda n: f"Gemeente {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.naam))
    # GM9000 and up: no real municipality has such a code, so factories never clash with the seed.
    cbs_code = factory.Sequence(lambda n: f"GM{9000 + n % 1000:04d}")
    is_drechtstad = False

    class Params:
        drechtstad = factory.Trait(is_drechtstad=True)


class UserFactory(ModelFactory):
    """A user with password "demo"; role traits add the role's group.

    `UserFactory(gemeente=g)` also gives the user a Profiel for that municipality
    (`gemeente__functie="..."` sets the function).
    """

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"gebruiker-{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.nl")
    password = factory.LazyFunction(_demo_password_hash)
    is_staff = False
    is_superuser = False

    class Params:
        ambtenaar = factory.Trait(rol_ambtenaar=_add_role(Rol.AMBTENAAR))
        regisseur = factory.Trait(rol_regisseur=_add_role(Rol.AMBTELIJKE_REGIEKAMER))
        wethouder = factory.Trait(rol_wethouder=_add_role(Rol.BESTUURLIJKE_REGIEKAMER))
        raadslid = factory.Trait(rol_raadslid=_add_role(Rol.RAADSLID))
        beheerder = factory.Trait(is_staff=True, rol_beheerder=_add_role(Rol.BEHEERDER))
        superuser = factory.Trait(is_staff=True, is_superuser=True)

    @factory.post_generation
    def gemeente(obj, create, extracted, **kwargs):
        if create and extracted:
            ProfielFactory(gebruiker=obj, gemeente=extracted, **kwargs)


class ProfielFactory(ModelFactory):
    class Meta:
        model = Profiel

    gebruiker = factory.SubFactory(UserFactory)
    gemeente = factory.SubFactory(GemeenteFactory, drechtstad=True)
    functie = "Beleidsadviseur"


# thema


class ThemaFactory(ModelFactory):
    class Meta:
        model = Thema

    naam = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.naam))
    beschrijving = "Een thema om mee te testen."
    is_demo = False


class TeamlidFactory(ModelFactory):
    class Meta:
        model = Teamlid

    thema = factory.SubFactory(ThemaFactory)
    gebruiker = factory.SubFactory(UserFactory, ambtenaar=True)


class PartnerFactory(ModelFactory):
    class Meta:
        model = Partner

    naam = factory.Sequence(lambda n: f"Partner {n}")
    soort = PartnerSoort.BEDRIJFSLEVEN
    gemeente = None
    is_demo = False

    class Params:
        kennisinstelling = factory.Trait(soort=PartnerSoort.KENNISINSTELLING)
        buurgemeente = factory.Trait(
            soort=PartnerSoort.OVERHEID, gemeente=factory.SubFactory(GemeenteFactory)
        )


class ActiviteitFactory(ModelFactory):
    """`ActiviteitFactory(partners=[p1, p2])` adds partners (one more history row)."""

    class Meta:
        model = Activiteit

    thema = factory.SubFactory(ThemaFactory)
    naam = factory.Sequence(lambda n: f"Activiteit {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.naam))
    beschrijving = "Een activiteit om mee te testen."
    vorm = "Regionaal, met alle zeven gemeenten."
    status = ActiviteitStatus.ACTIEF
    is_demo = False

    class Params:
        voorgesteld = factory.Trait(status=ActiviteitStatus.VOORGESTELD)
        beeindigd = factory.Trait(status=ActiviteitStatus.BEEINDIGD)

    partners = _add_m2m("partners")


class DeelnameFactory(ModelFactory):
    class Meta:
        model = Deelname

    activiteit = factory.SubFactory(ActiviteitFactory)
    gemeente = factory.SubFactory(GemeenteFactory, drechtstad=True)
    jaarlijkse_bijdrage = Decimal("10000.00")


_COMPLETE_REVIEW = {
    "score_lokaal": 4,
    "score_regionaal": 3,
    "score_organisatie": 4,
    "prioriteit": Prioriteit.HOOG,
    "voorstel": Voorstel.DOORZETTEN,
    "onderbouwing": "Draagt bij aan lokale en regionale doelen en is logisch georganiseerd.",
    "ingediend_op": factory.LazyFunction(timezone.now),
}


class BeoordelingFactory(ModelFactory):
    """A concept review by default; the state traits fill in what that state requires.

    `voorgestelde_gemeenten=[...]` and `voorgestelde_partners=[...]` add to the coalition.
    """

    class Meta:
        model = Beoordeling

    activiteit = factory.SubFactory(ActiviteitFactory)
    ronde = 1
    status = BeoordelingStatus.CONCEPT

    class Params:
        compleet = factory.Trait(**_COMPLETE_REVIEW)
        ingediend = factory.Trait(compleet=True, status=BeoordelingStatus.INGEDIEND)
        geadviseerd = factory.Trait(compleet=True, status=BeoordelingStatus.GEADVISEERD)
        vastgesteld = factory.Trait(compleet=True, status=BeoordelingStatus.VASTGESTELD)
        afgewezen = factory.Trait(compleet=True, status=BeoordelingStatus.AFGEWEZEN)
        hergroeperen = factory.Trait(
            voorstel=Voorstel.HERGROEPEREN, coalitievorm=Coalitievorm.KLEINER
        )
        stoppen = factory.Trait(voorstel=Voorstel.STOPPEN)
        toevoegen = factory.Trait(
            voorstel=Voorstel.TOEVOEGEN,
            nieuwe_activiteit_naam="Nieuwe activiteit",
            nieuwe_activiteit_beschrijving="Een activiteit die erbij komt.",
        )

    voorgestelde_gemeenten = _add_m2m("voorgestelde_gemeenten")
    voorgestelde_partners = _add_m2m("voorgestelde_partners")


class FinancieleConsequentieFactory(ModelFactory):
    class Meta:
        model = FinancieleConsequentie

    beoordeling = factory.SubFactory(BeoordelingFactory)
    # 2025..2028 in turn, so up to four in a row for one review stay unique.
    jaar = factory.Sequence(lambda n: 2025 + n % 4)
    bedrag = Decimal("-5000.00")


# transitie: regiekamers


class RegiekamerFactory(ModelFactory):
    """There is one regiekamer of each kind; the factory reuses it."""

    class Meta:
        model = Regiekamer
        django_get_or_create = ("soort",)

    soort = RegiekamerSoort.AMBTELIJK
    naam = factory.LazyAttribute(lambda o: str(RegiekamerSoort(o.soort).label))
    ingesteld_op = datetime.date(2024, 7, 1)

    class Params:
        bestuurlijk = factory.Trait(soort=RegiekamerSoort.BESTUURLIJK)


class LidmaatschapFactory(ModelFactory):
    class Meta:
        model = Lidmaatschap

    regiekamer = factory.SubFactory(RegiekamerFactory)
    gebruiker = factory.SubFactory(UserFactory)
    gemeente = factory.SubFactory(GemeenteFactory, drechtstad=True)
    rol = LidRol.LID
    van = datetime.date(2024, 7, 1)
    tot = None

    class Params:
        beeindigd = factory.Trait(van=datetime.date(2024, 1, 1), tot=datetime.date(2024, 6, 30))
        voorzitter = factory.Trait(rol=LidRol.VOORZITTER)


class VerantwoordelijkheidFactory(ModelFactory):
    class Meta:
        model = Verantwoordelijkheid

    omschrijving = factory.Sequence(lambda n: f"Verantwoordelijkheid {n}")
    herkomst = Herkomst.VOORZITTER
    regiekamer = factory.SubFactory(RegiekamerFactory, bestuurlijk=True)
    houder = None
    sinds = datetime.date(2024, 7, 1)


# transitie: advice, votes and decisions


class AdviesFactory(ModelFactory):
    class Meta:
        model = Advies

    beoordeling = factory.SubFactory(BeoordelingFactory, ingediend=True)
    oordeel = AdviesOordeel.POSITIEF
    toelichting = "Het voorstel is goed onderbouwd."
    vervolg = AdviesVervolg.AGENDEREN
    reden_terugverwijzing = ""
    gegeven_door = factory.SubFactory(UserFactory, regisseur=True)

    class Params:
        terugverwijzen = factory.Trait(
            oordeel=AdviesOordeel.NEGATIEF,
            vervolg=AdviesVervolg.TERUGVERWIJZEN,
            reden_terugverwijzing="De onderbouwing mist de regionale doelen.",
        )


class StemFactory(ModelFactory):
    class Meta:
        model = Stem

    beoordeling = factory.SubFactory(BeoordelingFactory, geadviseerd=True)
    gemeente = factory.SubFactory(GemeenteFactory, drechtstad=True)
    keuze = StemKeuze.INSTEMMEN
    toelichting = ""
    uitgebracht_door = factory.SubFactory(UserFactory, wethouder=True)

    class Params:
        tegen = factory.Trait(keuze=StemKeuze.TEGEN)
        onthouden = factory.Trait(keuze=StemKeuze.ONTHOUDEN)


class BesluitFactory(ModelFactory):
    class Meta:
        model = Besluit

    beoordeling = factory.SubFactory(BeoordelingFactory, vastgesteld=True)
    uitkomst = BesluitUitkomst.AANGENOMEN
    besloten_op = factory.LazyFunction(timezone.now)
    toelichting = ""

    class Params:
        verworpen = factory.Trait(
            uitkomst=BesluitUitkomst.VERWORPEN,
            beoordeling=factory.SubFactory(BeoordelingFactory, afgewezen=True),
        )


def besluit_met_stemmen(stemmen: dict, *, verworpen: bool = False, **beoordeling) -> Besluit:
    """A decision taken in the portal's order: the votes on the advised proposal first, then the
    decision (a decided proposal takes no more votes). `stemmen` maps a gemeente to a choice."""
    voorstel = BeoordelingFactory(geadviseerd=True, **beoordeling)
    for gemeente, keuze in stemmen.items():
        StemFactory(beoordeling=voorstel, gemeente=gemeente, keuze=keuze)
    voorstel.status = BeoordelingStatus.AFGEWEZEN if verworpen else BeoordelingStatus.VASTGESTELD
    voorstel.save()
    uitkomst = BesluitUitkomst.VERWORPEN if verworpen else BesluitUitkomst.AANGENOMEN
    return BesluitFactory(beoordeling=voorstel, uitkomst=uitkomst)


# transitie: the plan


class TransitieplanFactory(ModelFactory):
    class Meta:
        model = Transitieplan

    naam = factory.Sequence(lambda n: f"Transitieplan {n}")
    deadline = PLAN_DEADLINE
    vastgesteld_op = None


class AanbevelingFactory(ModelFactory):
    class Meta:
        model = Aanbeveling

    transitieplan = factory.SubFactory(TransitieplanFactory)
    nummer = factory.Sequence(lambda n: n + 1)
    inzicht = Inzicht.WERKWIJZE
    titel = factory.Sequence(lambda n: f"Aanbeveling {n + 1}")
    toelichting = ""


class MijlpaalFactory(ModelFactory):
    """A planned milestone, owned by the ambtelijke regiekamer, due in a month.

    Traits: `gereed`, `te_laat` (deadline passed, not done), `gemeente_eigenaar`.
    `afhankelijk_van=[...]` adds dependencies.
    """

    class Meta:
        model = Mijlpaal

    aanbeveling = factory.SubFactory(AanbevelingFactory)
    titel = factory.Sequence(lambda n: f"Mijlpaal {n}")
    eigenaar_regiekamer = factory.SubFactory(RegiekamerFactory)
    eigenaar_gemeente = None
    deadline = factory.LazyFunction(lambda: _today() + datetime.timedelta(days=30))
    reden_na_plandeadline = factory.LazyAttribute(
        lambda o: (
            "Hangt af van de nieuwe samenwerkingsovereenkomst."
            if o.deadline > o.aanbeveling.transitieplan.deadline
            else ""
        )
    )
    status = MijlpaalStatus.GEPLAND
    gereed_op = None
    is_demo = False

    class Params:
        gereed = factory.Trait(
            status=MijlpaalStatus.GEREED,
            gereed_op=factory.LazyFunction(_today),
        )
        te_laat = factory.Trait(
            status=MijlpaalStatus.BEZIG,
            deadline=factory.LazyFunction(lambda: _today() - datetime.timedelta(days=14)),
        )
        gemeente_eigenaar = factory.Trait(
            eigenaar_regiekamer=None,
            eigenaar_gemeente=factory.SubFactory(GemeenteFactory, drechtstad=True),
        )

    afhankelijk_van = _add_m2m("afhankelijk_van")


# transitie: Groeiagenda finance


class BegrotingFactory(ModelFactory):
    class Meta:
        model = Begroting

    # From 2030 on, clear of the seed's 2024 and 2025 budgets.
    jaar = factory.Sequence(lambda n: 2030 + n % 70)
    naam = factory.LazyAttribute(lambda o: f"Groeiagenda {o.jaar}")
    voortzetting_van = None
    budgetneutraal = False
    toelichting = ""


class BegrotingspostFactory(ModelFactory):
    class Meta:
        model = Begrotingspost

    begroting = factory.SubFactory(BegrotingFactory)
    omschrijving = factory.Sequence(lambda n: f"Begrotingspost {n}")
    soort = PostSoort.UITGAVE
    thema = None
    bedrag = Decimal("50000.00")
    is_demo = False

    class Params:
        tekort = factory.Trait(soort=PostSoort.OVERGEHEVELD_TEKORT, bedrag=Decimal("140000.00"))


class BijdrageFactory(ModelFactory):
    """A municipality's expected contribution; `omliggend` and `subsidie` have no municipality."""

    class Meta:
        model = Bijdrage

    begroting = factory.SubFactory(BegrotingFactory)
    bron = BijdrageBron.GEMEENTE
    gemeente = factory.SubFactory(GemeenteFactory, drechtstad=True)
    omschrijving = factory.Sequence(lambda n: f"Bijdrage {n}")
    bedrag = Decimal("25000.00")
    status = BijdrageStatus.VERWACHT
    is_demo = False

    class Params:
        omliggend = factory.Trait(
            bron=BijdrageBron.OMLIGGENDE_GEMEENTEN, gemeente=None, bedrag=Decimal("250000.00")
        )
        subsidie = factory.Trait(bron=BijdrageBron.SUBSIDIE, gemeente=None)
        toegezegd = factory.Trait(status=BijdrageStatus.TOEGEZEGD)


# transitie: raadsinformatiebrieven


class RaadsinformatiebriefFactory(ModelFactory):
    """A concept letter; `gepubliceerd=True` publishes it, `secties=True` adds all five sections,
    `bijlagen=[titels]` annexes.

    A published letter is written as a draft first and published after its sections are added,
    as the portal does: the sections of a published letter cannot be written any more.
    """

    class Meta:
        model = Raadsinformatiebrief

    titel = factory.Sequence(lambda n: f"Raadsinformatiebrief {n}")
    onderwerp = "Doorontwikkeling bestuurlijke samenwerking Drechtsteden"
    datum = factory.LazyFunction(_today)
    afzender = "De colleges van burgemeester en wethouders van de Drechtsteden"
    kenmerk = factory.Sequence(lambda n: f"RIB-2025-{n:03d}")
    contactpersoon_naam = "A. de Vries"
    contactpersoon_email = "a.devries@example.nl"
    contactpersoon_telefoon = "078 123 45 67"
    ondertekening = "B. Bakker, voorzitter bestuurlijke regiekamer"
    status = BriefStatus.CONCEPT
    gepubliceerd_op = None

    class Params:
        gepubliceerd = factory.Trait(
            status=BriefStatus.GEPUBLICEERD,
            gepubliceerd_op=factory.LazyFunction(timezone.now),
            peildatum=factory.LazyFunction(_today),
        )
        # What a letter needs before it is published, missing.
        onvolledig = factory.Trait(
            afzender="",
            kenmerk="",
            contactpersoon_naam="",
            contactpersoon_email="",
            contactpersoon_telefoon="",
            ondertekening="",
        )

    @factory.post_generation
    def secties(obj, create, extracted, **kwargs):
        if create and extracted:
            for soort in SectieSoort:
                BriefsectieFactory(brief=obj, soort=soort)

    @factory.post_generation
    def bijlagen(obj, create, extracted, **kwargs):
        """`bijlagen=["Titel", ...]`: annexes with a PDF, added before a published letter is
        published (afterwards they are immutable)."""
        if create and extracted:
            for titel in extracted:
                BriefbijlageFactory(brief=obj, titel=titel)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        publicatie = {}
        if kwargs.get("status") == BriefStatus.GEPUBLICEERD:
            publicatie = {
                "status": kwargs.pop("status"),
                "gepubliceerd_op": kwargs.pop("gepubliceerd_op", None),
                "peildatum": kwargs.pop("peildatum", None),
            }
        instance = super()._create(model_class, *args, **kwargs)
        instance._factory_publicatie = publicatie
        return instance

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        super()._after_postgeneration(instance, create, results)
        publicatie = getattr(instance, "_factory_publicatie", None)
        if create and publicatie:
            for veld, waarde in publicatie.items():
                setattr(instance, veld, waarde)
            instance.save()


class BriefsectieFactory(ModelFactory):
    class Meta:
        model = Briefsectie

    brief = factory.SubFactory(RaadsinformatiebriefFactory)
    soort = SectieSoort.INLEIDING
    tekst = factory.LazyAttribute(lambda o: f"Tekst van de sectie {o.soort}.")


_PDF = b"%PDF-1.7\n% test document\n%%EOF\n"


def pdf_bytes(tekst: str = "Bijlage") -> bytes:
    """A small real PDF (pikepdf), one page with `tekst` in its content stream."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.pages[0].Contents = pdf.make_stream(f"BT /F1 12 Tf 72 720 Td ({tekst}) Tj ET".encode())
    uitvoer = io.BytesIO()
    pdf.save(uitvoer)
    return uitvoer.getvalue()


class BriefbijlageFactory(ModelFactory):
    """An annex of a draft letter with a real PDF; `zonder_bestand=True` only names it."""

    class Meta:
        model = Briefbijlage

    brief = factory.SubFactory(RaadsinformatiebriefFactory)
    titel = factory.Sequence(lambda n: f"Bijlage {n}")
    bestandsnaam = factory.LazyAttribute(lambda o: f"bijlage-{o.titel[-1]}.pdf")
    pdf = factory.LazyFunction(pdf_bytes)
    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.pdf).hexdigest())
    grootte = factory.LazyAttribute(lambda o: len(o.pdf))

    class Params:
        zonder_bestand = factory.Trait(pdf=None, sha256="", bestandsnaam="", grootte=0)


class BriefpublicatieFactory(ModelFactory):
    class Meta:
        model = Briefpublicatie

    brief = factory.SubFactory(RaadsinformatiebriefFactory, gepubliceerd=True)
    gemeente = factory.SubFactory(GemeenteFactory, drechtstad=True)
    bestandsnaam = factory.LazyAttribute(lambda o: f"raadsinformatiebrief-{o.gemeente.slug}.pdf")
    pdf = _PDF
    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.pdf).hexdigest())
    open_data_json = "{}"
    open_data_csv = ""
    gepubliceerd_op = factory.LazyAttribute(lambda o: o.brief.gepubliceerd_op or timezone.now())


class PublicatieopdrachtFactory(ModelFactory):
    """A request to publish a draft, still running (its steps are `PublicatiestapFactory`)."""

    class Meta:
        model = Publicatieopdracht

    brief = factory.SubFactory(RaadsinformatiebriefFactory)
    aangevraagd_door = factory.SubFactory(UserFactory, wethouder=True)
    aangevraagd_op = factory.LazyFunction(timezone.now)
    peildatum = factory.LazyFunction(_today)


class PublicatiestapFactory(ModelFactory):
    class Meta:
        model = Publicatiestap

    opdracht = factory.SubFactory(PublicatieopdrachtFactory)
    gemeente = factory.SubFactory(GemeenteFactory, drechtstad=True)


# registers


class KaderwijzigingFactory(ModelFactory):
    class Meta:
        model = Kaderwijziging

    titel = factory.Sequence(lambda n: f"Wijziging financieel kader {n}")
    omschrijving = "Een wijziging van de financiële kaders van de Groeiagenda."
    bedrag = Decimal("-25000.00")
    datum = factory.LazyFunction(_today)


class RaadsbehandelingFactory(ModelFactory):
    class Meta:
        model = Raadsbehandeling

    kaderwijziging = factory.SubFactory(KaderwijzigingFactory)
    gemeente = factory.SubFactory(GemeenteFactory, drechtstad=True)
    status = RaadsbehandelingStatus.VOORGELEGD
    datum = factory.LazyAttribute(lambda o: o.kaderwijziging.datum)


class ToezeggingFactory(ModelFactory):
    """An open commitment of a published letter to all seven councils."""

    class Meta:
        model = Toezegging

    tekst = factory.Sequence(lambda n: f"Toezegging {n} aan de gemeenteraden.")
    brief = factory.SubFactory(RaadsinformatiebriefFactory, gepubliceerd=True)
    gemeente = None
    verwacht_op = PLAN_DEADLINE

    class Params:
        afgedaan = factory.Trait(
            afdoening="Afgedaan met een raadsvoorstel.", afgedaan_op=factory.LazyFunction(_today)
        )


class MeldingFactory(ModelFactory):
    """An unread notification of a submitted review for a member of the ambtelijke regiekamer."""

    class Meta:
        model = Melding

    ontvanger = factory.SubFactory(UserFactory, regisseur=True)
    soort = MeldingSoort.BEOORDELING_INGEDIEND
    gebeurtenis = factory.Sequence(lambda n: f"beoordeling-ingediend:{n}:2")
    titel = factory.Sequence(lambda n: f"Beoordeling ingediend: Activiteit {n}")
    url = "/regiekamer/ambtelijk/1/advies/"

    class Params:
        gelezen = factory.Trait(gelezen_op=factory.LazyFunction(timezone.now))


class BezorgingFactory(ModelFactory):
    class Meta:
        model = Bezorging

    melding = factory.SubFactory(MeldingFactory)
    wijze = MailKeuze.DIRECT


class MeldingVoorkeurFactory(ModelFactory):
    class Meta:
        model = MeldingVoorkeur

    gebruiker = factory.SubFactory(UserFactory)
    soort = MeldingSoort.BRIEF_GEPUBLICEERD
    keuze = MailKeuze.SAMENVATTING
