"""Backup and restore (scripts/backup.sh, scripts/restore.sh): into an empty database, nothing lost.

Each variant fills the suite's database with objects, their history and a published letter, backs it
up with the script, restores into an empty database with the other script and compares every table
row by row, then reads the published PDFs back and checks their SHA-256.
"""

import dataclasses
import datetime
import hashlib
import io
import os
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from pypdf import PdfReader

from tests.conftest import ZEVEN_DRECHTSTEDEN

# These tests commit for real, like the live-server tests, and pytest-django empties every table
# after them: the same autouse fixture gives the roles their permissions back first.
from tests.factories import (
    ActiviteitFactory,
    BeoordelingFactory,
    GemeenteFactory,
    LidmaatschapFactory,
    RegiekamerFactory,
    ThemaFactory,
    UserFactory,
)
from transitie.brieven.models import Briefpublicatie, Raadsinformatiebrief
from transitie.brieven.services import BriefInvoer, brief_create, brief_publish, brief_update
from transitie.constants import SectieSoort

ROOT = Path(__file__).resolve().parents[1]

Snapshot = dict[str, list[tuple]]


def build_data() -> dict:
    """Objects with history rows by named users, and a letter published as seven PDFs."""
    gemeenten = [
        GemeenteFactory(naam=naam, cbs_code=code, drechtstad=True)
        for naam, code in ZEVEN_DRECHTSTEDEN
    ]
    bestuurlijk = RegiekamerFactory(bestuurlijk=True)
    ambtenaar = UserFactory(ambtenaar=True, gemeente=gemeenten[1])
    wethouder = UserFactory(wethouder=True, gemeente=gemeenten[1])
    LidmaatschapFactory(regiekamer=bestuurlijk, gebruiker=wethouder, gemeente=gemeenten[1])
    thema = ThemaFactory()
    for _ in range(3):
        BeoordelingFactory(activiteit=ActiviteitFactory(thema=thema))
    invoer = BriefInvoer(
        titel="Transitie Drechtsteden",
        onderwerp="Stand van zaken",
        datum=datetime.date(2025, 3, 12),
        secties={soort: f"Tekst van {soort}." for soort in SectieSoort.values},
        afzender="De colleges van de Drechtsteden",
        contactpersoon_naam="A. de Vries",
        contactpersoon_email="a.devries@example.nl",
        ondertekening="B. Bakker, voorzitter",
    )
    letter = brief_create(acting_user=ambtenaar, invoer=invoer)
    brief_update(
        acting_user=ambtenaar,
        brief=letter,
        versie=letter.versie,
        invoer=dataclasses.replace(invoer, titel="Transitie Drechtsteden, stand maart"),
    )
    publicaties = brief_publish(acting_user=wethouder, brief=letter)
    return {
        "letter": letter,
        "hashes": {p.bestandsnaam: p.sha256 for p in publicaties},
        "brief_historie": Raadsinformatiebrief.history.filter(id=letter.pk).count(),
    }


def table_names() -> list[str]:
    return sorted(connection.introspection.table_names())


def snapshot(cursor_factory: Callable, tables: list[str]) -> Snapshot:
    """Every row of every table, in a stable order, straight from the database driver."""
    with cursor_factory() as cursor:
        result = {}
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}"')
            result[table] = sorted((tuple(row) for row in cursor.fetchall()), key=repr)
        return result


def run_script(name: str, *args: str, database_url: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(ROOT / "scripts" / name), *args],
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        check=True,
    )


def assert_restored(source: Snapshot, restored: Snapshot, data: dict) -> None:
    assert restored.keys() == source.keys()
    assert sum(len(rows) for rows in source.values()) > 100  # the comparison covers real data
    for table, rows in source.items():
        assert restored[table] == rows, f"tabel {table} verschilt na herstel"

    letter = data["letter"]
    brief_historie = Raadsinformatiebrief.history.model._meta.db_table
    assert data["brief_historie"] >= 3  # created, saved, published
    historie = [row for row in restored[brief_historie] if letter.pk in row]
    assert len(historie) >= data["brief_historie"]


def assert_pdfs(rows: list[tuple], hashes: dict[str, str]) -> None:
    """The published PDFs: same files, bytes matching their stored SHA-256, readable as PDF."""
    assert {bestandsnaam for bestandsnaam, _, _ in rows} == hashes.keys()
    assert len(rows) == 7
    for bestandsnaam, sha256, pdf in rows:
        pdf = bytes(pdf)
        assert sha256 == hashes[bestandsnaam]
        assert hashlib.sha256(pdf).hexdigest() == sha256
        assert "Transitie Drechtsteden" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


PDF_QUERY = f"SELECT bestandsnaam, sha256, pdf FROM {Briefpublicatie._meta.db_table}"


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="the suite runs on PostgreSQL; the SQLite variant runs in the SQLite run",
)
@pytest.mark.django_db(transaction=True)
def test_sqlite_backup_restores_into_an_empty_file_with_everything(tmp_path):
    data = build_data()
    # The test database lives in memory; copy it to a file, which is what the portal runs on.
    live = tmp_path / "db.sqlite3"
    with sqlite3.connect(live) as kopie:
        connection.ensure_connection()
        connection.connection.backup(kopie)
    backup = tmp_path / "backups" / "regieportaal.sqlite3"
    hersteld = tmp_path / "hersteld.sqlite3"

    run_script("backup.sh", str(backup), database_url=f"sqlite:///{live}")
    assert (backup.parent / "regieportaal.sqlite3.sha256").exists()
    assert not hersteld.exists()
    run_script("restore.sh", str(backup), database_url=f"sqlite:///{hersteld}")

    tables = table_names()

    def cursor_for(path: Path) -> Callable:
        def factory():
            return _SqliteCursor(path)

        return factory

    assert_restored(
        snapshot(cursor_for(live), tables), snapshot(cursor_for(hersteld), tables), data
    )
    with sqlite3.connect(hersteld) as db:
        assert_pdfs(db.execute(PDF_QUERY).fetchall(), data["hashes"])


@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="pg_dump/pg_restore need the suite to run on PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_postgresql_backup_restores_into_an_empty_database_with_everything(tmp_path):
    data = build_data()
    instellingen = connection.settings_dict
    conninfo = {
        "host": instellingen["HOST"] or None,
        "port": instellingen["PORT"] or None,
        "user": instellingen["USER"] or None,
        "password": instellingen["PASSWORD"] or None,
    }
    bron_naam = instellingen["NAME"]
    doel_naam = f"{bron_naam}_hersteld"

    def url(name: str) -> str:
        wachtwoord = f":{conninfo['password']}" if conninfo["password"] else ""
        return (
            f"postgres://{conninfo['user'] or ''}{wachtwoord}@{conninfo['host'] or ''}"
            f":{conninfo['port'] or 5432}/{name}"
        )

    def beheer(sql: str) -> None:
        with psycopg.connect(dbname="postgres", autocommit=True, **conninfo) as db:
            db.execute(sql)

    backup = tmp_path / "regieportaal.dump"
    run_script("backup.sh", str(backup), database_url=url(bron_naam))
    beheer(f'DROP DATABASE IF EXISTS "{doel_naam}"')
    beheer(f'CREATE DATABASE "{doel_naam}"')
    try:
        run_script("restore.sh", str(backup), database_url=url(doel_naam))

        def cursor_for(name: str) -> Callable:
            def factory():
                return _PostgresCursor(name, conninfo)

            return factory

        tables = table_names()
        assert_restored(
            snapshot(cursor_for(bron_naam), tables), snapshot(cursor_for(doel_naam), tables), data
        )
        with psycopg.connect(dbname=doel_naam, **conninfo) as db:
            assert_pdfs(db.execute(PDF_QUERY).fetchall(), data["hashes"])
            # The sequences came along: a new row does not collide with a restored one.
            volgende = db.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id'))",
                [Briefpublicatie._meta.db_table],
            ).fetchone()[0]
            hoogste = db.execute(
                f"SELECT max(id) FROM {Briefpublicatie._meta.db_table}"
            ).fetchone()[0]
            assert volgende > hoogste
    finally:
        beheer(f'DROP DATABASE IF EXISTS "{doel_naam}" WITH (FORCE)')


def test_restore_refuses_a_database_that_already_holds_tables(tmp_path):
    vol = tmp_path / "vol.sqlite3"
    with sqlite3.connect(vol) as db:
        db.execute("CREATE TABLE bestaand (id integer)")
    backup = tmp_path / "leeg.sqlite3"
    sqlite3.connect(backup).close()

    uitkomst = subprocess.run(
        ["bash", str(ROOT / "scripts" / "restore.sh"), str(backup)],
        env={**os.environ, "DATABASE_URL": f"sqlite:///{vol}"},
        capture_output=True,
        text=True,
    )

    assert uitkomst.returncode != 0
    assert "bevat al tabellen" in uitkomst.stderr
    with sqlite3.connect(vol) as db:
        assert db.execute("SELECT name FROM sqlite_master").fetchall() == [("bestaand",)]


class _SqliteCursor:
    """A plain sqlite3 cursor (no Django type conversion) as a context manager."""

    def __init__(self, path: Path):
        self.db = sqlite3.connect(path)

    def __enter__(self):
        return self.db.cursor()

    def __exit__(self, *exc):
        self.db.close()


class _PostgresCursor:
    def __init__(self, name: str, conninfo: dict):
        self.db = psycopg.connect(dbname=name, **conninfo)

    def __enter__(self):
        return self.db.cursor()

    def __exit__(self, *exc):
        self.db.close()


def test_restore_refuses_a_backup_whose_checksum_does_not_match(tmp_path):
    bron = tmp_path / "bron.sqlite3"
    with sqlite3.connect(bron) as db:
        db.execute("CREATE TABLE gegeven (id integer)")
    backup = tmp_path / "backup.sqlite3"
    run_script("backup.sh", str(backup), database_url=f"sqlite:///{bron}")
    with backup.open("ab") as bestand:
        bestand.write(b"beschadigd")
    doel = tmp_path / "doel.sqlite3"

    uitkomst = subprocess.run(
        ["bash", str(ROOT / "scripts" / "restore.sh"), str(backup)],
        env={**os.environ, "DATABASE_URL": f"sqlite:///{doel}"},
        capture_output=True,
        text=True,
    )

    assert uitkomst.returncode != 0
    assert "beschadigd" in uitkomst.stderr
    assert not doel.exists()
