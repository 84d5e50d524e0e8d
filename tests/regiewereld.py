"""The world of the regiekamer and theme tests: the seven, both regiekamers with an alderman of each
municipality and a regisseur, a theme with a team of two, an activity of three, one person per role.
"""

from dataclasses import dataclass

import pytest
from django.test import Client

from drechtsteden.models import Gemeente
from tests.conftest import drechtsteden_create, regiekamers_create
from tests.factories import (
    ActiviteitFactory,
    DeelnameFactory,
    LidmaatschapFactory,
    PartnerFactory,
    TeamlidFactory,
    ThemaFactory,
    UserFactory,
)
from thema.models import Activiteit, Partner, Thema
from transitie.regiekamer.models import Regiekamer

BETROKKEN = ("Dordrecht", "Papendrecht", "Zwijndrecht")


@dataclass
class Regiewereld:
    gemeenten: dict[str, Gemeente]
    ambtelijk: Regiekamer
    bestuurlijk: Regiekamer
    thema: Thema
    activiteit: Activiteit  # Dordrecht, Papendrecht and Zwijndrecht take part, with `partner`
    partner: Partner
    andere_partner: Partner  # does not take part
    teamlid: object  # Jan de Graaf of Dordrecht, in the theme's team
    collega: object  # Fatima El Amrani of Zwijndrecht, a second member of the same team
    buitenstaander: object  # a civil servant in another theme's team
    regisseur: object  # Dordrecht's member of the ambtelijke regiekamer
    wethouders: dict[str, object]  # one current member per municipality
    raadslid: object  # of no council
    beheerder: object

    def gemeente(self, naam: str) -> Gemeente:
        return self.gemeenten[naam]

    def wethouder(self, naam: str):
        return self.wethouders[naam]

    def gebruiker(self, rol: str):
        """The person of a role; the wethouder is Dordrecht's."""
        return self.wethouder("Dordrecht") if rol == "wethouder" else getattr(self, rol)


def regiewereld_create() -> Regiewereld:
    gemeenten = {g.naam: g for g in drechtsteden_create()}
    dordrecht = gemeenten["Dordrecht"]
    ambtelijk, bestuurlijk = regiekamers_create()
    thema = ThemaFactory(naam="Economie en vestigingsklimaat")
    partner = PartnerFactory(naam="Hogeschool Rotterdam", kennisinstelling=True)
    andere_partner = PartnerFactory(naam="Gemeente Gorinchem")
    activiteit = ActiviteitFactory(
        thema=thema, naam="Skills-paspoort", slug="skills-paspoort", partners=[partner]
    )
    for naam in BETROKKEN:
        DeelnameFactory(activiteit=activiteit, gemeente=gemeenten[naam])
    teamlid = UserFactory(
        username="ambtenaar-dordrecht",
        first_name="Jan",
        last_name="de Graaf",
        ambtenaar=True,
        gemeente=dordrecht,
    )
    collega = UserFactory(
        username="ambtenaar-zwijndrecht",
        first_name="Fatima",
        last_name="El Amrani",
        ambtenaar=True,
        gemeente=gemeenten["Zwijndrecht"],
    )
    TeamlidFactory(thema=thema, gebruiker=teamlid)
    TeamlidFactory(thema=thema, gebruiker=collega)
    buitenstaander = UserFactory(username="ambtenaar-sliedrecht", ambtenaar=True)
    TeamlidFactory(thema=ThemaFactory(naam="Wonen"), gebruiker=buitenstaander)
    regisseur = UserFactory(username="regisseur-dordrecht", regisseur=True, gemeente=dordrecht)
    LidmaatschapFactory(regiekamer=ambtelijk, gebruiker=regisseur, gemeente=dordrecht)
    wethouders = {}
    for naam, gemeente in gemeenten.items():
        wethouder = UserFactory(
            username=f"wethouder-{gemeente.slug}", wethouder=True, gemeente=gemeente
        )
        LidmaatschapFactory(regiekamer=bestuurlijk, gebruiker=wethouder, gemeente=gemeente)
        wethouders[naam] = wethouder
    return Regiewereld(
        gemeenten=gemeenten,
        ambtelijk=ambtelijk,
        bestuurlijk=bestuurlijk,
        thema=thema,
        activiteit=activiteit,
        partner=partner,
        andere_partner=andere_partner,
        teamlid=teamlid,
        collega=collega,
        buitenstaander=buitenstaander,
        regisseur=regisseur,
        wethouders=wethouders,
        raadslid=UserFactory(username="raadslid", raadslid=True),
        beheerder=UserFactory(username="beheerder", beheerder=True),
    )


@pytest.fixture
def rk(db) -> Regiewereld:
    """The world built for each test (a module without tests in a real transaction builds it once:
    tests/conftest.py, build_once_per_module)."""
    return regiewereld_create()


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
