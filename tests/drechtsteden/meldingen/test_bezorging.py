"""Sending: at once, in the daily digest or not by e-mail, as each person chose; a failed send is
retried later with a growing wait and shown to the beheerder; never a mail twice for one event and
person; the records say who, what, when and whether it was delivered, never a mail's text."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from drechtsteden.meldingen.constants import MAX_POGINGEN, BezorgStatus, MailKeuze, MeldingSoort
from drechtsteden.meldingen.services import bezorging_deliver, meldingen_send
from drechtsteden.models import Bezorging, Melding
from drechtsteden.services import SYSTEM_USERNAME
from tests.factories import MeldingVoorkeurFactory, UserFactory
from tests.werker import werker


def _stil(*args, **kwargs) -> None:
    with open("/dev/null", "w") as leeg:
        call_command(*args, stdout=leeg, **kwargs)


@pytest.fixture
def afzender(db):
    return UserFactory(username="afzender", regisseur=True)


def _meld(afzender, ontvangers, n: int = 1, soort=MeldingSoort.BRIEF_GEPUBLICEERD):
    return meldingen_send(
        soort=soort,
        gebeurtenis=f"test:{n}",
        ontvangers=ontvangers,
        titel=f"Raadsinformatiebrief gepubliceerd: brief {n}",
        url=f"/brieven/{n}/",
        acting_user=afzender,
    )


@pytest.mark.django_db
def test_one_event_is_one_notification_and_one_mail_per_person(afzender, smtp_server):
    raadslid = UserFactory(raadslid=True)
    _meld(afzender, [raadslid, raadslid])
    _meld(afzender, [raadslid])  # the same event again: nothing new
    werker()
    werker()

    assert Melding.objects.filter(ontvanger=raadslid).count() == 1
    assert len(smtp_server.aan(raadslid.email)) == 1
    # Running the task for a delivery already sent sends nothing.
    bezorging_deliver(bezorging_id=Bezorging.objects.get().pk)
    assert len(smtp_server.berichten) == 1


@pytest.mark.django_db
def test_nobody_is_told_about_his_own_act_and_inactive_accounts_are_skipped(afzender):
    weg = UserFactory(is_active=False)
    assert _meld(afzender, [afzender, weg]) == []


@pytest.mark.django_db
def test_the_mail_is_sent_by_the_worker_not_when_the_event_happens(afzender, smtp_server):
    _meld(afzender, [UserFactory()])
    assert smtp_server.berichten == []
    werker()
    assert len(smtp_server.berichten) == 1


@pytest.mark.django_db
def test_a_failed_send_is_retried_later_and_then_sent_once(afzender, smtp_server):
    raadslid = UserFactory()
    _meld(afzender, [raadslid])
    smtp_server.weigeren = True
    voor = timezone.now()

    werker()

    bezorging = Bezorging.objects.get()
    assert (bezorging.status, bezorging.pogingen) == (BezorgStatus.WACHTEND, 1)
    assert "451" in bezorging.laatste_fout
    opnieuw = DBTaskResult.objects.get(status="READY")
    wacht = opnieuw.run_after - voor
    assert datetime.timedelta(seconds=55) < wacht < datetime.timedelta(minutes=2)

    smtp_server.weigeren = False
    DBTaskResult.objects.filter(pk=opnieuw.pk).update(run_after=timezone.now())  # time passes
    werker()

    bezorging.refresh_from_db()
    assert (bezorging.status, bezorging.pogingen) == (BezorgStatus.VERZONDEN, 2)
    assert len(smtp_server.aan(raadslid.email)) == 1


@pytest.mark.django_db
def test_after_the_last_try_the_delivery_is_failed_and_the_beheerder_sees_it(
    afzender, smtp_server, client
):
    _meld(afzender, [UserFactory(username="onbereikbaar")])
    smtp_server.weigeren = True
    for _poging in range(MAX_POGINGEN):
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        werker()

    bezorging = Bezorging.objects.get()
    assert (bezorging.status, bezorging.pogingen) == (BezorgStatus.MISLUKT, MAX_POGINGEN)
    assert not DBTaskResult.objects.filter(status="READY").exists()  # given up

    client.force_login(UserFactory(beheerder=True))
    lijst = client.get(
        reverse("admin:drechtsteden_bezorging_changelist"), {"status__exact": "mislukt"}
    )
    assert lijst.status_code == 200
    assert "onbereikbaar" in lijst.content.decode()
    assert "Mislukt" in lijst.content.decode()


@pytest.mark.django_db
def test_the_records_say_who_what_when_and_delivered_without_the_mail_text(afzender, smtp_server):
    ontvanger = UserFactory()
    (melding,) = _meld(afzender, [ontvanger])
    werker()

    rij = melding.history.get()
    assert (rij.history_user, rij.ontvanger, rij.titel) == (afzender, ontvanger, melding.titel)
    stappen = list(
        Bezorging.objects.get()
        .history.order_by("history_id")
        .values_list("status", "history_user__username", "history_change_reason")
    )
    assert stappen == [
        (BezorgStatus.WACHTEND, "afzender", "Bezorging vastgelegd"),
        (BezorgStatus.VERZONDEN, SYSTEM_USERNAME, "Verzonden"),
    ]
    tekst = smtp_server.berichten[0].deel("text/plain")
    regel = next(r for r in tekst.splitlines() if r.startswith("In het Regieportaal"))
    for model in (Melding, Bezorging):
        velden = {veld.name for veld in model.history.model._meta.fields}
        assert not velden & {"body", "tekst", "inhoud", "html"}
        for rij in model.history.values():
            assert regel not in " ".join(str(v) for v in rij.values())


@pytest.mark.django_db
def test_the_digest_sends_one_mail_a_day_with_everything_waiting(afzender, smtp_server):
    raadslid = UserFactory()
    MeldingVoorkeurFactory(gebruiker=raadslid, soort=MeldingSoort.BRIEF_GEPUBLICEERD)
    _meld(afzender, [raadslid], n=1)
    _meld(afzender, [raadslid], n=2)
    werker()
    assert smtp_server.berichten == []  # not at once

    _stil("verstuur_samenvatting")
    _stil("verstuur_samenvatting")  # run twice: still one digest
    werker()

    (mail,) = smtp_server.berichten
    assert mail.onderwerp == "Dagelijkse samenvatting: 2 meldingen"
    assert "https://regieportaal.example/brieven/1/" in mail.deel("text/plain")
    assert "https://regieportaal.example/brieven/2/" in mail.deel("text/plain")
    assert set(Bezorging.objects.values_list("status", flat=True)) == {BezorgStatus.VERZONDEN}

    _stil("verstuur_samenvatting")
    werker()
    assert len(smtp_server.berichten) == 1


@pytest.mark.django_db
def test_not_by_e_mail_still_in_the_inbox(afzender, smtp_server, client):
    raadslid = UserFactory()
    MeldingVoorkeurFactory(
        gebruiker=raadslid, soort=MeldingSoort.BRIEF_GEPUBLICEERD, keuze=MailKeuze.GEEN
    )
    _meld(afzender, [raadslid])
    _stil("verstuur_samenvatting")
    werker()

    assert smtp_server.berichten == []
    assert Bezorging.objects.get().status == BezorgStatus.GEEN_MAIL
    client.force_login(raadslid)
    assert "brief 1" in client.get(reverse("meldingen:inbox")).content.decode()


@pytest.mark.django_db
def test_the_preferences_page_stores_a_choice_per_kind(client):
    gebruiker = UserFactory()
    client.force_login(gebruiker)
    pagina = client.get(reverse("meldingen:voorkeuren"))
    assert "In de dagelijkse samenvatting" in pagina.content.decode()

    keuzes = dict.fromkeys(MeldingSoort.values, MailKeuze.DIRECT)
    keuzes[MeldingSoort.BRIEF_GEPUBLICEERD] = MailKeuze.SAMENVATTING
    keuzes[MeldingSoort.TOEZEGGING] = MailKeuze.GEEN
    antwoord = client.post(reverse("meldingen:voorkeuren"), keuzes, follow=True)

    assert "Uw e-mailvoorkeuren zijn opgeslagen." in antwoord.content.decode()
    assert dict(gebruiker.meldingvoorkeuren.values_list("soort", "keuze")) == keuzes

    fout = client.post(reverse("meldingen:voorkeuren"), {**keuzes, "toezegging": "fax"})
    assert fout.status_code == 200
    assert "geen beschikbare keuze" in fout.content.decode()
    assert gebruiker.meldingvoorkeuren.get(soort=MeldingSoort.TOEZEGGING).keuze == MailKeuze.GEEN
