"""Error pages reach the user in Dutch, inside the portal's frame, without a stack trace."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from tests.factories import ActiviteitFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_unknown_page_is_a_dutch_404(client):
    client.force_login(UserFactory(ambtenaar=True))

    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    content = response.content.decode()
    assert "Pagina niet gevonden" in content
    assert 'lang="nl"' in content


def test_refused_page_is_a_dutch_403(client):
    activiteit = ActiviteitFactory()
    client.force_login(UserFactory(raadslid=True))

    response = client.get(
        reverse(
            "thema:beoordelen",
            kwargs={"slug": activiteit.thema.slug, "activiteit": activiteit.slug},
        )
    )

    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()


def test_server_error_page_is_dutch_and_shows_no_trace():
    response = server_error(RequestFactory().get("/"))

    content = response.content.decode()
    assert response.status_code == 500
    assert "Er ging iets mis" in content
    assert "Traceback" not in content
