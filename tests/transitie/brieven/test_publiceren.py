"""Publishing in the background: the POST asks, the worker renders one PDF per council, and the
step that finishes last publishes all seven at once, or nothing."""

import contextlib
import datetime
import gc
import hashlib
import threading

import pytest
from django.core import mail
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from drechtsteden.historie import keten
from drechtsteden.meldingen.models import Melding
from tests.factories import (
    BriefbijlageFactory,
    RaadsinformatiebriefFactory,
    UserFactory,
    pdf_bytes,
)
from tests.werker import werker
from transitie.brieven import pdf as pdf_module
from transitie.brieven import services
from transitie.brieven.models import (
    Briefpublicatie,
    Publicatieopdracht,
    Publicatiestap,
    Raadsinformatiebrief,
)
from transitie.brieven.services import (
    BriefInvoer,
    PublicatieLoopt,
    bijlage_add,
    brief_publish,
    brief_publish_request,
    brief_update,
    publicatie_render,
    publicatiestap_run,
)
from transitie.constants import BriefStatus, OpdrachtStatus, SectieSoort, StapStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def mensen(drechtsteden):
    dordrecht = drechtsteden[1]
    return {
        "ambtenaar": UserFactory(ambtenaar=True, gemeente=dordrecht),
        "wethouder": UserFactory(wethouder=True, gemeente=dordrecht),
        "raadslid": UserFactory(raadslid=True, gemeente=dordrecht),
        "raadslid_papendrecht": UserFactory(raadslid=True, gemeente=drechtsteden[4]),
        "beheerder": UserFactory(beheerder=True),
    }


@pytest.fixture
def brief():
    return RaadsinformatiebriefFactory(secties=True, titel="Voortgang van de transitie")


def als(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def publiceer_url(brief) -> str:
    return reverse("brieven:publiceren", kwargs={"brief_id": brief.uuid})


def detail_url(brief) -> str:
    return reverse("brieven:detail", kwargs={"brief_id": brief.uuid})


def voortgang_url(brief) -> str:
    return reverse("brieven:voortgang", kwargs={"brief_id": brief.uuid})


def invoer(brief, **kwargs) -> BriefInvoer:
    waarden = {
        "titel": brief.titel,
        "onderwerp": brief.onderwerp,
        "datum": brief.datum,
        "secties": {soort: f"Tekst van de sectie {soort}." for soort in SectieSoort.values},
        "afzender": brief.afzender,
        "kenmerk": brief.kenmerk,
        "contactpersoon_naam": brief.contactpersoon_naam,
        "contactpersoon_email": brief.contactpersoon_email,
        "contactpersoon_telefoon": brief.contactpersoon_telefoon,
        "ondertekening": brief.ondertekening,
    }
    return BriefInvoer(**{**waarden, **kwargs})


def test_the_post_only_asks_and_the_worker_publishes_all_seven(mensen, brief):
    wethouder = mensen["wethouder"]

    response = als(wethouder).post(publiceer_url(brief), {"versie": brief.versie}, follow=True)

    # Nothing rendered in the request: the letter is a draft, no publication exists yet.
    assert response.redirect_chain == [(detail_url(brief), 302)]
    html = response.content.decode()
    assert "De publicatie is gestart" in html
    assert "0 van de 7 PDF's zijn klaar" in html
    assert 'src="/static/js/publicatie.js"' in html
    assert "Vernieuwen" in html
    brief.refresh_from_db()
    assert brief.status == BriefStatus.CONCEPT
    assert not Briefpublicatie.objects.exists()
    opdracht = Publicatieopdracht.objects.get(brief=brief)
    assert opdracht.status == OpdrachtStatus.BEZIG
    assert opdracht.aangevraagd_door == wethouder
    assert list(opdracht.stappen.values_list("status", flat=True)) == [StapStatus.WACHTEND] * 7
    assert DBTaskResult.objects.filter(task_path__endswith="publicatiestap_render").count() == 7

    werker()

    brief.refresh_from_db()
    assert brief.status == BriefStatus.GEPUBLICEERD
    assert brief.peildatum == opdracht.peildatum == timezone.localdate()
    publicaties = list(Briefpublicatie.objects.filter(brief=brief))
    assert len(publicaties) == 7
    assert {p.gemeente.naam for p in publicaties} == {
        s.gemeente.naam for s in opdracht.stappen.all()
    }
    for publicatie in publicaties:
        assert bytes(publicatie.pdf).startswith(b"%PDF-")
        assert publicatie.sha256 == hashlib.sha256(bytes(publicatie.pdf)).hexdigest()
        assert publicatie.gepubliceerd_op == brief.gepubliceerd_op
        assert [(r.history_user, r.history_change_reason) for r in publicatie.history.all()] == [
            (wethouder, "Gepubliceerd")
        ]
    laatste = brief.history.first()
    assert (laatste.history_user, laatste.history_change_reason, laatste.status) == (
        wethouder,
        "Gepubliceerd",
        BriefStatus.GEPUBLICEERD,
    )
    opdracht.refresh_from_db()
    assert opdracht.status == OpdrachtStatus.GEPUBLICEERD
    assert opdracht.history.first().history_user == wethouder
    # The bytes live in the publications; the steps keep their hash as the record.
    for stap in opdracht.stappen.all():
        assert (stap.status, stap.pdf) == (StapStatus.KLAAR, None)
        assert stap.sha256 in {p.sha256 for p in publicaties}
        assert {r.history_user for r in stap.history.all()} == {wethouder}
    # The council members are told, by the worker's mail too.
    for raadslid in (mensen["raadslid"], mensen["raadslid_papendrecht"]):
        assert Melding.objects.filter(ontvanger=raadslid, url=detail_url(brief)).count() == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [mensen["raadslid"].email, mensen["raadslid_papendrecht"].email]
    )

    pagina = als(wethouder).get(detail_url(brief)).content.decode()
    assert "publicatie.js" not in pagina
    assert pagina.count(".pdf</a>") == 7


def test_a_failed_render_leaves_a_draft_with_the_error_and_a_retry_publishes(
    mensen, brief, monkeypatch
):
    """A render that raises for one council (fault injected into the real renderer; the other
    councils' PDFs are rendered for real)."""
    echte_render = services.brief_render

    def render_behalve_papendrecht(*, brief, gemeente):
        if gemeente.naam == "Papendrecht":
            raise RuntimeError("lettertype ontbreekt")
        return echte_render(brief=brief, gemeente=gemeente)

    monkeypatch.setattr(services, "brief_render", render_behalve_papendrecht)
    wethouder = mensen["wethouder"]
    als(wethouder).post(publiceer_url(brief), {"versie": brief.versie})

    werker()

    brief.refresh_from_db()
    assert brief.status == BriefStatus.CONCEPT
    assert not Briefpublicatie.objects.exists()
    opdracht = Publicatieopdracht.objects.get(brief=brief)
    assert opdracht.status == OpdrachtStatus.MISLUKT
    assert "Papendrecht" in opdracht.fout
    papendrecht = opdracht.stappen.get(gemeente__naam="Papendrecht")
    assert papendrecht.status == StapStatus.MISLUKT
    assert papendrecht.fout == "RuntimeError: lettertype ontbreekt"
    assert not opdracht.stappen.filter(pdf__isnull=False).exists()
    assert opdracht.history.first().history_change_reason == "Publicatie mislukt"
    assert DBTaskResult.objects.filter(status="FAILED").count() == 1
    assert not Melding.objects.filter(url=detail_url(brief), ontvanger=mensen["raadslid"]).exists()
    pagina = als(wethouder).get(detail_url(brief)).content.decode()
    assert "Niet gepubliceerd" in pagina
    assert "De PDF voor de gemeenteraad van Papendrecht kon niet worden gemaakt" in pagina
    assert "publicatie.js" not in pagina
    assert f'href="{publiceer_url(brief)}"' in pagina
    # The draft can be edited again.
    brief_update(
        acting_user=mensen["ambtenaar"],
        brief=brief,
        versie=brief.versie,
        invoer=invoer(brief, titel="Voortgang, tweede poging"),
    )

    monkeypatch.setattr(services, "brief_render", echte_render)
    brief.refresh_from_db()
    response = als(wethouder).post(publiceer_url(brief), {"versie": brief.versie})
    assert response.status_code == 302
    werker()

    brief.refresh_from_db()
    assert brief.status == BriefStatus.GEPUBLICEERD
    assert brief.publicaties.count() == 7
    assert list(brief.publicatieopdrachten.values_list("status", flat=True)) == [
        OpdrachtStatus.GEPUBLICEERD,
        OpdrachtStatus.MISLUKT,
    ]


def test_an_annex_changed_while_rendering_fails_the_request_and_publishes_nothing(mensen):
    brief = RaadsinformatiebriefFactory(secties=True)
    bijlage = BriefbijlageFactory(brief=brief)
    opdracht = brief_publish_request(acting_user=mensen["wethouder"], brief=brief)
    bijlage.pdf = pdf_bytes("Ander bestand")  # bytes changed behind the services' back
    bijlage.save()

    werker()

    brief.refresh_from_db()
    opdracht.refresh_from_db()
    assert brief.status == BriefStatus.CONCEPT
    assert opdracht.status == OpdrachtStatus.MISLUKT
    assert "is na het uploaden gewijzigd" in opdracht.fout
    assert not Briefpublicatie.objects.exists()
    assert set(opdracht.stappen.values_list("status", flat=True)) == {StapStatus.KLAAR}
    assert not opdracht.stappen.filter(pdf__isnull=False).exists()


def _alles_gerenderd_behalve(opdracht, *, laatste: int):
    """Render every step for real; finish all but the last `laatste`; return those results."""
    stappen = list(opdracht.stappen.order_by("pk"))
    brief = Raadsinformatiebrief.objects.get(pk=opdracht.brief_id)
    brief.peildatum = opdracht.peildatum
    resultaten = []
    for stap in stappen:
        assert services._stap_claim(stap.pk) is not None
        publicatie = publicatie_render(
            brief=brief, gemeente=stap.gemeente, gepubliceerd_op=opdracht.aangevraagd_op
        )
        resultaten.append((stap.pk, publicatie))
    for stap_id, publicatie in resultaten[:-laatste]:
        assert services._stap_finish(stap_id, publicatie=publicatie) is False
    return resultaten[-laatste:]


def test_the_last_step_publishes_once_however_often_it_finishes(mensen, brief):
    opdracht = brief_publish_request(acting_user=mensen["wethouder"], brief=brief)
    [(stap_id, publicatie)] = _alles_gerenderd_behalve(opdracht, laatste=1)

    assert services._stap_finish(stap_id, publicatie=publicatie) is True
    # The same step again (a task delivered twice), and the worker running it again.
    assert services._stap_finish(stap_id, publicatie=publicatie) is False
    publicatiestap_run(stap_id=stap_id)

    assert Briefpublicatie.objects.filter(brief=brief).count() == 7
    brief.refresh_from_db()
    assert brief.history.filter(history_change_reason="Gepubliceerd").count() == 1
    assert Melding.objects.filter(ontvanger=mensen["raadslid"]).count() == 1


@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="SQLite serialises writers; the race needs PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_two_steps_finishing_at_once_publish_once(mensen, brief, monkeypatch):
    """The worst interleaving, forced: each finishing step, having stored its PDF, waits (up to
    three seconds) for the other to have stored its own before it looks whether all are ready.
    Without the request's row lock both would then see the other's step unfinished (not yet
    committed) and neither would publish (or, first, two history rows would claim the same place
    in the chain); with it, the second waits for the first to commit.

    The history chain's advisory lock (drechtsteden/historie/keten.py) serialises every writer of
    history on PostgreSQL as well, which would hide a missing row lock here; it is switched off
    in this test so that the request's own lock is what is tested (it must not depend on it)."""
    opdracht = brief_publish_request(acting_user=mensen["wethouder"], brief=brief)
    laatste_twee = _alles_gerenderd_behalve(opdracht, laatste=2)
    samen = threading.Barrier(2)
    echte_history_save = services.history_save

    def history_save_en_wacht(instance, **kwargs):
        echte_history_save(instance, **kwargs)
        if isinstance(instance, Publicatiestap) and instance.status == StapStatus.KLAAR:
            # Broken when the other step waits for our lock: as it should.
            with contextlib.suppress(threading.BrokenBarrierError):
                samen.wait(timeout=3)

    monkeypatch.setattr(services, "history_save", history_save_en_wacht)
    monkeypatch.setattr(keten, "_lock_chain", lambda using: None)
    uitkomsten: list[bool] = []
    fouten: list[BaseException] = []

    def klaar(stap_id, publicatie) -> None:
        try:
            uitkomsten.append(services._stap_finish(stap_id, publicatie=publicatie))
        except BaseException as fout:  # noqa: BLE001 - reported in the main thread
            fouten.append(fout)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=klaar, args=args) for args in laatste_twee]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert fouten == []
    assert sorted(uitkomsten) == [False, True]
    assert Briefpublicatie.objects.filter(brief=brief).count() == 7
    assert brief.history.filter(history_change_reason="Gepubliceerd").count() == 1
    assert Publicatieopdracht.objects.get().status == OpdrachtStatus.GEPUBLICEERD


def test_while_publishing_the_letter_refuses_edits_and_a_second_request(mensen, brief):
    ambtenaar, wethouder = mensen["ambtenaar"], mensen["wethouder"]
    brief_publish_request(acting_user=wethouder, brief=brief)
    brief.refresh_from_db()
    bewerken = reverse("brieven:bewerken", kwargs={"brief_id": brief.uuid})

    with pytest.raises(PublicatieLoopt, match="wordt nu gepubliceerd"):
        brief_update(acting_user=ambtenaar, brief=brief, versie=brief.versie, invoer=invoer(brief))
    with pytest.raises(PublicatieLoopt):
        bijlage_add(
            acting_user=ambtenaar, brief=brief, titel="Bijlage", inhoud=b"", bestandsnaam="b.pdf"
        )
    with pytest.raises(PublicatieLoopt, match="wordt al gepubliceerd"):
        brief_publish_request(acting_user=wethouder, brief=brief)
    with pytest.raises(PublicatieLoopt):
        brief_publish(acting_user=wethouder, brief=brief)
    # The pages: the edit form sends the author back to the letter with the reason; a form
    # that was open already keeps what was typed and says why it was not saved.
    response = als(ambtenaar).get(bewerken, follow=True)
    assert response.redirect_chain == [(detail_url(brief), 302)]
    html = response.content.decode()
    assert "wordt nu gepubliceerd" in html
    assert f'href="{bewerken}"' not in html
    assert f'href="{publiceer_url(brief)}"' not in html
    data = {
        "versie": brief.versie,
        "titel": "Getypte titel die blijft",
        "onderwerp": brief.onderwerp,
        "datum": brief.datum.isoformat(),
        **dict.fromkeys(SectieSoort.values, "tekst"),
    }
    response = als(ambtenaar).post(bewerken, data)
    assert response.status_code == 200
    assert "wordt nu gepubliceerd" in response.content.decode()
    assert "Getypte titel die blijft" in response.content.decode()
    response = als(wethouder).post(publiceer_url(brief), {"versie": brief.versie}, follow=True)
    assert "wordt al gepubliceerd" in response.content.decode()
    assert Publicatieopdracht.objects.count() == 1
    brief.refresh_from_db()
    assert brief.titel == "Voortgang van de transitie"


def test_a_request_stuck_past_the_timeout_counts_as_failed(mensen, brief, settings):
    wethouder = mensen["wethouder"]
    oud = brief_publish_request(acting_user=wethouder, brief=brief)
    brief.refresh_from_db()
    # The worker was killed: nothing ran, and the timeout has passed.
    settings.PUBLICATIE_TIMEOUT_SECONDEN = 0

    pagina = als(wethouder).get(detail_url(brief)).content.decode()
    assert "niet binnen 1 minuten afgerond" in pagina
    assert f'href="{publiceer_url(brief)}"' in pagina
    # Editing is allowed again, and records the stuck request as failed by whoever found it.
    brief_update(
        acting_user=mensen["ambtenaar"],
        brief=brief,
        versie=brief.versie,
        invoer=invoer(brief, titel="Na de vastgelopen publicatie"),
    )
    oud.refresh_from_db()
    assert oud.status == OpdrachtStatus.MISLUKT
    assert oud.history.first().history_user == mensen["ambtenaar"]
    assert set(oud.stappen.values_list("status", flat=True)) == {StapStatus.MISLUKT}

    settings.PUBLICATIE_TIMEOUT_SECONDEN = 600
    nieuw = brief_publish_request(acting_user=wethouder, brief=brief)
    # The stuck request's tasks still wait in the queue; they find it failed and do nothing.
    werker()

    brief.refresh_from_db()
    assert brief.status == BriefStatus.GEPUBLICEERD
    assert brief.titel == "Na de vastgelopen publicatie"
    assert Briefpublicatie.objects.filter(brief=brief).count() == 7
    nieuw.refresh_from_db()
    assert nieuw.status == OpdrachtStatus.GEPUBLICEERD
    assert set(oud.stappen.values_list("status", flat=True)) == {StapStatus.MISLUKT}


def test_a_step_whose_request_expired_while_rendering_publishes_nothing(mensen, brief, settings):
    opdracht = brief_publish_request(acting_user=mensen["wethouder"], brief=brief)
    [(stap_id, publicatie)] = _alles_gerenderd_behalve(opdracht, laatste=1)
    settings.PUBLICATIE_TIMEOUT_SECONDEN = 0

    assert services._stap_finish(stap_id, publicatie=publicatie) is False

    opdracht.refresh_from_db()
    assert opdracht.status == OpdrachtStatus.MISLUKT
    assert not Briefpublicatie.objects.exists()
    assert not opdracht.stappen.filter(pdf__isnull=False).exists()


@pytest.mark.parametrize(
    ("rol", "status"),
    [
        ("ambtenaar", 200),
        ("wethouder", 200),
        ("beheerder", 200),
        ("raadslid", 404),
    ],
)
def test_the_progress_is_shown_to_who_may_see_the_letter(mensen, brief, rol, status):
    brief_publish_request(acting_user=mensen["wethouder"], brief=brief)

    response = als(mensen[rol]).get(voortgang_url(brief))

    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert 'data-status="bezig"' in html
        assert html.count("In de wachtrij") == 7
        assert "<html" not in html


def test_the_progress_asks_a_login_first(brief):
    response = Client().get(voortgang_url(brief))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_progress_of_a_letter_never_published_is_empty(mensen, brief):
    response = als(mensen["wethouder"]).get(voortgang_url(brief))

    assert response.status_code == 200
    assert response.content.decode().strip() == ""


@pytest.mark.parametrize("eerdere_pogingen", [0, 5])
def test_the_progress_queries_do_not_grow_with_the_requests(
    mensen, brief, eerdere_pogingen, settings, django_assert_max_num_queries
):
    # Each earlier request fails as stuck when the next one is made; the last one runs.
    settings.PUBLICATIE_TIMEOUT_SECONDEN = 0
    for _ in range(eerdere_pogingen + 1):
        brief_publish_request(acting_user=mensen["wethouder"], brief=brief)
    settings.PUBLICATIE_TIMEOUT_SECONDEN = 600
    client = als(mensen["ambtenaar"])

    # Session, user, the permissions (own and the role's), the profile; the letter and its
    # sections; the request and its steps with their councils.
    with django_assert_max_num_queries(8):
        response = client.get(voortgang_url(brief))

    assert response.status_code == 200
    assert Publicatieopdracht.objects.count() == eerdere_pogingen + 1


def test_the_request_refuses_what_publishing_refuses(mensen):
    onvolledig = RaadsinformatiebriefFactory(secties=True, onvolledig=True)
    zonder_tekst = RaadsinformatiebriefFactory()

    for brief, melding in ((onvolledig, "De brief mist nog"), (zonder_tekst, "zonder tekst")):
        response = als(mensen["wethouder"]).post(publiceer_url(brief), {"versie": brief.versie})
        assert response.status_code == 200
        assert melding in response.content.decode()
    assert not Publicatieopdracht.objects.exists()
    assert not DBTaskResult.objects.exists()
    response = als(mensen["ambtenaar"]).post(
        publiceer_url(onvolledig), {"versie": onvolledig.versie}
    )
    assert response.status_code == 403


def test_the_request_is_historied_with_the_user_who_clicked(mensen, brief):
    opdracht = brief_publish_request(acting_user=mensen["wethouder"], brief=brief)

    assert [(r.history_user, r.history_change_reason) for r in opdracht.history.all()] == [
        (mensen["wethouder"], "Publicatie aangevraagd")
    ]
    assert Publicatiestap.history.filter(history_user=mensen["wethouder"]).count() == 7
    assert opdracht.aangevraagd_op > timezone.now() - datetime.timedelta(minutes=1)


def test_a_render_runs_with_fewer_collector_passes_and_restores_them(drechtsteden, monkeypatch):
    """WeasyPrint renders with the collector's render thresholds (see transitie/brieven/pdf.py)
    and the process gets its own back afterwards, after a failure too."""
    brief = RaadsinformatiebriefFactory(secties=True)
    gezien = []

    def pdfua_apply(pdf, *, inhoud):
        gezien.append(gc.get_threshold())
        if len(gezien) == 2:
            raise RuntimeError("nabewerking mislukt")
        return pdf

    monkeypatch.setattr(pdf_module, "pdfua_apply", pdfua_apply)
    eigen = gc.get_threshold()
    assert pdf_module.brief_render(brief=brief, gemeente=drechtsteden[0]).pdf.startswith(b"%PDF")
    with pytest.raises(RuntimeError):
        pdf_module.brief_render(brief=brief, gemeente=drechtsteden[0])
    assert gezien == [pdf_module.RENDER_GC_DREMPELS] * 2
    assert eigen != pdf_module.RENDER_GC_DREMPELS
    assert gc.get_threshold() == eigen
