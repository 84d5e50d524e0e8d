"""Each row of the notification table, end to end: the event through its real service, the
notification in the inbox of exactly the people it concerns, the mail sent by the real worker
through Django's SMTP backend to a real SMTP server (tests/smtp.py)."""

import dataclasses
import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from drechtsteden.meldingen.constants import BezorgStatus, MeldingSoort
from drechtsteden.models import Bezorging, Melding
from tests.factories import (
    BeoordelingFactory,
    MijlpaalFactory,
    RaadsinformatiebriefFactory,
    ToezeggingFactory,
    UserFactory,
)
from tests.regiewereld import client_for, rk  # noqa: F401 - the regiekamer world fixture
from tests.werker import werker
from thema.models import Beoordeling
from thema.services import beoordeling_submit
from transitie.brieven.services import BriefInvoer, brief_create, brief_publish
from transitie.constants import AdviesOordeel, AdviesVervolg, SectieSoort, StemKeuze
from transitie.regiekamer.services import advies_create, stem_cast

ONDERBOUWING = "Vertrouwelijke onderbouwing: Papendrecht twijfelt over de bijdrage."


def _ontvangers(soort: str) -> set[str]:
    return set(Melding.objects.filter(soort=soort).values_list("ontvanger__username", flat=True))


def _inbox_toont(user, titel: str) -> bool:
    antwoord = client_for(user).get(reverse("meldingen:inbox"))
    assert antwoord.status_code == 200
    return titel in antwoord.content.decode()


def _mails_zoals_meldingen(smtp_server, *soorten: str) -> None:
    """After the worker: one mail per notification of `soort`, to exactly its recipients, with
    the notification's link, and every delivery recorded as sent."""
    werker()
    meldingen = Melding.objects.filter(soort__in=soorten).select_related("ontvanger")
    assert smtp_server.ontvangers == sorted(m.ontvanger.email for m in meldingen)
    for melding in meldingen:
        (mail,) = [
            m for m in smtp_server.aan(melding.ontvanger.email) if m.onderwerp == melding.titel
        ]
        assert mail.onderwerp == melding.titel
        link = f"https://regieportaal.example{melding.url}"
        assert link in mail.deel("text/plain")
        assert f'href="{link}"' in mail.deel("text/html")
        assert "https://regieportaal.example/meldingen/voorkeuren/" in mail.deel("text/plain")
        assert ONDERBOUWING not in mail.deel("text/plain") + mail.deel("text/html")
    assert set(
        Bezorging.objects.filter(melding__soort__in=soorten).values_list("status", flat=True)
    ) == {BezorgStatus.VERZONDEN}


def _ingediend(rk):  # noqa: F811
    concept = BeoordelingFactory(activiteit=rk.activiteit, compleet=True, onderbouwing=ONDERBOUWING)
    return beoordeling_submit(beoordeling=concept, versie=concept.versie, acting_user=rk.teamlid)


@pytest.mark.django_db
def test_a_submitted_review_goes_to_the_ambtelijke_regiekamer(rk, smtp_server):  # noqa: F811
    collega = UserFactory(username="regisseur-zwijndrecht", regisseur=True)
    beoordeling = _ingediend(rk)

    assert _ontvangers(MeldingSoort.BEOORDELING_INGEDIEND) == {
        "regisseur-dordrecht",
        "regisseur-zwijndrecht",
    }
    melding = Melding.objects.get(ontvanger=rk.regisseur)
    assert melding.url == reverse("regiekamer:advies", kwargs={"pk": beoordeling.pk})
    assert _inbox_toont(rk.regisseur, "Beoordeling ingediend: Skills-paspoort")
    assert _inbox_toont(collega, "Beoordeling ingediend: Skills-paspoort")
    assert not _inbox_toont(rk.teamlid, "Beoordeling ingediend")
    _mails_zoals_meldingen(smtp_server, MeldingSoort.BEOORDELING_INGEDIEND)


def _advies(rk, beoordeling, vervolg, reden=""):  # noqa: F811
    return advies_create(
        beoordeling=Beoordeling.objects.get(pk=beoordeling.pk),
        oordeel=AdviesOordeel.NEGATIEF if reden else AdviesOordeel.POSITIEF_MET_AANPASSINGEN,
        toelichting="Interne toelichting van de regiekamer.",
        vervolg=vervolg,
        reden_terugverwijzing=reden,
        acting_user=rk.regisseur,
    )


@pytest.mark.django_db
def test_a_review_sent_back_goes_to_its_theme_team(rk, smtp_server):  # noqa: F811
    beoordeling = _ingediend(rk)
    werker()
    smtp_server.berichten.clear()

    _advies(rk, beoordeling, AdviesVervolg.TERUGVERWIJZEN, reden="De regionale doelen ontbreken.")

    assert _ontvangers(MeldingSoort.BEOORDELING_TERUGVERWEZEN) == {
        "ambtenaar-dordrecht",
        "ambtenaar-zwijndrecht",
    }
    assert _inbox_toont(rk.teamlid, "Beoordeling terugverwezen: Skills-paspoort")
    _mails_zoals_meldingen(smtp_server, MeldingSoort.BEOORDELING_TERUGVERWEZEN)
    assert "De regionale doelen ontbreken." not in smtp_server.berichten[0].deel("text/plain")


@pytest.mark.django_db
def test_advice_on_the_agenda_goes_to_the_aldermen_of_the_involved_municipalities(
    rk,  # noqa: F811
    smtp_server,
):
    beoordeling = BeoordelingFactory(activiteit=rk.activiteit, ingediend=True)

    _advies(rk, beoordeling, AdviesVervolg.AGENDEREN)

    assert _ontvangers(MeldingSoort.ADVIES_GEGEVEN) == {
        "wethouder-dordrecht",
        "wethouder-papendrecht",
        "wethouder-zwijndrecht",
    }
    assert _inbox_toont(rk.wethouder("Papendrecht"), "Voorstel op uw agenda: Skills-paspoort")
    assert not _inbox_toont(rk.wethouder("Sliedrecht"), "Skills-paspoort")
    _mails_zoals_meldingen(smtp_server, MeldingSoort.ADVIES_GEGEVEN)


@pytest.mark.django_db
def test_a_decision_goes_to_the_theme_team_and_the_involved_aldermen(rk, smtp_server):  # noqa: F811
    beoordeling = BeoordelingFactory(activiteit=rk.activiteit, geadviseerd=True)
    for naam in ("Dordrecht", "Papendrecht", "Zwijndrecht"):
        resultaat = stem_cast(
            beoordeling_id=beoordeling.pk,
            gemeente=rk.gemeente(naam),
            keuze=StemKeuze.INSTEMMEN,
            acting_user=rk.wethouder(naam),
        )
    assert resultaat.besluit is not None

    # The alderman whose vote decided it is not told what he did himself.
    assert _ontvangers(MeldingSoort.BESLUIT_GENOMEN) == {
        "ambtenaar-dordrecht",
        "ambtenaar-zwijndrecht",
        "wethouder-dordrecht",
        "wethouder-papendrecht",
    }
    melding = Melding.objects.get(soort=MeldingSoort.BESLUIT_GENOMEN, ontvanger=rk.teamlid)
    assert melding.url == reverse("besluiten:detail", kwargs={"pk": resultaat.besluit.pk})
    assert _inbox_toont(rk.teamlid, "Besluit: Doorzetten van Skills-paspoort: aangenomen")
    _mails_zoals_meldingen(smtp_server, MeldingSoort.BESLUIT_GENOMEN)


def _brief_invoer() -> BriefInvoer:
    return BriefInvoer(
        titel="Transitie Drechtsteden",
        onderwerp="Stand van zaken",
        datum=datetime.date(2025, 3, 12),
        secties={soort: f"Tekst van {soort}." for soort in SectieSoort.values},
        afzender="De colleges van de Drechtsteden",
        contactpersoon_naam="A. de Vries",
        contactpersoon_email="a.devries@example.nl",
        ondertekening="B. Bakker, voorzitter",
    )


@pytest.mark.django_db
def test_a_letter_waiting_for_publication_goes_to_those_who_may_publish(rk, smtp_server):  # noqa: F811
    brief = brief_create(acting_user=rk.regisseur, invoer=_brief_invoer())

    assert _ontvangers(MeldingSoort.BRIEF_KLAAR) == {
        *(f"wethouder-{g.slug}" for g in rk.gemeenten.values()),
        "beheerder",
    }
    melding = Melding.objects.get(soort=MeldingSoort.BRIEF_KLAAR, ontvanger=rk.beheerder)
    assert melding.url == reverse("brieven:detail", kwargs={"brief_id": brief.uuid})
    assert _inbox_toont(rk.wethouder("Sliedrecht"), "Brief wacht op publicatie")
    _mails_zoals_meldingen(smtp_server, MeldingSoort.BRIEF_KLAAR)


@pytest.mark.django_db
def test_a_published_letter_goes_to_the_council_members_of_each_council(rk, smtp_server):  # noqa: F811
    raadsleden = [
        UserFactory(username=f"raadslid-{g.slug}-{i}", raadslid=True, gemeente=g)
        for g in rk.gemeenten.values()
        for i in (1, 2)
    ]
    brief = brief_create(
        acting_user=rk.regisseur,
        invoer=dataclasses.replace(_brief_invoer(), titel="Voortgang transitie"),
    )
    werker()
    smtp_server.berichten.clear()
    brief_publish(acting_user=rk.wethouder("Dordrecht"), brief=brief)

    # rk.raadslid has no council: the letter did not go to him.
    assert _ontvangers(MeldingSoort.BRIEF_GEPUBLICEERD) == {r.username for r in raadsleden}
    assert _inbox_toont(raadsleden[0], "Raadsinformatiebrief gepubliceerd: Voortgang transitie")
    _mails_zoals_meldingen(smtp_server, MeldingSoort.BRIEF_GEPUBLICEERD)
    for mail in smtp_server.berichten:  # a link, never the PDF
        assert not any(d.get_content_type() == "application/pdf" for d in mail.bericht.walk())


@pytest.mark.django_db
def test_due_and_overdue_toezeggingen_and_overdue_milestones_go_to_their_owners(
    rk,  # noqa: F811
    smtp_server,
):
    today = timezone.localdate()
    brief = RaadsinformatiebriefFactory(
        gepubliceerd=True, datum=today - datetime.timedelta(days=60)
    )
    binnenkort = ToezeggingFactory(brief=brief, verwacht_op=today + datetime.timedelta(days=10))
    te_laat = ToezeggingFactory(
        brief=brief,
        gemeente=rk.gemeente("Papendrecht"),
        verwacht_op=today - datetime.timedelta(days=1),
    )
    ToezeggingFactory(brief=brief, verwacht_op=today + datetime.timedelta(days=30))  # not yet
    mijlpaal = MijlpaalFactory(
        eigenaar_regiekamer=None,
        eigenaar_gemeente=rk.gemeente("Zwijndrecht"),
        deadline=today - datetime.timedelta(days=3),
    )

    call_command("verstuur_samenvatting", stdout=open("/dev/null", "w"))  # noqa: SIM115

    toezeggingen = Melding.objects.filter(soort=MeldingSoort.TOEZEGGING)
    # Due: every holder of the right to settle (the regiekamers); overdue to Papendrecht: its own.
    assert set(
        toezeggingen.filter(gebeurtenis=f"toezegging-binnenkort:{binnenkort.pk}").values_list(
            "ontvanger__username", flat=True
        )
    ) == {
        "regisseur-dordrecht",
        "beheerder",
        *(f"wethouder-{g.slug}" for g in rk.gemeenten.values()),
    }
    assert set(
        toezeggingen.filter(gebeurtenis=f"toezegging-te-laat:{te_laat.pk}").values_list(
            "ontvanger__username", flat=True
        )
    ) == {"wethouder-papendrecht"}
    assert _ontvangers(MeldingSoort.MIJLPAAL) == {"wethouder-zwijndrecht"}
    assert Melding.objects.get(soort=MeldingSoort.MIJLPAAL).url == reverse(
        "plan:mijlpaal_bewerken", kwargs={"pk": mijlpaal.pk}
    )
    assert _inbox_toont(rk.wethouder("Papendrecht"), "Toezegging te laat")
    _mails_zoals_meldingen(smtp_server, MeldingSoort.TOEZEGGING, MeldingSoort.MIJLPAAL)

    # Daily and idempotent: a second run the same day tells nobody again.
    aantal = Melding.objects.count()
    call_command("verstuur_samenvatting", stdout=open("/dev/null", "w"))  # noqa: SIM115
    werker()
    assert Melding.objects.count() == aantal
