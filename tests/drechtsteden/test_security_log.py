"""Refused requests are logged in regieportaal.security with who, what and when."""

import logging

import pytest
from django.urls import reverse

from tests.factories import ActiviteitFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_refused_page_is_logged_with_user_path_and_time(client, caplog):
    activiteit = ActiviteitFactory()
    client.force_login(UserFactory(username="raadslid-papendrecht", raadslid=True))
    url = reverse(
        "thema:beoordelen",
        kwargs={"slug": activiteit.thema.slug, "activiteit": activiteit.slug},
    )

    with caplog.at_level(logging.INFO, logger="regieportaal.security"):
        response = client.get(url, REMOTE_ADDR="192.0.2.10")

    assert response.status_code == 403
    records = [r for r in caplog.records if r.name == "regieportaal.security"]
    assert len(records) == 1
    record = records[0]
    assert record.levelno == logging.WARNING
    bericht = record.getMessage()
    assert "toegang geweigerd" in bericht
    assert "gebruiker=raadslid-papendrecht" in bericht
    assert "ip=192.0.2.10" in bericht
    assert f"methode=GET pad={url}" in bericht
    assert record.created > 0  # the when: every record carries its time


def test_a_failed_csrf_check_is_logged_too(caplog):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(username="ambtenaar-zwijndrecht"))

    with caplog.at_level(logging.INFO, logger="regieportaal.security"):
        response = client.post(reverse("logout"))

    assert response.status_code == 403
    # Django's own CSRF page has an inline stylesheet the policy blocks; ours is in the portal.
    assert "Formulier verlopen" in response.content.decode()
    assert "<style" not in response.content.decode()
    assert "gebruiker=ambtenaar-zwijndrecht" in caplog.text
    assert f"methode=POST pad={reverse('logout')}" in caplog.text


def test_an_allowed_page_is_not_logged(client, caplog):
    client.force_login(UserFactory(ambtenaar=True))

    with caplog.at_level(logging.INFO, logger="regieportaal.security"):
        assert client.get("/").status_code == 200

    assert [r for r in caplog.records if r.name == "regieportaal.security"] == []
