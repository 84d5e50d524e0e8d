"""The inbox: one's own notifications, newest first, paginated, each a link to its object; mark
read by POST; the header's unread count; queries flat as notifications grow."""

import pytest
from django.urls import reverse

from drechtsteden.models import Melding
from tests.factories import MeldingFactory, UserFactory


@pytest.mark.django_db
@pytest.mark.parametrize("aantal", [3, 80])
def test_the_inbox_queries_do_not_grow_with_the_notifications(
    client, aantal, django_assert_max_num_queries
):
    gebruiker = UserFactory(regisseur=True)
    for _ in range(aantal):
        MeldingFactory(ontvanger=gebruiker)
    MeldingFactory()  # someone else's
    client.force_login(gebruiker)

    with django_assert_max_num_queries(10):
        antwoord = client.get(reverse("meldingen:inbox"), {"pagina": 2 if aantal > 25 else 1})

    inhoud = antwoord.content.decode()
    assert inhoud.count('class="rp-melding rp-melding--nieuw"') == min(aantal, 25)
    assert f"{aantal} ongelezen" in inhoud


@pytest.mark.django_db
def test_the_header_shows_the_unread_count_on_every_page(client):
    gebruiker = UserFactory(regisseur=True)
    MeldingFactory(ontvanger=gebruiker)
    MeldingFactory(ontvanger=gebruiker, gelezen=True)
    client.force_login(gebruiker)

    inhoud = client.get(reverse("dashboard")).content.decode()

    assert '<span class="rp-teller">1 ongelezen</span>' in inhoud


@pytest.mark.django_db
def test_each_notification_links_to_its_object_newest_first(client):
    gebruiker = UserFactory()
    oud = MeldingFactory(ontvanger=gebruiker, titel="Oude melding", url="/brieven/")
    nieuw = MeldingFactory(ontvanger=gebruiker, titel="Nieuwe melding", url="/besluiten/")
    client.force_login(gebruiker)

    inhoud = client.get(reverse("meldingen:inbox")).content.decode()

    assert f'<a href="{nieuw.url}">Nieuwe melding</a>' in inhoud
    assert f'<a href="{oud.url}">Oude melding</a>' in inhoud
    assert inhoud.index("Nieuwe melding") < inhoud.index("Oude melding")


@pytest.mark.django_db
def test_mark_read_by_post_with_history_and_only_ones_own(client):
    gebruiker = UserFactory()
    melding = MeldingFactory(ontvanger=gebruiker)
    ander = MeldingFactory()
    client.force_login(gebruiker)
    url = reverse("meldingen:gelezen", kwargs={"pk": melding.pk})

    assert client.get(url).status_code == 405
    antwoord = client.post(url, {"volgende": "https://evil.example/"})

    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("meldingen:inbox")
    melding.refresh_from_db()
    assert melding.is_gelezen
    assert melding.history.first().history_change_reason == "Gelezen"
    assert client.post(reverse("meldingen:gelezen", kwargs={"pk": ander.pk})).status_code == 403
    assert not Melding.objects.get(pk=ander.pk).is_gelezen
    assert client.post(reverse("meldingen:gelezen", kwargs={"pk": 10**12})).status_code == 403


@pytest.mark.django_db
def test_mark_read_needs_the_csrf_token(client):
    from django.test import Client

    gebruiker = UserFactory()
    melding = MeldingFactory(ontvanger=gebruiker)
    strikt = Client(enforce_csrf_checks=True)
    strikt.force_login(gebruiker)

    antwoord = strikt.post(reverse("meldingen:gelezen", kwargs={"pk": melding.pk}))

    assert antwoord.status_code == 403
    melding.refresh_from_db()
    assert not melding.is_gelezen
