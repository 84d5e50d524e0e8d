"""Twelve pairs of concurrent writes, sent at the same moment through the portal's own pages.

Each race starts two threads behind a barrier, each with its own test client (the whole request:
middleware, form, view, service) and its own database connection; then it checks that no request
ended in a 500 and that every write the portal confirmed to its user is in the database, once.

On SQLite the test database is a file with the portal's own settings (WAL, a busy timeout,
IMMEDIATE transactions: drechtsteden.settings.sqlite_options), as `make run` uses it (see
`django_db_modify_db_settings` in tests/conftest.py); on PostgreSQL (DATABASE_URL) the test
database as it is.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.db import connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests import regiewereld
from tests.factories import (
    AanbevelingFactory,
    BegrotingFactory,
    BeoordelingFactory,
    BijdrageFactory,
    LidmaatschapFactory,
    MijlpaalFactory,
    RaadsinformatiebriefFactory,
    StemFactory,
    TeamlidFactory,
    ToezeggingFactory,
    TransitieplanFactory,
    UserFactory,
)
from tests.werker import werker
from thema.constants import BeoordelingStatus
from thema.models import Beoordeling
from transitie.brieven.forms import brief_initial
from transitie.brieven.models import Briefpublicatie, Publicatieopdracht, Raadsinformatiebrief
from transitie.constants import BriefStatus, MijlpaalStatus, StemKeuze
from transitie.financien.models import Begrotingspost, Bijdrage
from transitie.regiekamer.models import Advies, Besluit, Stem

rk = regiewereld.rk


# Every race commits for real: the threads' connections see each other's writes.
pytestmark = pytest.mark.django_db(transaction=True)


@dataclass
class Verzoek:
    gebruiker: object
    url: str
    data: dict


@dataclass
class Antwoord:
    status: int
    berichten: list[str]
    inhoud: str

    def meldt(self, tekst: str) -> bool:
        return any(tekst in bericht for bericht in self.berichten)


def tegelijk(*verzoeken: Verzoek) -> list[Antwoord]:
    """POST every request in its own thread, all released at the same moment.

    A request that raises (a 500) fails the test: the test client re-raises the view's exception.
    """
    clients = []
    for verzoek in verzoeken:
        client = Client()
        client.force_login(verzoek.gebruiker)
        clients.append(client)
    start = threading.Barrier(len(verzoeken))
    antwoorden: list[Antwoord | None] = [None] * len(verzoeken)
    fouten: list[BaseException] = []

    def post(i: int) -> None:
        try:
            start.wait(timeout=10)
            response = clients[i].post(verzoeken[i].url, verzoeken[i].data)
            antwoorden[i] = Antwoord(
                status=response.status_code,
                berichten=[str(m) for m in get_messages(response.wsgi_request)],
                inhoud=response.content.decode(errors="replace"),
            )
        except BaseException as fout:  # noqa: BLE001 - reported in the test's thread
            fouten.append(fout)
        finally:
            connections.close_all()

    draden = [threading.Thread(target=post, args=(i,)) for i in range(len(verzoeken))]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=60)
    assert fouten == [], fouten
    assert all(a is not None for a in antwoorden), "a request did not finish"
    assert [a.status for a in antwoorden if a.status >= 500] == []
    return antwoorden


def precies_een(antwoorden: list[Antwoord], gelukt: Callable[[Antwoord], bool]) -> Antwoord:
    """The one request the portal confirmed; the other was told why not, without a 500."""
    bevestigd = [a for a in antwoorden if gelukt(a)]
    assert len(bevestigd) == 1, [(a.status, a.berichten) for a in antwoorden]
    return bevestigd[0]


def _collega(rk, *, rol: str, gemeente: str):
    """A second member of the theme team or the ambtelijke regiekamer."""
    if rol == "teamlid":
        collega = UserFactory(username="ambtenaar-papendrecht", ambtenaar=True)
        TeamlidFactory(thema=rk.thema, gebruiker=collega)
        return collega
    collega = UserFactory(
        username=f"regisseur-{gemeente.lower()}", regisseur=True, gemeente=rk.gemeente(gemeente)
    )
    LidmaatschapFactory(regiekamer=rk.ambtelijk, gebruiker=collega, gemeente=rk.gemeente(gemeente))
    return collega


def _beoordeling_data(versie, onderbouwing: str) -> dict:
    return {
        "versie": "" if versie is None else str(versie),
        "score_lokaal": "4",
        "score_regionaal": "3",
        "score_organisatie": "4",
        "prioriteit": "hoog",
        "onderbouwing": onderbouwing,
        "voorstel": "doorzetten",
    }


def _beoordelen(rk) -> str:
    return reverse(
        "thema:beoordelen", kwargs={"slug": rk.thema.slug, "activiteit": rk.activiteit.slug}
    )


# 1-3: the theme team's review


def test_two_saves_of_the_same_review_version_one_saved_one_conflict(rk):
    beoordeling = BeoordelingFactory(activiteit=rk.activiteit, compleet=True, ingediend_op=None)
    collega = _collega(rk, rol="teamlid", gemeente="Papendrecht")
    versie = beoordeling.versie
    antwoorden = tegelijk(
        Verzoek(rk.teamlid, _beoordelen(rk), _beoordeling_data(versie, "Tekst van Dordrecht.")),
        Verzoek(collega, _beoordelen(rk), _beoordeling_data(versie, "Tekst van Papendrecht.")),
    )
    winnaar = precies_een(antwoorden, lambda a: a.meldt("De beoordeling is opgeslagen."))
    verliezer = next(a for a in antwoorden if a is not winnaar)
    assert verliezer.status == 409
    beoordeling.refresh_from_db()
    assert beoordeling.versie == versie + 1
    bewaard = "Dordrecht" if winnaar is antwoorden[0] else "Papendrecht"
    assert beoordeling.onderbouwing == f"Tekst van {bewaard}."
    assert beoordeling.history.count() == 2


def test_two_first_saves_of_a_new_review_make_one_review(rk):
    collega = _collega(rk, rol="teamlid", gemeente="Papendrecht")
    antwoorden = tegelijk(
        Verzoek(rk.teamlid, _beoordelen(rk), _beoordeling_data(None, "Eerste van Dordrecht.")),
        Verzoek(collega, _beoordelen(rk), _beoordeling_data(None, "Eerste van Papendrecht.")),
    )
    precies_een(antwoorden, lambda a: a.meldt("De beoordeling is opgeslagen."))
    beoordeling = Beoordeling.objects.get(activiteit=rk.activiteit)
    assert beoordeling.history.count() == 1


def test_a_save_and_a_submit_at_once_never_submit_unseen_text(rk):
    beoordeling = BeoordelingFactory(activiteit=rk.activiteit, compleet=True, ingediend_op=None)
    collega = _collega(rk, rol="teamlid", gemeente="Papendrecht")
    versie = beoordeling.versie
    indienen = reverse(
        "thema:indienen", kwargs={"slug": rk.thema.slug, "activiteit": rk.activiteit.slug}
    )
    opslaan, indiening = tegelijk(
        Verzoek(rk.teamlid, _beoordelen(rk), _beoordeling_data(versie, "Nieuwe onderbouwing.")),
        Verzoek(collega, indienen, {"versie": str(versie)}),
    )
    beoordeling.refresh_from_db()
    opgeslagen = opslaan.meldt("De beoordeling is opgeslagen.")
    ingediend = indiening.meldt("De beoordeling is ingediend")
    assert opgeslagen != ingediend, (opslaan.berichten, indiening.berichten)
    if opgeslagen:
        assert beoordeling.onderbouwing == "Nieuwe onderbouwing."
        assert beoordeling.status == BeoordelingStatus.CONCEPT
    else:
        assert beoordeling.status == BeoordelingStatus.INGEDIEND
        assert beoordeling.onderbouwing != "Nieuwe onderbouwing."


# 4-7: votes and the decision they lead to


def _stem(beoordeling: Beoordeling) -> str:
    return reverse("regiekamer:stem", kwargs={"pk": beoordeling.pk})


def _bevestigde_stemmen(antwoorden, namen) -> list[str]:
    return [n for a, n in zip(antwoorden, namen, strict=True) if a.meldt("Uw stem is vastgelegd")]


def test_two_aldermen_voting_at_once_both_count(rk):
    beoordeling = BeoordelingFactory(activiteit=rk.activiteit, geadviseerd=True)
    namen = ("Dordrecht", "Papendrecht")
    antwoorden = tegelijk(
        *(Verzoek(rk.wethouder(n), _stem(beoordeling), {"keuze": "instemmen"}) for n in namen)
    )
    assert _bevestigde_stemmen(antwoorden, namen) == list(namen)
    assert set(
        Stem.objects.filter(beoordeling=beoordeling).values_list("gemeente__naam", flat=True)
    ) == set(namen)
    assert not Besluit.objects.filter(beoordeling=beoordeling).exists()


def test_the_last_two_votes_at_once_both_count_and_decide_once(rk):
    beoordeling = BeoordelingFactory(activiteit=rk.activiteit, geadviseerd=True)
    StemFactory(
        beoordeling=beoordeling,
        gemeente=rk.gemeente("Dordrecht"),
        uitgebracht_door=rk.wethouder("Dordrecht"),
    )
    namen = ("Papendrecht", "Zwijndrecht")
    antwoorden = tegelijk(
        *(Verzoek(rk.wethouder(n), _stem(beoordeling), {"keuze": "instemmen"}) for n in namen)
    )
    assert _bevestigde_stemmen(antwoorden, namen) == list(namen)
    assert Stem.objects.filter(beoordeling=beoordeling).count() == 3
    besluit = Besluit.objects.get(beoordeling=beoordeling)
    assert besluit.history.count() == 1
    assert beoordeling.history.filter(status=BeoordelingStatus.VASTGESTELD).count() == 1


def test_a_vote_against_and_a_vote_for_at_once_decide_once(rk):
    beoordeling = BeoordelingFactory(activiteit=rk.activiteit, geadviseerd=True)
    StemFactory(
        beoordeling=beoordeling,
        gemeente=rk.gemeente("Dordrecht"),
        uitgebracht_door=rk.wethouder("Dordrecht"),
    )
    namen = ("Papendrecht", "Zwijndrecht")
    antwoorden = tegelijk(
        Verzoek(rk.wethouder("Papendrecht"), _stem(beoordeling), {"keuze": "tegen"}),
        Verzoek(rk.wethouder("Zwijndrecht"), _stem(beoordeling), {"keuze": "instemmen"}),
    )
    bevestigd = _bevestigde_stemmen(antwoorden, namen)
    assert "Papendrecht" in bevestigd  # a vote against always counts: it decides
    opgeslagen = dict(
        Stem.objects.filter(beoordeling=beoordeling).values_list("gemeente__naam", "keuze")
    )
    for naam in bevestigd:
        assert naam in opgeslagen
    if "Zwijndrecht" not in bevestigd:
        assert antwoorden[1].meldt("al besloten")
        assert "Zwijndrecht" not in opgeslagen
    assert Besluit.objects.filter(beoordeling=beoordeling).count() == 1


def test_one_alderman_voting_twice_at_once_keeps_one_vote(rk):
    beoordeling = BeoordelingFactory(activiteit=rk.activiteit, geadviseerd=True)
    wethouder = rk.wethouder("Dordrecht")
    antwoorden = tegelijk(
        Verzoek(wethouder, _stem(beoordeling), {"keuze": "onthouden"}),
        Verzoek(wethouder, _stem(beoordeling), {"keuze": "instemmen"}),
    )
    assert all(a.meldt("Uw stem is vastgelegd") for a in antwoorden)
    stem = Stem.objects.get(beoordeling=beoordeling)
    assert stem.keuze in (StemKeuze.ONTHOUDEN, StemKeuze.INSTEMMEN)
    # The vote kept is the later of the two, as its history shows.
    assert stem.history.first().keuze == stem.keuze


# 8: advice


def test_two_advices_at_once_give_one_advice(rk):
    beoordeling = BeoordelingFactory(activiteit=rk.activiteit, ingediend=True)
    collega = _collega(rk, rol="regisseur", gemeente="Zwijndrecht")
    url = reverse("regiekamer:advies", kwargs={"pk": beoordeling.pk})
    data = {"oordeel": "positief", "toelichting": "Goed.", "vervolg": "agenderen"}
    antwoorden = tegelijk(Verzoek(rk.regisseur, url, data), Verzoek(collega, url, data))
    winnaar = precies_een(antwoorden, lambda a: a.meldt("op de agenda"))
    verliezer = next(a for a in antwoorden if a is not winnaar)
    assert verliezer.meldt("heeft al advies gekregen")
    assert Advies.objects.filter(beoordeling=beoordeling).count() == 1
    beoordeling.refresh_from_db()
    assert beoordeling.status == BeoordelingStatus.GEADVISEERD


# 9: milestone sign-off


def test_two_sign_offs_of_one_milestone_sign_it_off_once(rk):
    plan = TransitieplanFactory()
    mijlpaal = MijlpaalFactory(
        aanbeveling=AanbevelingFactory(transitieplan=plan), eigenaar_regiekamer=rk.bestuurlijk
    )
    url = reverse("plan:mijlpaal_aftekenen", kwargs={"pk": mijlpaal.pk})
    data = {"gereed_op": "2025-06-01", "reden": "Afgetekend in de regiekamer."}
    antwoorden = tegelijk(
        Verzoek(rk.wethouder("Dordrecht"), url, data),
        Verzoek(rk.wethouder("Sliedrecht"), url, data),
    )
    winnaar = precies_een(antwoorden, lambda a: a.meldt("is afgetekend als gereed"))
    verliezer = next(a for a in antwoorden if a is not winnaar)
    assert verliezer.meldt(f"{mijlpaal.titel} is al gereed.")
    mijlpaal.refresh_from_db()
    assert mijlpaal.status == MijlpaalStatus.GEREED
    assert mijlpaal.history.filter(status=MijlpaalStatus.GEREED).count() == 1


# 10: finance


def test_a_budget_line_and_a_contribution_at_once_are_both_kept(rk):
    begroting = BegrotingFactory()
    BijdrageFactory(begroting=begroting, subsidie=True, bedrag=Decimal("100000.00"))
    collega = _collega(rk, rol="regisseur", gemeente="Zwijndrecht")
    antwoorden = tegelijk(
        Verzoek(
            rk.regisseur,
            reverse("financien:post_nieuw", kwargs={"jaar": begroting.jaar}),
            {"omschrijving": "Netwerkregie", "soort": "uitgave", "bedrag": "60000"},
        ),
        Verzoek(
            collega,
            reverse("financien:bijdrage_nieuw", kwargs={"jaar": begroting.jaar}),
            {
                "omschrijving": "Subsidie provincie",
                "bron": "subsidie",
                "bedrag": "2500",
                "status": "verwacht",
            },
        ),
    )
    assert antwoorden[0].meldt("De begrotingspost is opgeslagen.")
    assert antwoorden[1].meldt("De bijdrage is opgeslagen.")
    assert Begrotingspost.objects.filter(begroting=begroting, omschrijving="Netwerkregie").exists()
    assert Bijdrage.objects.filter(begroting=begroting, omschrijving="Subsidie provincie").exists()


# 11-12: letters


def _brief_data(brief: Raadsinformatiebrief, **wijzig) -> dict:
    data = {k: ("" if v is None else v) for k, v in brief_initial(brief).items()}
    return {k: v for k, v in {**data, **wijzig}.items() if v is not False}


def test_two_edits_of_one_letter_version_one_saved_one_conflict(rk):
    brief = RaadsinformatiebriefFactory(secties=True)
    collega = _collega(rk, rol="regisseur", gemeente="Zwijndrecht")
    url = reverse("brieven:bewerken", kwargs={"brief_id": brief.uuid})
    antwoorden = tegelijk(
        Verzoek(rk.regisseur, url, _brief_data(brief, titel="Versie van Dordrecht")),
        Verzoek(collega, url, _brief_data(brief, titel="Versie van Zwijndrecht")),
    )
    winnaar = precies_een(antwoorden, lambda a: a.meldt("Het concept is opgeslagen."))
    verliezer = next(a for a in antwoorden if a is not winnaar)
    assert verliezer.status == 409
    brief.refresh_from_db()
    bewaard = "Dordrecht" if winnaar is antwoorden[0] else "Zwijndrecht"
    assert brief.titel == f"Versie van {bewaard}"
    assert brief.history.count() == 2


def test_publishing_one_letter_twice_at_once_publishes_it_once(rk):
    brief = RaadsinformatiebriefFactory(secties=True)
    url = reverse("brieven:publiceren", kwargs={"brief_id": brief.uuid})
    data = {"versie": str(brief.versie)}
    antwoorden = tegelijk(
        Verzoek(rk.wethouder("Dordrecht"), url, data),
        Verzoek(rk.wethouder("Zwijndrecht"), url, data),
    )
    winnaar = precies_een(antwoorden, lambda a: a.meldt("De publicatie is gestart"))
    verliezer = next(a for a in antwoorden if a is not winnaar)
    assert verliezer.meldt("wordt al gepubliceerd")
    assert Publicatieopdracht.objects.filter(brief=brief).count() == 1
    werker()  # the background worker renders the seven PDFs and publishes
    brief.refresh_from_db()
    assert brief.status == BriefStatus.GEPUBLICEERD
    assert Briefpublicatie.objects.filter(brief=brief).count() == 7
    assert brief.history.filter(status=BriefStatus.GEPUBLICEERD).count() == 1


def test_settling_one_commitment_twice_at_once_settles_it_once(rk):
    toezegging = ToezeggingFactory()
    url = reverse("brieven:toezegging_afdoen", kwargs={"pk": toezegging.pk})
    vandaag = timezone.localdate().isoformat()
    antwoorden = tegelijk(
        Verzoek(rk.regisseur, url, {"afdoening": "Besproken in de raad.", "afgedaan_op": vandaag}),
        Verzoek(
            rk.wethouder("Dordrecht"), url, {"afdoening": "Brief gestuurd.", "afgedaan_op": vandaag}
        ),
    )
    winnaar = precies_een(antwoorden, lambda a: a.meldt("De toezegging is afgedaan."))
    verliezer = next(a for a in antwoorden if a is not winnaar)
    assert verliezer.status in (200, 409)
    toezegging.refresh_from_db()
    assert toezegging.afdoening in ("Besproken in de raad.", "Brief gestuurd.")
    assert toezegging.history.exclude(afgedaan_op=None).count() == 1
