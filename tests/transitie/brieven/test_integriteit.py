"""Bytes checked at rest: a published PDF or an annex swapped in the database (with its hash or
without) is refused at download and named by `controleer_historie`. The insider is played with raw
SQL, as the portal itself never writes."""

import hashlib
import logging

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.factories import (
    BriefpublicatieFactory,
    RaadsinformatiebriefFactory,
    UserFactory,
    pdf_bytes,
)
from transitie.brieven.integriteit import bestanden_verify
from transitie.brieven.models import Briefbijlage, Briefpublicatie

pytestmark = pytest.mark.django_db

VERVALST = b"%PDF-1.7\n% vervalst\n%%EOF\n"


def sql(statement: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, list(params))


def table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def controleer() -> str:
    """The command's output, or 'FOUT ' and its error."""
    out = _Out()
    try:
        call_command("controleer_historie", stdout=out)
    except CommandError as error:
        return f"FOUT {error}"
    return out.text


class _Out:
    def __init__(self):
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text


@pytest.fixture
def brief(drechtsteden):
    """A published letter with Dordrecht's PDF and one annex, written as the services do."""
    letter = RaadsinformatiebriefFactory(gepubliceerd=True, bijlagen=["Jaarverantwoording"])
    BriefpublicatieFactory(
        brief=letter, gemeente=drechtsteden[1], bestandsnaam="brief-dordrecht.pdf"
    )
    return letter


@pytest.fixture
def raadslid(drechtsteden):
    client = Client()
    client.force_login(UserFactory(raadslid=True, gemeente=drechtsteden[1]))
    return client


def download(client, publicatie):
    return client.get(reverse("brieven:download", kwargs={"publicatie_id": publicatie.uuid}))


def bijlage_download(client, bijlage):
    return client.get(reverse("brieven:bijlage_download", kwargs={"bijlage_id": bijlage.uuid}))


def test_intact_files_are_served_and_pass_the_check(brief, raadslid):
    publicatie = brief.publicaties.get()

    assert download(raadslid, publicatie).status_code == 200
    assert bijlage_download(raadslid, brief.bijlagen.get()).status_code == 200
    assert bestanden_verify() is None
    uitslag = controleer()
    assert "Keten intact" in uitslag and "gepubliceerde bestanden" in uitslag


@pytest.mark.parametrize("met_hash", [True, False], ids=["bytes-en-hash", "alleen-bytes"])
def test_a_swapped_publication_is_refused_and_logged(brief, raadslid, caplog, met_hash):
    publicatie = brief.publicaties.get()
    nieuwe_hash = hashlib.sha256(VERVALST).hexdigest() if met_hash else publicatie.sha256
    sql(
        f"UPDATE {table(Briefpublicatie)} SET pdf = %s, sha256 = %s WHERE id = %s",
        [VERVALST, nieuwe_hash, publicatie.pk],
    )
    caplog.set_level(logging.INFO, logger="regieportaal.security")

    response = download(raadslid, publicatie)

    assert response.status_code == 409
    html = response.content.decode()
    assert "komt niet meer overeen met de SHA-256" in html
    assert "brief-dordrecht.pdf" in html
    assert b"vervalst" not in response.content
    regels = [r.getMessage() for r in caplog.records if r.name == "regieportaal.security"]
    waarom = "historie" if met_hash else "bytes passen niet"
    assert any(str(publicatie.uuid) in r and waarom in r for r in regels), regels


@pytest.mark.parametrize("met_hash", [True, False], ids=["bytes-en-hash", "alleen-bytes"])
def test_controleer_historie_names_the_swapped_publication(brief, met_hash):
    publicatie = brief.publicaties.get()
    nieuwe_hash = hashlib.sha256(VERVALST).hexdigest() if met_hash else publicatie.sha256
    sql(
        f"UPDATE {table(Briefpublicatie)} SET pdf = %s, sha256 = %s WHERE id = %s",
        [VERVALST, nieuwe_hash, publicatie.pk],
    )

    uitslag = controleer()

    assert uitslag.startswith("FOUT")
    assert "brief-dordrecht.pdf" in uitslag
    # The files' own check names it too (the live-row check may see the hash column first).
    breuk = bestanden_verify()
    assert breuk.object_id == publicatie.pk
    assert breuk.model == "briefpublicatie"
    assert "brief-dordrecht.pdf" in str(breuk)


@pytest.mark.parametrize("met_hash", [True, False], ids=["bytes-en-hash", "alleen-bytes"])
def test_a_swapped_annex_is_refused_and_named_by_the_check(brief, raadslid, caplog, met_hash):
    bijlage = brief.bijlagen.get()
    vervalst = pdf_bytes("Vervalst")
    nieuwe_hash = hashlib.sha256(vervalst).hexdigest() if met_hash else bijlage.sha256
    sql(
        f"UPDATE {table(Briefbijlage)} SET pdf = %s, sha256 = %s WHERE id = %s",
        [vervalst, nieuwe_hash, bijlage.pk],
    )
    caplog.set_level(logging.INFO, logger="regieportaal.security")

    response = bijlage_download(raadslid, bijlage)

    assert response.status_code == 409
    assert "Jaarverantwoording" in response.content.decode()
    regels = [r.getMessage() for r in caplog.records if r.name == "regieportaal.security"]
    assert any(str(bijlage.uuid) in r for r in regels)
    uitslag = controleer()
    assert uitslag.startswith("FOUT") and "Jaarverantwoording" in uitslag
    assert bestanden_verify().object_id == bijlage.pk


def test_a_publication_without_its_history_is_not_trusted(brief, raadslid):
    publicatie = brief.publicaties.get()
    historie = Briefpublicatie.history.model
    sql(f"DELETE FROM {table(historie)} WHERE id = %s", [publicatie.pk])

    assert download(raadslid, publicatie).status_code == 409
    breuk = bestanden_verify()
    assert "geen SHA-256" in str(breuk) and "brief-dordrecht.pdf" in str(breuk)


def test_the_download_reads_file_and_history_hash_in_one_query(
    brief, raadslid, django_assert_max_num_queries
):
    publicatie = brief.publicaties.get()
    download(raadslid, publicatie)  # session and user, read the same way every time

    # Session, user, roles and council as on every page; the file and its history hash: one.
    with django_assert_max_num_queries(8) as vragen:
        assert download(raadslid, publicatie).status_code == 200

    sql_publicatie = [q["sql"] for q in vragen.captured_queries if "briefpublicatie" in q["sql"]]
    assert len(sql_publicatie) == 1
