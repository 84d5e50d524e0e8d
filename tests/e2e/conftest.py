"""The end-to-end harness: the portal served by pytest-django's live_server, driven in the
system's Chromium through Playwright's sync API, checked with axe-core and the Nu HTML Checker.

Chromium is never downloaded (`playwright install` is not used): the Debian package must be there,
and without it these tests fail, they do not skip.
"""

import importlib
import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group, Permission
from playwright.sync_api import Browser, Page, sync_playwright

from tests.factories import DEMO_PASSWORD

# Playwright's sync API runs an event loop in the test's thread; Django would otherwise refuse the
# ORM calls the tests make in that thread to set up their data.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
VNU_JAR = REPO_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 740}


@pytest.fixture(scope="session")
def browser() -> Browser:
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium ontbreekt op {CHROMIUM}: installeer het Debian-pakket 'chromium' "
            "(de e2e-tests downloaden geen browser).",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def rollen(transactional_db) -> None:
    """The roles with their permissions, as the latest role migration makes them (its whole table).

    A live-server test runs in a real transaction and pytest-django empties every table after it;
    Django recreates content types and permissions then, but not the groups. Without this, every
    browser test after the first would meet roles that grant nothing.
    """
    migration = importlib.import_module("transitie.migrations.0003_kaders_toezeggingen")
    for naam, codes in migration.ROLES.items():
        group, _ = Group.objects.get_or_create(name=naam)
        group.permissions.set(
            Permission.objects.get(content_type__app_label=app, codename=code)
            for app, code in (c.split(".") for c in codes)
        )
    beheerder, _ = Group.objects.get_or_create(name=migration.BEHEERDER)
    beheerder.permissions.set(Permission.objects.all())


@pytest.fixture
def page(browser: Browser, live_server) -> Page:
    """A fresh browser context (no cookies) on the live server, desktop-sized and in Dutch."""
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP, locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def login(page: Page):
    """Log a user in through the login form, as a person would."""

    def login(username: str, password: str = DEMO_PASSWORD) -> None:
        page.goto("/inloggen/")
        page.get_by_label("Gebruikersnaam").fill(username)
        page.get_by_label("Wachtwoord").fill(password)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()

    return login


def assert_accessible(page: Page) -> None:
    """Fail with a readable list when axe-core finds a WCAG 2.1 A or AA violation."""
    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_TAGS},
            "resultTypes": ["violations"],
        },
    )
    violations = results.response["violations"]
    if violations:
        lines = [f"axe-core: {len(violations)} WCAG-schending(en) op {page.url}"]
        for violation in violations:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            for node in violation["nodes"]:
                lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:160]}")
        pytest.fail("\n".join(lines), pytrace=False)


def assert_valid_html(page: Page, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Fail with vnu's messages when the HTML the server sends for the page's URL is invalid.

    The served body, fetched with the page's own cookies, not the browser's DOM serialisation.
    """
    response = page.request.get(page.url)
    assert response.ok, f"{page.url} gaf {response.status}"
    name = re.sub(r"[^a-z0-9]+", "-", page.url.lower()).strip("-")
    html_file = tmp_path_factory.mktemp("vnu") / f"{name}.html"
    html_file.write_bytes(response.body())
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", str(html_file)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    # vnu reports on stderr, as JSON.
    try:
        messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    except json.JSONDecodeError:
        pytest.fail(f"vnu liep niet ({VNU_JAR}):\n{result.stderr}", pytrace=False)
    if messages or result.returncode != 0:
        lines = [f"vnu: {len(messages)} fout(en) in de HTML van {page.url}"]
        lines += [
            f"- regel {m.get('lastLine', '?')}: {m['message']}"
            f"{' — ' + m['extract'].strip() if m.get('extract') else ''}"
            for m in messages
        ]
        pytest.fail("\n".join(lines), pytrace=False)


@pytest.fixture(name="assert_accessible")
def assert_accessible_fixture():
    return assert_accessible


@pytest.fixture(name="assert_valid_html")
def assert_valid_html_fixture(tmp_path_factory):
    return lambda page: assert_valid_html(page, tmp_path_factory)


@pytest.fixture
def screenshot():
    """Save a full-page screenshot to test-artifacts/ (gitignored) and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)

    def screenshot(page: Page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return screenshot
