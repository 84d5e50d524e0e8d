"""Fixtures of the theme tests: one theme with a team, an activity of four of the seven, people."""

from dataclasses import dataclass

import pytest
from django.test import Client

from drechtsteden.models import Gemeente
from tests.factories import (
    ActiviteitFactory,
    DeelnameFactory,
    PartnerFactory,
    TeamlidFactory,
    ThemaFactory,
    UserFactory,
)
from thema.models import Activiteit, Partner, Thema


@dataclass
class Wereld:
    gemeenten: dict[str, Gemeente]
    thema: Thema
    activiteit: Activiteit
    partner: Partner  # takes part in the activity
    andere_partner: Partner  # does not
    teamlid: object
    collega: object  # a second member of the same team
    buitenstaander: object  # a civil servant in another theme's team
    regisseur: object
    wethouder: object
    raadslid: object
    beheerder: object

    def gemeente(self, naam: str) -> Gemeente:
        return self.gemeenten[naam]


@pytest.fixture
def wereld(drechtsteden) -> Wereld:
    gemeenten = {g.naam: g for g in drechtsteden}
    dordrecht = gemeenten["Dordrecht"]
    thema = ThemaFactory(naam="Economie en vestigingsklimaat")
    partner = PartnerFactory(naam="Hogeschool Rotterdam", kennisinstelling=True)
    andere_partner = PartnerFactory(naam="Gemeente Gorinchem")
    activiteit = ActiviteitFactory(
        thema=thema, naam="Skills-paspoort", slug="skills-paspoort", partners=[partner]
    )
    for naam in ("Dordrecht", "Zwijndrecht", "Papendrecht", "Sliedrecht"):
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
    return Wereld(
        gemeenten=gemeenten,
        thema=thema,
        activiteit=activiteit,
        partner=partner,
        andere_partner=andere_partner,
        teamlid=teamlid,
        collega=collega,
        buitenstaander=buitenstaander,
        regisseur=UserFactory(username="regisseur-dordrecht", regisseur=True),
        wethouder=UserFactory(username="wethouder-dordrecht", wethouder=True),
        raadslid=UserFactory(username="raadslid-dordrecht", raadslid=True),
        beheerder=UserFactory(username="beheerder", beheerder=True),
    )


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_data(wereld: Wereld, **overrides) -> dict:
    """A valid DOORZETTEN review as the browser posts it; override fields per test."""
    data = {
        "versie": "",
        "score_lokaal": "4",
        "score_regionaal": "3",
        "score_organisatie": "4",
        "prioriteit": "hoog",
        "onderbouwing": "Draagt bij aan de regionale arbeidsmarkt.",
        "voorstel": "doorzetten",
        "coalitievorm": "",
        "nieuwe_activiteit_naam": "",
        "nieuwe_activiteit_beschrijving": "",
        "bedrag_2025": "",
        "bedrag_2026": "",
        "bedrag_2027": "",
        "bedrag_2028": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
