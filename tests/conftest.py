"""Fixtures shared by the whole suite; the factories in tests/factories.py do the real work."""

import importlib
from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.test import override_settings
from pytest_django.plugin import blocking_manager_key

from drechtsteden.models import Gemeente
from tests.factories import GemeenteFactory, RegiekamerFactory
from transitie.regiekamer.models import Regiekamer

ZEVEN_DRECHTSTEDEN = (
    ("Alblasserdam", "GM0482"),
    ("Dordrecht", "GM0505"),
    ("Hardinxveld-Giessendam", "GM0523"),
    ("Hendrik-Ido-Ambacht", "GM0531"),
    ("Papendrecht", "GM0590"),
    ("Sliedrecht", "GM0610"),
    ("Zwijndrecht", "GM0642"),
)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the test database is a file (one per xdist worker), not Django's default shared
    in-memory database. In the shared cache SQLite locks per table and answers a second writer at
    once with "database table is locked", without waiting for the busy timeout: a browser test's
    live server thread, the test's own thread and the background worker then fail each other now
    and then. A file has the locking of `make run` (WAL, busy timeout, IMMEDIATE transactions:
    drechtsteden.settings.sqlite_options)."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        bestand = tmp_path_factory.mktemp("testdatabase") / "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(bestand)


@pytest.fixture(autouse=True, scope="session")
def snel_wachtwoord_hashen():
    """Hash passwords with MD5 in tests, as Django's testing docs advise: every login in a browser
    test and every seeded account would otherwise spend a quarter of a second in PBKDF2. Production
    keeps Django's default hashers; the stronger one is still listed to check their hashes."""
    with override_settings(
        PASSWORD_HASHERS=[
            "django.contrib.auth.hashers.MD5PasswordHasher",
            "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        ]
    ):
        yield


@pytest.fixture(autouse=True, scope="session")
def ondertekencertificaat(tmp_path_factory):
    """Publishing signs every letter: one certificate for the session, made as the demo's is (the
    test settings' DEBUG is off, so no demo path; a certificate of its own, never the developer's
    demo-certificaat/)."""
    from transitie.brieven.ondertekening import certificaat_maak

    pad = certificaat_maak(
        tmp_path_factory.mktemp("ondertekening") / "test.p12",
        wachtwoord="test-wachtwoord",
        naam="Regieportaal Drechtsteden (test)",
    )
    with override_settings(
        ONDERTEKENING_PKCS12=str(pad), ONDERTEKENING_WACHTWOORD="test-wachtwoord"
    ):
        yield pad


def drechtsteden_create() -> list[Gemeente]:
    """The seven municipalities by their real names and CBS codes."""
    return [
        GemeenteFactory(naam=naam, cbs_code=cbs_code, drechtstad=True)
        for naam, cbs_code in ZEVEN_DRECHTSTEDEN
    ]


def regiekamers_create() -> tuple[Regiekamer, Regiekamer]:
    """The ambtelijke and the bestuurlijke regiekamer."""
    return RegiekamerFactory(), RegiekamerFactory(bestuurlijk=True)


@pytest.fixture
def drechtsteden(db) -> list[Gemeente]:
    return drechtsteden_create()


@pytest.fixture
def regiekamers(db) -> tuple[Regiekamer, Regiekamer]:
    return regiekamers_create()


# The role migrations, oldest first: each `ROLES` names what it gives each role.
ROL_MIGRATIES = (
    "transitie.migrations.0003_kaders_toezeggingen",
    "drechtsteden.migrations.0002_historieregel",
    "transitie.migrations.0004_begroting_bijhouden",
    "transitie.migrations.0007_bijlage_rechten",
    "transitie.migrations.0009_publicatieopdracht",
)


def herstel_rollen() -> None:
    """The roles with their permissions, as the data migrations make them.

    A test in a real transaction (a live-server test, a race, a backup) ends with pytest-django
    emptying every table; Django recreates content types and permissions then, but not the groups.
    Without this, every test after it on the same worker would meet roles that grant nothing.
    """
    for pad in ROL_MIGRATIES:
        migratie = importlib.import_module(pad)
        for naam, codes in migratie.ROLES.items():
            groep, _ = Group.objects.get_or_create(name=naam)
            groep.permissions.add(
                *(
                    Permission.objects.get(content_type__app_label=app, codename=code)
                    for app, code in (c.split(".") for c in codes)
                )
            )
    beheerder, _ = Group.objects.get_or_create(name="Beheerder")
    beheerder.permissions.set(Permission.objects.all())


def _in_echte_transactie(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(
        {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
        or (marker is not None and marker.kwargs.get("transaction"))
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    """After a test in a real transaction has been torn down (its tables emptied), put the roles
    back at once, so the order in which the tests run does not matter."""
    resultaat = yield
    # After the worker's last test the test database is gone already (nothing follows to need it).
    if nextitem is not None and _in_echte_transactie(item):
        with item.config.stash[blocking_manager_key].unblock():
            herstel_rollen()
    return resultaat


T = TypeVar("T")


def build_once_per_module(create: Callable[[], T]):
    """A fixture that builds `create()`'s data once for a whole test module and rolls it back at
    the module's end, as Django's `TestCase.setUpTestData` does for a class.

    Why: a world of a few dozen rows (each with its history) takes 0.1 to 0.2 s to build, and a
    module that builds it for each of its hundred tests spends most of its time there. Built
    once, each test starts from it and changes what it likes: the module runs in one transaction,
    and pytest-django runs each test in an atomic block inside it (as Django's TestCase does, in
    `_enter_atomics`), which is then a savepoint, rolled back after the test.

    The fixture is autouse: every test of the module finds the data in the database, whether it
    asks for it or not, so the order in which the tests run does not matter. Its value is the
    data as it was built: give each test its own `copy.deepcopy` of it, as Django's `TestData`
    does, so that a test that changes or refreshes an instance does not pass the change on to the
    next test.

    Only for modules without tests in a real transaction (`transactional_db`, `live_server`,
    `django_db(transaction=True)`): such a test empties every table at its end and its live
    server cannot see uncommitted data, so the fixture refuses a module that has one.
    """

    @pytest.fixture(scope="module", autouse=True)
    def gebouwd(request, django_db_setup, django_db_blocker) -> Iterator[T]:
        echt = [
            item.name
            for item in request.session.items
            if item.module is request.module and _in_echte_transactie(item)
        ]
        if echt:
            pytest.fail(
                f"{request.module.__name__} builds its data once (build_once_per_module) but has "
                f"tests in a real transaction: {', '.join(echt)}",
                pytrace=False,
            )
        # Database access only while building and rolling back: the module's tests without the
        # django_db mark stay blocked, as anywhere else.
        with django_db_blocker.unblock():
            atomic = transaction.atomic()
            # Marked as Django's TestCase marks its own, so that a durable atomic block in what
            # `create()` calls may run inside it, as it may inside a test.
            atomic._from_testcase = True
            atomic.__enter__()
            try:
                data = create()
            except BaseException:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
                raise
        yield data
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)

    return gebouwd


from tests.smtp import smtp_server  # noqa: E402, F401 - the real SMTP server fixture for every test
