"""The expected status of every named URL for every role, read by tests/test_url_permissions.py,
and the world of one of everything the URLs point at.

One row per URL name: `"app:naam": Rij(lambda w: {kwargs from the world w}, {role: status})`.
The statuses are those of a GET; a POST-only view answers GET with 405. Start a row from one of
the role sets below and change only what differs, e.g. `{**LEZEN, "raadslid": 403}`.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractUser

from drechtsteden.models import Gemeente
from tests.conftest import drechtsteden_create, regiekamers_create
from tests.factories import (
    AanbevelingFactory,
    ActiviteitFactory,
    AdviesFactory,
    BegrotingFactory,
    BegrotingspostFactory,
    BeoordelingFactory,
    BesluitFactory,
    BijdrageFactory,
    BriefpublicatieFactory,
    DeelnameFactory,
    LidmaatschapFactory,
    MijlpaalFactory,
    RaadsinformatiebriefFactory,
    TeamlidFactory,
    ThemaFactory,
    ToezeggingFactory,
    TransitieplanFactory,
    UserFactory,
)
from thema.models import Activiteit, Beoordeling, Thema
from transitie.brieven.models import (
    Briefbijlage,
    Briefpublicatie,
    Raadsinformatiebrief,
    Toezegging,
)
from transitie.financien.models import Begroting, Kaderwijziging
from transitie.financien.services import kaderwijziging_create
from transitie.plan.models import Mijlpaal
from transitie.regiekamer.models import Besluit

ROLLEN = (
    "anoniem",
    "teamlid",  # civil servant in the theme's team
    "buitenstaander",  # civil servant in another theme's team
    "regisseur",  # member of the ambtelijke regiekamer
    "wethouder",  # member of the bestuurlijke regiekamer for Dordrecht
    "raadslid",  # council member of Dordrecht
    "beheerder",
)


@dataclass
class Wereld:
    """One of everything a URL can point at, and a user per role (Dordrecht where it matters)."""

    dordrecht: Gemeente
    thema: Thema
    activiteit: Activiteit  # with a concept review by the team
    ingediend: Beoordeling  # submitted, waiting for advice
    geadviseerd: Beoordeling  # advised, on the aldermen's agenda
    besluit: Besluit
    mijlpaal: Mijlpaal
    concept_brief: Raadsinformatiebrief
    publicatie: Briefpublicatie  # of a published letter, for Dordrecht
    bijlage: Briefbijlage  # an annex of that published letter
    kaderwijziging: Kaderwijziging  # put to the seven councils
    toezegging: Toezegging  # open, of the published letter
    gebruikers: dict[str, AbstractUser]


def wereld_create() -> Wereld:
    """The world the rows point into (tests/test_url_permissions.py and test_slechte_invoer.py
    build it once per module)."""
    dordrecht = next(g for g in drechtsteden_create() if g.naam == "Dordrecht")
    ambtelijk, bestuurlijk = regiekamers_create()
    thema = ThemaFactory(naam="Economie en vestigingsklimaat")
    activiteit = ActiviteitFactory(thema=thema, naam="Skills-paspoort", slug="skills-paspoort")
    andere = ActiviteitFactory(thema=thema, naam="Havenloket", slug="havenloket")
    derde = ActiviteitFactory(thema=thema, naam="Bedrijventerreinen", slug="bedrijventerreinen")
    for a in (activiteit, andere, derde):
        DeelnameFactory(activiteit=a, gemeente=dordrecht)
    BeoordelingFactory(activiteit=activiteit, compleet=True, ingediend_op=None)
    teamlid = UserFactory(username="ambtenaar-dordrecht", ambtenaar=True, gemeente=dordrecht)
    TeamlidFactory(thema=thema, gebruiker=teamlid)
    buitenstaander = UserFactory(username="ambtenaar-sliedrecht", ambtenaar=True)
    TeamlidFactory(thema=ThemaFactory(naam="Wonen"), gebruiker=buitenstaander)
    regisseur = UserFactory(username="regisseur-dordrecht", regisseur=True, gemeente=dordrecht)
    LidmaatschapFactory(regiekamer=ambtelijk, gebruiker=regisseur, gemeente=dordrecht)
    wethouder = UserFactory(username="wethouder-dordrecht", wethouder=True, gemeente=dordrecht)
    LidmaatschapFactory(regiekamer=bestuurlijk, gebruiker=wethouder, gemeente=dordrecht)
    geadviseerd = BeoordelingFactory(activiteit=andere, geadviseerd=True)
    AdviesFactory(beoordeling=geadviseerd, gegeven_door=regisseur)
    plan = TransitieplanFactory()
    BegrotingFactory()
    gepubliceerd = RaadsinformatiebriefFactory(
        gepubliceerd=True, secties=True, bijlagen=["Jaarverantwoording"]
    )
    raadslid = UserFactory(username="raadslid-dordrecht", raadslid=True, gemeente=dordrecht)
    return Wereld(
        dordrecht=dordrecht,
        thema=thema,
        activiteit=activiteit,
        ingediend=BeoordelingFactory(activiteit=derde, ingediend=True),
        geadviseerd=geadviseerd,
        besluit=BesluitFactory(),
        mijlpaal=MijlpaalFactory(aanbeveling=AanbevelingFactory(transitieplan=plan)),
        concept_brief=RaadsinformatiebriefFactory(secties=True),
        publicatie=BriefpublicatieFactory(brief=gepubliceerd, gemeente=dordrecht),
        bijlage=gepubliceerd.bijlagen.get(),
        kaderwijziging=kaderwijziging_create(
            acting_user=regisseur, titel="Kader 2025", datum=datetime.date(2025, 1, 15)
        ),
        toezegging=ToezeggingFactory(brief=gepubliceerd),
        gebruikers={
            "teamlid": teamlid,
            "buitenstaander": buitenstaander,
            "regisseur": regisseur,
            "wethouder": wethouder,
            "raadslid": raadslid,
            "beheerder": UserFactory(username="beheerder", beheerder=True),
        },
    )


@dataclass(frozen=True)
class Rij:
    kwargs: Callable[[Wereld], dict[str, Any]]
    verwacht: dict[str, int]


def geen(w: Wereld) -> dict[str, Any]:
    return {}


def thema(w: Wereld) -> dict[str, Any]:
    return {"slug": w.thema.slug}


def activiteit(w: Wereld) -> dict[str, Any]:
    return {"slug": w.thema.slug, "activiteit": w.activiteit.slug}


def brief(w: Wereld) -> dict[str, Any]:
    return {"brief_id": w.concept_brief.uuid}


def publicatie(w: Wereld) -> dict[str, Any]:
    return {"publicatie_id": w.publicatie.uuid}


def rollen(standaard: int, anoniem: int = 302, **afwijkend: int) -> dict[str, int]:
    """Every logged-in role gets `standaard` unless named; anonymous users go to the login page."""
    return {"anoniem": anoniem, **dict.fromkeys(ROLLEN[1:], standaard), **afwijkend}


LEZEN = rollen(200)
TEAM = rollen(403, teamlid=200)
AMBTELIJK = rollen(403, regisseur=200, beheerder=200)
BESTUURLIJK = rollen(403, wethouder=200, beheerder=200)
GEEN_RAADSLID = rollen(200, raadslid=403)
ALLEEN_POST = rollen(405)
# A raadslid never sees a concept letter: it does not exist for him.
CONCEPT_BRIEF = rollen(200, raadslid=404)
OPSTELLEN = rollen(200, wethouder=403, raadslid=403)
REGIEKAMERS = rollen(403, regisseur=200, wethouder=200, beheerder=200)

TABEL: dict[str, Rij] = {
    "dashboard": Rij(geen, LEZEN),
    "login": Rij(geen, rollen(302, anoniem=200)),
    "logout": Rij(geen, ALLEEN_POST),
    # thema
    "thema:overzicht": Rij(geen, LEZEN),
    "thema:export_csv": Rij(geen, LEZEN),
    "thema:export_xlsx": Rij(geen, LEZEN),
    "thema:detail": Rij(thema, LEZEN),
    "thema:activiteit": Rij(activiteit, LEZEN),
    "thema:geschiedenis": Rij(activiteit, LEZEN),
    "thema:beoordelen": Rij(activiteit, TEAM),
    "thema:indienen": Rij(activiteit, TEAM),
    # regiekamers and decisions
    "regiekamer:overzicht": Rij(geen, LEZEN),
    "regiekamer:wachtrij": Rij(geen, AMBTELIJK),
    "regiekamer:advies": Rij(lambda w: {"pk": w.ingediend.pk}, AMBTELIJK),
    "regiekamer:stemmen": Rij(geen, {**AMBTELIJK, "wethouder": 200}),
    "regiekamer:stem": Rij(lambda w: {"pk": w.geadviseerd.pk}, ALLEEN_POST),
    "besluiten:lijst": Rij(geen, LEZEN),
    "besluiten:export_csv": Rij(geen, LEZEN),
    "besluiten:export_xlsx": Rij(geen, LEZEN),
    "besluiten:detail": Rij(lambda w: {"pk": w.besluit.pk}, LEZEN),
    # plan and finance
    "plan:overzicht": Rij(geen, GEEN_RAADSLID),
    "plan:mijlpaal_aftekenen": Rij(lambda w: {"pk": w.mijlpaal.pk}, BESTUURLIJK),
    "plan:mijlpaal_nieuw": Rij(geen, AMBTELIJK),
    "plan:mijlpaal_bewerken": Rij(lambda w: {"pk": w.mijlpaal.pk}, AMBTELIJK),
    "financien:overzicht": Rij(geen, GEEN_RAADSLID),
    "financien:gemeente": Rij(lambda w: {"slug": w.dordrecht.slug}, GEEN_RAADSLID),
    # The world has one budget; a line and a contribution of it are made here, as the URL needs.
    "financien:post_nieuw": Rij(lambda w: {"jaar": Begroting.objects.get().jaar}, AMBTELIJK),
    "financien:post_bewerken": Rij(
        lambda w: {"pk": BegrotingspostFactory(begroting=Begroting.objects.get()).pk}, AMBTELIJK
    ),
    "financien:bijdrage_nieuw": Rij(lambda w: {"jaar": Begroting.objects.get().jaar}, AMBTELIJK),
    "financien:bijdrage_bewerken": Rij(
        lambda w: {"pk": BijdrageFactory(begroting=Begroting.objects.get(), subsidie=True).pk},
        AMBTELIJK,
    ),
    "financien:kaderwijziging_nieuw": Rij(geen, REGIEKAMERS),
    "financien:raadsbesluit": Rij(
        lambda w: {"pk": w.kaderwijziging.pk, "gemeente": w.dordrecht.slug}, REGIEKAMERS
    ),
    # raadsinformatiebrieven
    "brieven:lijst": Rij(geen, LEZEN),
    "brieven:nieuw": Rij(geen, OPSTELLEN),
    "brieven:detail": Rij(brief, CONCEPT_BRIEF),
    "brieven:bewerken": Rij(brief, OPSTELLEN),
    "brieven:publiceren": Rij(
        brief, {**CONCEPT_BRIEF, "teamlid": 403, "buitenstaander": 403, "regisseur": 403}
    ),
    "brieven:voortgang": Rij(brief, CONCEPT_BRIEF),
    "brieven:voorbeeld": Rij(lambda w: {**brief(w), "gemeente": w.dordrecht.slug}, CONCEPT_BRIEF),
    "brieven:download": Rij(publicatie, LEZEN),
    "brieven:open_data_json": Rij(publicatie, LEZEN),
    "brieven:open_data_csv": Rij(publicatie, LEZEN),
    "brieven:corrigeren": Rij(brief, ALLEEN_POST),
    "brieven:bijlage_toevoegen": Rij(brief, ALLEEN_POST),
    "brieven:bijlage_verwijderen": Rij(lambda w: {"bijlage_id": w.bijlage.uuid}, ALLEEN_POST),
    "brieven:bijlage_download": Rij(lambda w: {"bijlage_id": w.bijlage.uuid}, LEZEN),
    "brieven:toezeggingen": Rij(geen, GEEN_RAADSLID),
    "brieven:toezegging_nieuw": Rij(geen, rollen(200, wethouder=403, raadslid=403)),
    "brieven:toezegging_afdoen": Rij(lambda w: {"pk": w.toezegging.pk}, REGIEKAMERS),
    # audit log
    "historie:lijst": Rij(geen, REGIEKAMERS),
    "historie:export_csv": Rij(geen, REGIEKAMERS),
    # notifications: everyone's own
    "meldingen:inbox": Rij(geen, LEZEN),
    "meldingen:voorkeuren": Rij(geen, LEZEN),
    "meldingen:gelezen": Rij(lambda w: {"pk": 1}, ALLEEN_POST),
}
