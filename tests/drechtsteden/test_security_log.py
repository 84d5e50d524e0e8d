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


def _one_line_output(records) -> str:
    """The records as the configured console handler writes them (settings.LOGGING's formatter)."""
    from django.conf import settings

    from drechtsteden.logboek import EenRegelFormatter

    config = settings.LOGGING["formatters"]["tijd"]
    assert config["()"] == "drechtsteden.logboek.EenRegelFormatter"
    formatter = EenRegelFormatter(config["format"])
    return "\n".join(formatter.format(record) for record in records)


def test_a_username_with_a_newline_cannot_forge_a_second_log_line(client, caplog):
    vals = "x\n2026-12-05 10:00:00,000 INFO regieportaal.security inloggen gelukt: gebruiker=beheer"

    with caplog.at_level(logging.INFO, logger="regieportaal.security"):
        client.post(
            reverse("login"), {"username": vals, "password": "fout"}, REMOTE_ADDR="192.0.2.7"
        )

    records = [r for r in caplog.records if r.name == "regieportaal.security"]
    assert len(records) == 1
    uitvoer = _one_line_output(records)
    assert len(uitvoer.splitlines()) == 1
    assert "gebruikersnaam=x\\n2026-12-05 10:00:00,000 INFO" in uitvoer


@pytest.mark.parametrize("teken", ["\r", "\x1b", "\x85", "\u2028", "\x00", "\x7f"])
def test_every_control_character_is_escaped_in_every_field(teken):
    from drechtsteden.logboek import EenRegelFormatter

    record = logging.LogRecord(
        "regieportaal.security", logging.WARNING, __file__, 1, "a=%s b=%s", (teken, "z"), None
    )
    regel = EenRegelFormatter("%(message)s").format(record)
    assert teken not in regel
    assert regel.startswith("a=\\") and regel.endswith(" b=z")


def test_a_typed_backslash_n_stays_distinguishable_from_a_newline():
    from drechtsteden.logboek import escape_stuurtekens

    assert escape_stuurtekens("a\\nb") != escape_stuurtekens("a\nb")


def test_a_draft_letter_refused_as_404_is_logged_with_user_address_and_object(client, caplog):
    from tests.factories import RaadsinformatiebriefFactory

    brief = RaadsinformatiebriefFactory()  # a draft: council members do not see it
    client.force_login(UserFactory(username="raadslid-sliedrecht", raadslid=True))
    url = reverse("brieven:detail", kwargs={"brief_id": brief.uuid})

    with caplog.at_level(logging.INFO, logger="regieportaal.security"):
        response = client.get(url, REMOTE_ADDR="192.0.2.11")

    assert response.status_code == 404
    records = [r for r in caplog.records if r.name == "regieportaal.security"]
    assert len(records) == 1
    bericht = records[0].getMessage()
    assert bericht.startswith("object geweigerd:")
    assert "gebruiker=raadslid-sliedrecht" in bericht
    assert "ip=192.0.2.11" in bericht
    assert f"pad={url}" in bericht  # the path names the object (the letter's UUID)


def test_a_url_that_matches_no_page_is_not_a_refusal(client, caplog):
    client.force_login(UserFactory(ambtenaar=True))

    with caplog.at_level(logging.INFO, logger="regieportaal.security"):
        assert client.get("/bestaat-niet/").status_code == 404

    assert [r for r in caplog.records if r.name == "regieportaal.security"] == []


def test_a_csrf_refusal_logs_django_s_reason(caplog):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(username="ambtenaar-hi"))

    with caplog.at_level(logging.INFO, logger="regieportaal.security"):
        assert client.post(reverse("logout")).status_code == 403

    assert "reden=-" not in caplog.text
    assert "reden=CSRF: CSRF cookie not set." in caplog.text
