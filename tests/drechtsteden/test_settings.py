"""Production settings come from the environment and pass Django's deployment checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run manage.py in a fresh process with only the given configuration."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "DATABASE_URL"
    }
    clean.update({"DJANGO_SETTINGS_MODULE": "drechtsteden.settings", **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO_ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def production_env(tmp_path, ondertekencertificaat) -> dict[str, str]:
    return {
        "DJANGO_DEBUG": "false",
        "DJANGO_ONDERTEKENING_PKCS12": str(ondertekencertificaat),
        "DJANGO_ONDERTEKENING_WACHTWOORD": "test-wachtwoord",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_HISTORIE_SLEUTEL": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "regieportaal.example.nl",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'productie.sqlite3'}",
    }


def test_production_settings_pass_the_deploy_check_without_warnings(production_env):
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_deploy_check_does_see_a_weak_secret_key(production_env):
    # Proof that the check above runs with our environment: a weak key is a warning.
    production_env["DJANGO_SECRET_KEY"] = "kort"
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env)
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


@pytest.mark.parametrize("secret_key", [None, ""], ids=["niet-gezet", "leeg"])
def test_without_a_secret_key_and_debug_off_the_portal_refuses_to_start(production_env, secret_key):
    if secret_key is None:
        del production_env["DJANGO_SECRET_KEY"]
    else:
        production_env["DJANGO_SECRET_KEY"] = secret_key
    result = manage("check", env=production_env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY ontbreekt" in result.stderr


def test_without_a_history_key_and_debug_off_the_portal_refuses_to_start(production_env):
    del production_env["DJANGO_HISTORIE_SLEUTEL"]
    result = manage("check", env=production_env)
    assert result.returncode != 0
    assert "DJANGO_HISTORIE_SLEUTEL ontbreekt" in result.stderr


def test_without_a_signing_certificate_and_debug_off_the_check_fails(production_env):
    del production_env["DJANGO_ONDERTEKENING_PKCS12"]
    result = manage("check", env=production_env)
    assert result.returncode != 0
    assert "drechtsteden.E001" in result.stdout + result.stderr
    assert "geen certificaat" in result.stdout + result.stderr


def test_a_wrong_signing_passphrase_with_debug_off_fails_the_check(production_env):
    production_env["DJANGO_ONDERTEKENING_WACHTWOORD"] = "fout"
    result = manage("check", env=production_env)
    assert result.returncode != 0
    assert "drechtsteden.E002" in result.stdout + result.stderr


def test_the_demo_certificate_in_production_is_a_deploy_warning(production_env, tmp_path):
    from drechtsteden.checks import DEMO_ONDERTEKENING_WACHTWOORD
    from transitie.brieven.ondertekening import certificaat_maak

    production_env["DJANGO_ONDERTEKENING_PKCS12"] = str(certificaat_maak(tmp_path / "demo.p12"))
    production_env["DJANGO_ONDERTEKENING_WACHTWOORD"] = DEMO_ONDERTEKENING_WACHTWOORD
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env)
    assert result.returncode != 0
    assert "drechtsteden.W007" in result.stdout + result.stderr


def test_with_debug_on_the_demo_certificate_is_made_where_the_settings_look(tmp_path):
    """`make seed` runs maak_democertificaat: afterwards the demo signs without warning. (It
    writes the gitignored demo-certificaat/ of this tree, as `make seed` does.)"""
    from drechtsteden.checks import (
        DEMO_CERTIFICAAT_NAAM,
        DEMO_ONDERTEKENING_WACHTWOORD,
        _certificaat_naam,
    )

    env = {"DJANGO_DEBUG": "true", "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}"}
    code = "from django.conf import settings; print(settings.ONDERTEKENING_PKCS12)"
    pad = Path(manage("shell", "--verbosity", "0", "-c", code, env=env).stdout.strip())
    assert pad == REPO_ROOT / "demo-certificaat" / "ondertekening.p12"

    result = manage("maak_democertificaat", env=env)

    assert result.returncode == 0, result.stderr
    assert _certificaat_naam(str(pad), DEMO_ONDERTEKENING_WACHTWOORD) == DEMO_CERTIFICAAT_NAAM
    check = manage("check", env=env)
    assert check.returncode == 0 and "drechtsteden.W006" not in check.stdout + check.stderr


def test_the_demo_history_key_in_production_is_a_deploy_warning(production_env):
    from drechtsteden.checks import DEMO_HISTORIE_SLEUTEL

    production_env["DJANGO_HISTORIE_SLEUTEL"] = DEMO_HISTORIE_SLEUTEL
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env)
    assert result.returncode != 0
    assert "drechtsteden.W005" in result.stdout + result.stderr


def test_the_demo_secret_key_in_production_is_a_deploy_warning(production_env):
    from drechtsteden.checks import DEMO_SECRET_KEY

    production_env["DJANGO_SECRET_KEY"] = DEMO_SECRET_KEY
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env)
    assert result.returncode != 0
    assert "drechtsteden.W001" in result.stdout + result.stderr


def test_a_policy_allowing_inline_style_is_a_deploy_warning(settings):
    from drechtsteden.checks import check_content_security_policy

    assert check_content_security_policy(None) == []
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {
            **settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
            "style-src": ["'self'", "'unsafe-inline'"],
        }
    }
    assert [w.id for w in check_content_security_policy(None)] == ["drechtsteden.W003"]


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [(None, {}), ("false", {}), ("true", {"server_side_binding": True, "prepare_threshold": 5})],
    ids=["standaard", "uit", "aan"],
)
def test_postgresql_prepares_statements_only_when_switched_on(waarde, verwacht):
    env = {"DATABASE_URL": "postgres://portaal@db.example.nl:5432/regieportaal"}
    if waarde is not None:
        env["DJANGO_DB_PREPARED_STATEMENTS"] = waarde
    code = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])"
    result = manage("shell", "--verbosity", "0", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == repr(verwacht)


@pytest.mark.django_db
def test_a_query_run_repeatedly_is_prepared_by_postgresql_when_switched_on():
    """The options DJANGO_DB_PREPARED_STATEMENTS=true sets, on a connection of their own."""
    from django.db import connections

    connection = connections["default"]
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's; this runs in the PostgreSQL run")
    opties = {"server_side_binding": True, "prepare_threshold": 5}
    wrapper = connection.__class__(
        {**connection.settings_dict, "OPTIONS": opties}, alias=connection.alias
    )
    try:
        with wrapper.cursor() as cursor:
            for _ in range(6):
                cursor.execute("SELECT %s::int + 1 AS voorbereid_getal", [41])
            cursor.execute("SELECT statement FROM pg_prepared_statements")
            voorbereid = [rij[0] for rij in cursor.fetchall()]
    finally:
        wrapper.close()
    assert any("voorbereid_getal" in sql for sql in voorbereid), voorbereid


def test_sqlite_waits_for_the_write_lock_instead_of_failing(tmp_path):
    """WAL, a busy timeout and IMMEDIATE transactions, in effect on a file database."""
    from django.conf import settings
    from django.db.backends.sqlite3.base import DatabaseWrapper

    from drechtsteden.settings import sqlite_options

    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        for naam, waarde in sqlite_options().items():
            assert settings.DATABASES["default"]["OPTIONS"][naam] == waarde

    wrapper = DatabaseWrapper(
        {
            **settings.DATABASES["default"],
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(tmp_path / "wacht.sqlite3"),
            "OPTIONS": sqlite_options(),
            "TEST": {},
        },
        alias="wacht",
    )
    # The connection Django opens, with its init commands (pytest-django guards Django's cursors).
    verbinding = wrapper.get_new_connection(wrapper.get_connection_params())
    try:
        assert verbinding.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert verbinding.execute("PRAGMA busy_timeout").fetchone()[0] == 20_000
        assert wrapper.transaction_mode == "IMMEDIATE"
    finally:
        verbinding.close()


def _verbinding(pad, options):
    """A connection as Django opens it for these OPTIONS (init commands, timeout), and its mode."""
    from django.conf import settings
    from django.db.backends.sqlite3.base import DatabaseWrapper

    wrapper = DatabaseWrapper(
        {
            **settings.DATABASES["default"],
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(pad),
            "OPTIONS": options,
            "TEST": {},
        },
        alias="race",
    )
    verbinding = wrapper.get_new_connection(wrapper.get_connection_params())
    verbinding.isolation_level = None  # the transactions below are begun by hand, as Django does
    return verbinding, wrapper.transaction_mode or "DEFERRED"


def _race(pad, options) -> tuple[int, list[Exception]]:
    """Two writers read a counter and write it plus one, overlapping in time; as two saves do."""
    import threading
    import time

    opzet, _mode = _verbinding(pad, options)
    opzet.execute("CREATE TABLE teller (n INTEGER)")
    opzet.execute("INSERT INTO teller VALUES (0)")
    opzet.close()
    eerste_las = threading.Event()
    fouten: list[Exception] = []

    def schrijver(wacht_op: threading.Event | None, dan: threading.Event | None) -> None:
        verbinding, mode = _verbinding(pad, options)
        try:
            if wacht_op is not None:
                wacht_op.wait(5)
            verbinding.execute(f"BEGIN {mode}")
            n = verbinding.execute("SELECT n FROM teller").fetchone()[0]
            if dan is not None:
                dan.set()
                time.sleep(0.3)  # the other writer starts meanwhile
            verbinding.execute("UPDATE teller SET n = ?", (n + 1,))
            verbinding.execute("COMMIT")
        except Exception as fout:  # noqa: BLE001 - the race's outcome is what is asserted
            fouten.append(fout)
        finally:
            verbinding.close()

    draden = [
        threading.Thread(target=schrijver, args=(None, eerste_las)),
        threading.Thread(target=schrijver, args=(eerste_las, None)),
    ]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(30)
    controle, _mode = _verbinding(pad, options)
    n = controle.execute("SELECT n FROM teller").fetchone()[0]
    controle.close()
    return n, fouten


def test_two_concurrent_sqlite_writers_queue_instead_of_failing(tmp_path):
    from drechtsteden.settings import sqlite_options

    n, fouten = _race(tmp_path / "race.sqlite3", sqlite_options())

    assert fouten == []
    assert n == 2  # both writes are in, neither lost


def test_without_immediate_transactions_the_same_race_fails(tmp_path):
    """The race above is a real one: Django's default (DEFERRED) loses a writer to "locked"."""
    from drechtsteden.settings import sqlite_options

    options = {**sqlite_options(), "transaction_mode": None}
    n, fouten = _race(tmp_path / "race.sqlite3", options)

    assert len(fouten) == 1
    assert "locked" in str(fouten[0])
    assert n == 1
