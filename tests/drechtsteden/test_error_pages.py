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


def test_a_bad_host_header_gets_a_plain_dutch_400_without_a_user(settings):
    from django.test import Client

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["portaal.example"]
    client = Client(raise_request_exception=False)

    response = client.get("/", headers={"host": "evil.example"})

    assert response.status_code == 400
    content = response.content.decode()
    assert "Ongeldig verzoek" in content
    assert 'lang="nl"' in content


def test_a_wrong_method_gets_a_dutch_405_page_with_the_allow_header(client):
    client.force_login(UserFactory(username="regisseur-405", regisseur=True))

    response = client.post(reverse("historie:lijst"))

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    content = response.content.decode()
    assert "Deze handeling kan hier niet" in content
    assert 'lang="nl"' in content


@pytest.mark.parametrize("getal", ["99999999999999999999999", "9223372036854775808"])
def test_an_id_beyond_the_database_s_integer_range_is_a_404(client, getal):
    # A guard: Django 5's integer lookups answer an out-of-range id with "not found" already.
    client.force_login(UserFactory(wethouder=True))

    response = client.get(f"/besluiten/{getal}/")

    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_an_audit_log_cursor_or_object_number_beyond_the_range_is_no_500(client):
    client.force_login(UserFactory(regisseur=True))
    groot = "99999999999999999999999"

    assert client.get(reverse("historie:lijst"), {"na": f"1_{groot}"}).status_code == 200
    response = client.get(reverse("historie:lijst"), {"voor": f"1_{groot}", "laatste": "1"})
    assert response.status_code == 200
    response = client.get(reverse("historie:lijst"), {"object_id": groot})
    assert response.status_code == 200
    assert "Zorg ervoor dat deze waarde hoogstens" in response.content.decode()  # a form error
