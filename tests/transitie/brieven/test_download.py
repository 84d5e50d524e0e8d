"""Downloading a published letter: the stored bytes as they are, read without the open data."""

import hashlib
import os

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import BriefpublicatieFactory, RaadsinformatiebriefFactory, UserFactory

pytestmark = pytest.mark.django_db

# Bytes no text codec would pass through unchanged: every byte value, and some random ones.
PDF = b"%PDF-1.7\n" + bytes(range(256)) * 4 + os.urandom(4096) + b"\n%%EOF\n"


@pytest.fixture
def publicatie(drechtsteden):
    brief = RaadsinformatiebriefFactory(gepubliceerd=True, datum="2025-03-12")
    return BriefpublicatieFactory(
        brief=brief,
        gemeente=drechtsteden[1],
        bestandsnaam="2025-03-12-raadsinformatiebrief-transitie-dordrecht.pdf",
        pdf=PDF,
        open_data_json='{"groot": "' + "x" * 100_000 + '"}',
        open_data_csv="blok\n" + "x\n" * 50_000,
    )


@pytest.fixture
def raadslid(drechtsteden):
    client = Client()
    client.force_login(UserFactory(raadslid=True, gemeente=drechtsteden[1]))
    return client


def download_url(publicatie) -> str:
    return reverse("brieven:download", kwargs={"publicatie_id": publicatie.uuid})


def test_download_sends_the_stored_bytes_with_their_headers(publicatie, raadslid):
    response = raadslid.get(download_url(publicatie))

    assert response.status_code == 200
    assert response.content == PDF
    assert hashlib.sha256(response.content).hexdigest() == publicatie.sha256
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="2025-03-12-raadsinformatiebrief-transitie-dordrecht.pdf"'
    )
    assert response["Content-Length"] == str(len(PDF))
    assert response["ETag"] == f'"{publicatie.sha256}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]


def test_download_with_a_matching_etag_is_not_modified(publicatie, raadslid):
    response = raadslid.get(
        download_url(publicatie), headers={"if-none-match": f'"{publicatie.sha256}"'}
    )

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == f'"{publicatie.sha256}"'


def test_a_matching_etag_does_not_bypass_the_access_check(publicatie, drechtsteden):
    client = Client()
    client.force_login(UserFactory(raadslid=True, gemeente=drechtsteden[4]))

    response = client.get(
        download_url(publicatie), headers={"if-none-match": f'"{publicatie.sha256}"'}
    )

    assert response.status_code == 404


def test_download_reads_neither_the_open_data_nor_the_letter(publicatie, raadslid):
    raadslid.get(download_url(publicatie))  # the session and the user are read the same way

    with CaptureQueriesContext(connection) as queries:
        response = raadslid.get(download_url(publicatie))

    assert response.status_code == 200
    sql = [q["sql"] for q in queries.captured_queries if "briefpublicatie" in q["sql"]]
    assert len(sql) == 1
    assert '"pdf"' in sql[0]
    assert "open_data" not in sql[0]
    assert "transitie_raadsinformatiebrief" not in sql[0]


@pytest.mark.parametrize(
    ("formaat", "veld", "niet"), [("json", "json", "csv"), ("csv", "csv", "json")]
)
def test_open_data_reads_only_its_own_column(publicatie, raadslid, formaat, veld, niet):
    url = reverse(f"brieven:open_data_{formaat}", kwargs={"publicatie_id": publicatie.uuid})

    with CaptureQueriesContext(connection) as queries:
        response = raadslid.get(url)

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="2025-03-12-raadsinformatiebrief-transitie-dordrecht-data.{formaat}"'
    )
    (sql,) = [q["sql"] for q in queries.captured_queries if "briefpublicatie" in q["sql"]]
    assert f"open_data_{veld}" in sql
    assert f"open_data_{niet}" not in sql
    assert '"pdf"' not in sql
