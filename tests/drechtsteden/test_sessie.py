"""A session ends after 30 idle minutes or 12 hours after login; logout ends it on the server."""

import time

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from drechtsteden.security import SESSIE_BEGIN, SESSIE_LAATST
from tests.factories import DEMO_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ingelogd(client):
    UserFactory(username="ambtenaar-dordrecht")
    response = client.post(
        reverse("login"), {"username": "ambtenaar-dordrecht", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    return client


def verschuif(client, *, begin: int = 0, laatst: int = 0) -> None:
    """Move the session's login and last-activity times back by the given seconds."""
    session = client.session
    session[SESSIE_BEGIN] -= begin
    session[SESSIE_LAATST] -= laatst
    session.save()


def test_login_records_when_the_session_began(ingelogd):
    nu = time.time()
    assert abs(ingelogd.session[SESSIE_BEGIN] - nu) < 5
    assert ingelogd.session[SESSIE_LAATST] == ingelogd.session[SESSIE_BEGIN]


def test_29_idle_minutes_keep_the_session(ingelogd):
    verschuif(ingelogd, begin=29 * 60, laatst=29 * 60)

    assert ingelogd.get("/").status_code == 200
    # The visit counts as activity.
    assert abs(ingelogd.session[SESSIE_LAATST] - time.time()) < 5


def test_31_idle_minutes_end_the_session(ingelogd):
    oude_sleutel = ingelogd.session.session_key
    verschuif(ingelogd, begin=31 * 60, laatst=31 * 60)

    response = ingelogd.get("/", follow=True)

    assert response.redirect_chain[0] == (f"{reverse('login')}?next=/", 302)
    assert "Uw sessie is verlopen" in response.content.decode()
    assert "_auth_user_id" not in ingelogd.session
    assert not Session.objects.filter(session_key=oude_sleutel).exists()


def test_twelve_hours_after_login_the_session_ends_even_when_active(ingelogd):
    verschuif(ingelogd, begin=12 * 60 * 60 + 60, laatst=60)

    response = ingelogd.get("/")

    assert response.status_code == 302
    assert "_auth_user_id" not in ingelogd.session


def test_activity_is_written_at_most_once_a_minute(ingelogd):
    verschuif(ingelogd, laatst=10)
    voor = ingelogd.session[SESSIE_LAATST]

    ingelogd.get("/")

    assert ingelogd.session[SESSIE_LAATST] == voor


def test_a_session_from_force_login_gets_its_times_on_the_first_request(client):
    client.force_login(UserFactory())
    session = client.session
    session.pop(SESSIE_BEGIN, None)
    session.pop(SESSIE_LAATST, None)
    session.save()

    assert client.get("/").status_code == 200
    assert SESSIE_BEGIN in client.session


def test_logout_deletes_the_session_on_the_server(ingelogd):
    sleutel = ingelogd.session.session_key
    assert Session.objects.filter(session_key=sleutel).exists()

    response = ingelogd.post(reverse("logout"))

    assert response.status_code == 302
    assert not Session.objects.filter(session_key=sleutel).exists()
    # The old cookie no longer opens anything.
    ingelogd.cookies["sessionid"] = sleutel
    assert ingelogd.get("/").status_code == 302
