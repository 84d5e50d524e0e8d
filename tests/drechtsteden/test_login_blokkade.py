"""After 5 failed logins for one username from one address, that pair waits 15 minutes."""

import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory, override_settings
from django.urls import reverse

from drechtsteden.security import client_ip
from tests.factories import DEMO_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def mislukt(client, username="ambtenaar-dordrecht", ip="10.0.0.1", password="fout"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_five_failures_lock_the_username_from_that_address_with_a_dutch_429(client, caplog):
    UserFactory(username="ambtenaar-dordrecht")
    for _ in range(4):
        assert mislukt(client).status_code == 200

    with caplog.at_level(logging.WARNING, logger="regieportaal.security"):
        response = mislukt(client)

    assert response.status_code == 429
    html = response.content.decode()
    assert "Inloggen tijdelijk geblokkeerd" in html
    assert "5 keer achter elkaar een verkeerd wachtwoord" in html
    assert "over 15 minuten opnieuw proberen" in html
    assert 'lang="nl"' in html
    assert "inloggen geblokkeerd: gebruikersnaam=ambtenaar-dordrecht ip=10.0.0.1" in caplog.text

    # Even the right password is refused now.
    response = client.post(
        reverse("login"),
        {"username": "ambtenaar-dordrecht", "password": DEMO_PASSWORD},
        REMOTE_ADDR="10.0.0.1",
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_holds_only_for_that_username_and_address(client):
    UserFactory(username="ambtenaar-dordrecht")
    UserFactory(username="wethouder-sliedrecht")
    for _ in range(5):
        mislukt(client)

    andere_gebruiker = client.post(
        reverse("login"),
        {"username": "wethouder-sliedrecht", "password": DEMO_PASSWORD},
        REMOTE_ADDR="10.0.0.1",
    )
    assert andere_gebruiker.status_code == 302

    client.logout()
    ander_adres = client.post(
        reverse("login"),
        {"username": "ambtenaar-dordrecht", "password": DEMO_PASSWORD},
        REMOTE_ADDR="10.0.0.2",
    )
    assert ander_adres.status_code == 302


def test_after_the_cool_off_the_user_may_log_in_again(client):
    UserFactory(username="ambtenaar-dordrecht")
    for _ in range(5):
        mislukt(client)
    # Age the attempts past the 15 minutes' cool-off (axes compares attempt_time).
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= timedelta(minutes=16)
        attempt.save()

    response = client.post(
        reverse("login"),
        {"username": "ambtenaar-dordrecht", "password": DEMO_PASSWORD},
        REMOTE_ADDR="10.0.0.1",
    )
    assert response.status_code == 302


def test_a_successful_login_resets_the_count(client):
    UserFactory(username="ambtenaar-dordrecht")
    for _ in range(4):
        mislukt(client)
    client.post(
        reverse("login"),
        {"username": "ambtenaar-dordrecht", "password": DEMO_PASSWORD},
        REMOTE_ADDR="10.0.0.1",
    )
    client.logout()

    assert mislukt(client).status_code == 200


def test_a_failed_login_is_logged_with_username_and_address(client, caplog):
    with caplog.at_level(logging.WARNING, logger="regieportaal.security"):
        mislukt(client, username="onbekend", ip="192.0.2.7", password="Geheim-Wachtwoord-42")

    assert "inloggen mislukt: gebruikersnaam=onbekend ip=192.0.2.7" in caplog.text
    assert "Geheim-Wachtwoord-42" not in caplog.text


@pytest.mark.parametrize(
    ("proxies", "forwarded", "verwacht"),
    [
        (0, "203.0.113.9", "10.0.0.1"),
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "1.2.3.4, 203.0.113.9", "203.0.113.9"),
        (2, "1.2.3.4, 203.0.113.9, 10.0.0.5", "203.0.113.9"),
        (2, "", "10.0.0.1"),
    ],
    ids=["geen-proxy", "een-proxy", "vervalst-deel-genegeerd", "twee-proxies", "header-ontbreekt"],
)
def test_client_address_trusts_only_the_configured_proxies(proxies, forwarded, verwacht):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)

    with override_settings(DJANGO_TRUSTED_PROXY_COUNT=proxies):
        assert client_ip(request) == verwacht


def test_spraying_60_passwords_over_15_accounts_from_one_address_ends_in_a_lockout(client, caplog):
    """Four tries per account stay under the per-account limit; the address's limit (20) holds."""
    for n in range(15):
        UserFactory(username=f"gebruiker-spray-{n}")
    antwoorden = []
    with caplog.at_level(logging.WARNING, logger="regieportaal.security"):
        for poging in range(4):
            for n in range(15):
                response = mislukt(
                    client, username=f"gebruiker-spray-{n}", ip="10.9.9.9", password=f"fout{poging}"
                )
                antwoorden.append(response.status_code)

    assert antwoorden[:19] == [200] * 19
    assert set(antwoorden[19:]) == {429}  # the 20th failure locks the address out
    html = mislukt(client, username="gebruiker-spray-0", ip="10.9.9.9").content.decode()
    assert "Vanaf dit adres is 20 keer een verkeerd wachtwoord ingevoerd" in html
    assert "ip=10.9.9.9 na 20 mislukte pogingen vanaf dit adres" in caplog.text

    # Even the right password of an untried account is refused from that address...
    UserFactory(username="nog-niet-geprobeerd")
    goed = {"username": "nog-niet-geprobeerd", "password": DEMO_PASSWORD}
    assert client.post(reverse("login"), goed, REMOTE_ADDR="10.9.9.9").status_code == 429
    # ...but not from another address.
    assert client.post(reverse("login"), goed, REMOTE_ADDR="10.9.9.8").status_code == 302


def test_colleagues_behind_one_address_are_not_locked_out_by_a_few_typos(client):
    for n in range(6):
        UserFactory(username=f"collega-{n}")
        for _ in range(3):
            assert mislukt(client, username=f"collega-{n}", ip="10.8.8.8").status_code == 200
    ok = {"username": "collega-0", "password": DEMO_PASSWORD}
    assert client.post(reverse("login"), ok, REMOTE_ADDR="10.8.8.8").status_code == 302
