"""The letters' policies: one answer to who reads drafts, who drafts and who publishes, asked by
the services, the pages (which buttons) and thema alike; a refused POST stores nothing."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from drechtsteden.selectors import user_sees_drafts
from drechtsteden.services import system_user
from tests.factories import BeoordelingFactory, RaadsinformatiebriefFactory, UserFactory
from thema.selectors import zichtbare_beoordelingen
from transitie.brieven.models import Briefpublicatie, Publicatieopdracht, Raadsinformatiebrief
from transitie.brieven.selectors import brief_list, may_draft_brief, may_publish_brief
from transitie.brieven.services import brief_publish
from transitie.constants import BriefStatus

pytestmark = pytest.mark.django_db

ROLLEN = ("ambtenaar", "regisseur", "wethouder", "raadslid", "beheerder")
# role: (reads drafts, drafts letters, publishes letters)
BELEID = {
    "ambtenaar": (True, True, False),
    "regisseur": (True, True, False),
    "wethouder": (True, False, True),
    "raadslid": (False, False, False),
    "beheerder": (True, True, True),
}


@pytest.fixture
def gebruikers(drechtsteden):
    return {rol: UserFactory(**{rol: True}, gemeente=drechtsteden[1]) for rol in ROLLEN}


@pytest.fixture
def concept(db):
    return RaadsinformatiebriefFactory(titel="Conceptbrief", secties=True)


@pytest.fixture
def gepubliceerd(drechtsteden):
    return RaadsinformatiebriefFactory(titel="Verstuurde brief", gepubliceerd=True, secties=True)


@pytest.mark.parametrize("rol", ROLLEN)
def test_one_policy_per_question_per_role(gebruikers, rol):
    user = gebruikers[rol]
    assert (user_sees_drafts(user), may_draft_brief(user), may_publish_brief(user)) == BELEID[rol]


def test_nobody_anonymous_reads_drafts():
    assert not user_sees_drafts(AnonymousUser())
    assert not may_draft_brief(AnonymousUser())


def test_raadslid_sees_no_draft_letter_and_no_draft_review(gebruikers, concept):
    review = BeoordelingFactory()  # a concept review
    ingediend = BeoordelingFactory(ingediend=True)
    raadslid = gebruikers["raadslid"]

    assert concept not in brief_list(user=raadslid)
    assert list(zichtbare_beoordelingen(raadslid)) == [ingediend]
    assert review not in zichtbare_beoordelingen(raadslid)


def test_regisseur_sees_the_draft_letter_and_the_draft_review(gebruikers, concept):
    review = BeoordelingFactory()
    regisseur = gebruikers["regisseur"]

    assert concept in brief_list(user=regisseur)
    assert review in zichtbare_beoordelingen(regisseur)


def knoppen(client: Client, brief: Raadsinformatiebrief) -> dict[str, bool]:
    detail = client.get(reverse("brieven:detail", kwargs={"brief_id": brief.uuid}))
    lijst = client.get(reverse("brieven:lijst"))
    html = detail.content.decode()
    return {
        "opstellen": reverse("brieven:nieuw") in lijst.content.decode(),
        "bewerken": reverse("brieven:bewerken", kwargs={"brief_id": brief.uuid}) in html,
        "publiceren": reverse("brieven:publiceren", kwargs={"brief_id": brief.uuid}) in html,
    }


@pytest.mark.parametrize("rol", ("ambtenaar", "regisseur", "wethouder", "beheerder"))
def test_compose_and_publish_buttons_follow_the_policy(gebruikers, concept, rol):
    client = Client()
    client.force_login(gebruikers[rol])
    _, opstellen, publiceren = BELEID[rol]

    assert knoppen(client, concept) == {
        "opstellen": opstellen,
        "bewerken": opstellen,
        "publiceren": publiceren,
    }


def test_correction_button_only_for_drafters(gebruikers, gepubliceerd):
    for rol in ROLLEN:
        client = Client()
        client.force_login(gebruikers[rol])
        html = client.get(reverse("brieven:detail", kwargs={"brief_id": gepubliceerd.uuid}))
        corrigeren = reverse("brieven:corrigeren", kwargs={"brief_id": gepubliceerd.uuid})
        assert (corrigeren in html.content.decode()) == BELEID[rol][1], rol


def formulier() -> dict:
    return {"titel": "Niet opgeslagen", "onderwerp": "Voortgang", "datum": "2025-03-12"}


@pytest.mark.parametrize("rol", ("wethouder", "raadslid"))
def test_a_new_letter_posted_by_a_non_drafter_is_refused_and_stores_nothing(gebruikers, rol):
    client = Client()
    client.force_login(gebruikers[rol])

    response = client.post(reverse("brieven:nieuw"), formulier())

    assert response.status_code == 403
    assert "U mag geen raadsinformatiebrieven opstellen." in response.content.decode()
    assert not Raadsinformatiebrief.objects.exists()
    assert not Raadsinformatiebrief.history.exists()


def test_an_edit_posted_by_the_wethouder_is_refused_and_stores_nothing(gebruikers, concept):
    client = Client()
    client.force_login(gebruikers["wethouder"])
    historie = concept.history.count()

    response = client.post(
        reverse("brieven:bewerken", kwargs={"brief_id": concept.uuid}),
        {**formulier(), "versie": concept.versie},
    )

    assert response.status_code == 403
    assert "U mag geen raadsinformatiebrieven opstellen." in response.content.decode()
    concept.refresh_from_db()
    assert concept.titel == "Conceptbrief"
    assert concept.history.count() == historie


def test_a_correction_posted_by_the_wethouder_is_refused_and_stores_nothing(
    gebruikers, gepubliceerd
):
    client = Client()
    client.force_login(gebruikers["wethouder"])

    response = client.post(reverse("brieven:corrigeren", kwargs={"brief_id": gepubliceerd.uuid}))

    assert response.status_code == 403
    assert "U mag geen raadsinformatiebrieven opstellen." in response.content.decode()
    assert list(Raadsinformatiebrief.objects.all()) == [gepubliceerd]


@pytest.mark.parametrize("rol", ("ambtenaar", "regisseur"))
def test_publishing_posted_by_a_drafter_is_refused_and_stores_nothing(gebruikers, concept, rol):
    client = Client()
    client.force_login(gebruikers[rol])
    historie = concept.history.count()

    response = client.post(
        reverse("brieven:publiceren", kwargs={"brief_id": concept.uuid}),
        {"versie": concept.versie},
    )

    assert response.status_code == 403
    assert (
        "Alleen de bestuurlijke regiekamer of een beheerder publiceert een brief."
        in response.content.decode()
    )
    concept.refresh_from_db()
    assert concept.status == BriefStatus.CONCEPT
    assert concept.history.count() == historie
    assert not Briefpublicatie.objects.exists()
    assert not Publicatieopdracht.objects.exists()


def test_publishing_posted_by_a_raadslid_does_not_reveal_the_draft(gebruikers, concept):
    client = Client()
    client.force_login(gebruikers["raadslid"])

    response = client.post(
        reverse("brieven:publiceren", kwargs={"brief_id": concept.uuid}),
        {"versie": concept.versie},
    )

    assert response.status_code == 404
    assert not Briefpublicatie.objects.exists()
    assert not Publicatieopdracht.objects.exists()


def test_a_management_command_publishes_as_the_system_user_on_the_date_sent(drechtsteden):
    brief = RaadsinformatiebriefFactory(secties=True)
    verstuurd = datetime.datetime(2025, 3, 12, 12, tzinfo=datetime.UTC)
    systeem = system_user()

    publicaties = brief_publish(acting_user=systeem, brief=brief, gepubliceerd_op=verstuurd)

    brief.refresh_from_db()
    assert brief.gepubliceerd_op == verstuurd
    assert len(publicaties) == 7
    laatste = brief.history.first()
    assert (laatste.history_user, laatste.history_change_reason) == (systeem, "Gepubliceerd")
    rijen = Briefpublicatie.history.all()
    assert {(r.history_user, r.history_change_reason) for r in rijen} == {(systeem, "Gepubliceerd")}


def test_a_person_does_not_backdate_a_publication(gebruikers, concept):
    with pytest.raises(ValueError):
        brief_publish(
            acting_user=gebruikers["wethouder"],
            brief=concept,
            gepubliceerd_op=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
        )
    concept.refresh_from_db()
    assert concept.status == BriefStatus.CONCEPT


def test_the_service_refuses_a_publisher_without_the_right(gebruikers, concept):
    with pytest.raises(PermissionDenied, match="Alleen de bestuurlijke regiekamer"):
        brief_publish(acting_user=gebruikers["regisseur"], brief=concept)
    assert not Briefpublicatie.objects.exists()
