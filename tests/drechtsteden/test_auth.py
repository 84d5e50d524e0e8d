"""Every page but the login page requires login; login and logout work with Django's auth views."""

import pytest
from django.urls import reverse

from tests.factories import DEMO_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_anonymous_dashboard_redirects_to_login(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/"


def test_anonymous_admin_redirects_to_a_login(client):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_login_page_is_open_to_anonymous_users_and_in_dutch(client):
    response = client.get(reverse("login"))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert '<label class="rp-form__label" for="id_username">Gebruikersnaam</label>' in html
    assert '<label class="rp-form__label" for="id_password">Wachtwoord</label>' in html
    assert 'autocomplete="current-password"' in html
    # No navigation or logout button for someone who is not logged in.
    assert "Uitloggen" not in html
    assert "Hoofdmenu" not in html


def test_logging_in_opens_the_dashboard(client):
    user = UserFactory(username="ambtenaar-dordrecht")

    response = client.post(
        reverse("login"), {"username": "ambtenaar-dordrecht", "password": DEMO_PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get("/").status_code == 200


def test_logging_in_returns_to_the_page_asked_for(client):
    UserFactory(username="beheerder", beheerder=True)

    response = client.post(
        reverse("login"),
        {"username": "beheerder", "password": DEMO_PASSWORD, "next": "/admin/"},
    )

    assert response["Location"] == "/admin/"


def test_bad_credentials_give_a_clear_dutch_error(client):
    UserFactory(username="wethouder-sliedrecht")

    response = client.post(
        reverse("login"), {"username": "wethouder-sliedrecht", "password": "fout"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Inloggen is niet gelukt" in html
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in html
    assert 'role="alert"' in html
    assert "_auth_user_id" not in client.session


def test_empty_fields_are_marked_at_the_field(client):
    response = client.post(reverse("login"), {"username": "", "password": ""})

    html = response.content.decode()
    assert 'id="id_username_error"' in html
    assert 'aria-describedby="id_username_error"' in html
    assert 'aria-invalid="true"' in html
    assert "Dit veld is verplicht." in html


def test_logged_in_user_visiting_login_goes_to_the_dashboard(client):
    client.force_login(UserFactory())

    response = client.get(reverse("login"))

    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


def test_logout_by_post_ends_the_session(client):
    client.force_login(UserFactory())

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302


def test_logout_by_get_is_refused_and_keeps_the_session(client):
    client.force_login(UserFactory())

    response = client.get(reverse("logout"))

    assert response.status_code == 405
    assert "_auth_user_id" in client.session


def test_logout_button_is_a_form_with_csrf(client):
    client.force_login(UserFactory())

    html = client.get("/").content.decode()

    assert f'method="post" action="{reverse("logout")}"' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_admin_link_only_for_staff(client):
    client.force_login(UserFactory(ambtenaar=True))
    assert 'href="/admin/"' not in client.get("/").content.decode()

    client.force_login(UserFactory(beheerder=True))
    assert 'href="/admin/"' in client.get("/").content.decode()
