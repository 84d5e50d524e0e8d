"""The regiekamer tests' world: the seven, an alderman each, a regisseur, an activity of three."""

from dataclasses import dataclass

import pytest
from django.test import Client

from drechtsteden.models import Gemeente
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
    activiteit: Activiteit  # Dordrecht, Papendrecht and Zwijndrecht take part
    partner: Partner
    teamlid: object
    regisseur: object
    wethouders: dict[str, object]  # one current member per municipality
    raadslid: object
    beheerder: object

    def gemeente(self, naam: str) -> Gemeente:
        return self.gemeenten[naam]

    def wethouder(self, naam: str):
        return self.wethouders[naam]


@pytest.fixture
def rk(drechtsteden, regiekamers) -> Regiewereld:
    ambtelijk, bestuurlijk = regiekamers
    gemeenten = {g.naam: g for g in drechtsteden}
    thema = ThemaFactory(naam="Economie en vestigingsklimaat")
    partner = PartnerFactory(naam="Hogeschool Rotterdam", kennisinstelling=True)
    activiteit = ActiviteitFactory(
        thema=thema, naam="Skills-paspoort", slug="skills-paspoort", partners=[partner]
    )
    for naam in BETROKKEN:
        DeelnameFactory(activiteit=activiteit, gemeente=gemeenten[naam])
    teamlid = UserFactory(username="ambtenaar-dordrecht", ambtenaar=True)
    TeamlidFactory(thema=thema, gebruiker=teamlid)
    regisseur = UserFactory(
        username="regisseur-dordrecht", regisseur=True, gemeente=gemeenten["Dordrecht"]
    )
    LidmaatschapFactory(regiekamer=ambtelijk, gebruiker=regisseur, gemeente=gemeenten["Dordrecht"])
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
        teamlid=teamlid,
        regisseur=regisseur,
        wethouders=wethouders,
        raadslid=UserFactory(username="raadslid", raadslid=True),
        beheerder=UserFactory(username="beheerder", beheerder=True),
    )


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
