"""The end-to-end harness: the portal served by pytest-django's live_server, driven in the
system's Chromium through Playwright's sync API, checked with axe-core and the Nu HTML Checker.

Chromium is never downloaded (`playwright install` is not used): the Debian package must be there,
and without it these tests fail, they do not skip.
"""

import json
import os
import shutil
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.factories import DEMO_PASSWORD
from tests.smtp import vrije_poort

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
TELEFOON = {"width": 390, "height": 844}  # the every-page test's phone
AXE = Axe()  # reads axe-core's script once


@pytest.fixture(scope="module")
def browser() -> Browser:
    """Chromium for one test module. Not for the whole session: while Playwright's sync API is
    open it keeps an event loop running in the main thread, and a later test that runs its own
    (asyncio.run, pyHanko's validation) would meet it and fail."""
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


def with_axe(context: BrowserContext) -> BrowserContext:
    """Load axe-core into every page the context opens, as the page loads.

    Far cheaper than injecting the script again before each run, for tests that check many pages.
    """
    context.add_init_script(AXE.axe_script)
    return context


def axe_violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.1 A and AA violations on the page, as readable lines (none: empty)."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    page.wait_for_load_state()  # a page still loading has no document for axe to read
    if page.evaluate("typeof axe === 'undefined'"):
        page.evaluate(AXE.axe_script)
    results = AxeResults(page.evaluate("options => axe.run(document, options)", options))
    lines = []
    for violation in results.response["violations"]:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:160]}")
    return lines


def assert_accessible(page: Page) -> None:
    """Fail with a readable list when axe-core finds a WCAG 2.1 A or AA violation."""
    violations = axe_violations(page)
    if violations:
        pytest.fail(
            "\n".join([f"axe-core: WCAG-schending(en) op {page.url}", *violations]), pytrace=False
        )


@dataclass(frozen=True)
class Vnu:
    """The Nu Html Checker as a local web service (vnu.jar's own Jetty servlet)."""

    url: str

    def errors(self, html: bytes) -> list[str]:
        """vnu's errors in this HTML document (warnings aside), as readable lines; none: empty."""
        request = urllib.request.Request(
            f"{self.url}?out=json",
            data=html,
            headers={"Content-Type": "text/html; charset=utf-8"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            messages = json.load(response)["messages"]
        # "non-document-error": vnu could not read the document at all, which fails it too.
        return [
            f"- regel {m.get('lastLine', '?')}: {m['message']}"
            f"{' — ' + m['extract'].strip() if m.get('extract') else ''}"
            for m in messages
            if m["type"] in ("error", "non-document-error")
        ]


@pytest.fixture(scope="session")
def vnu(tmp_path_factory) -> Vnu:
    """vnu.jar started once per test process as a web service on a free local port: a page is
    then checked in some 20 ms, where a Java start per check (the command line) costs two seconds
    of CPU. Stopped at the session's end."""
    if shutil.which("java") is None or not VNU_JAR.exists():
        pytest.fail(f"vnu ontbreekt: java en {VNU_JAR} (npm install) zijn nodig", pytrace=False)
    port = vrije_poort()
    log = tmp_path_factory.mktemp("vnu") / "vnu.log"
    with log.open("wb") as uitvoer:
        proces = subprocess.Popen(
            [
                "java",
                "-cp",
                str(VNU_JAR),
                "-Dnu.validator.servlet.bind-address=127.0.0.1",
                "nu.validator.servlet.Main",
                str(port),
            ],
            stdout=uitvoer,
            stderr=subprocess.STDOUT,
        )
    dienst = Vnu(url=f"http://127.0.0.1:{port}/")
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(dienst.url, timeout=5).close()
                break
            except OSError:
                if proces.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"vnu startte niet:\n{log.read_text()}", pytrace=False)
                time.sleep(0.25)
        yield dienst
    finally:
        proces.terminate()
        proces.wait(timeout=30)


def served_html(page: Page) -> bytes:
    """The HTML the server sends for the page's URL, fetched with the page's own cookies (not
    the browser's DOM serialisation)."""
    response = page.request.get(page.url)
    assert response.ok, f"{page.url} gaf {response.status}"
    return response.body()


@pytest.fixture(name="assert_accessible")
def assert_accessible_fixture():
    return assert_accessible


@pytest.fixture(name="assert_valid_html")
def assert_valid_html_fixture(vnu: Vnu):
    """Fail with vnu's messages when the HTML the server sent for the page is invalid."""

    def assert_valid_html(page: Page) -> None:
        if errors := vnu.errors(served_html(page)):
            pytest.fail(
                f"vnu: fout(en) in de HTML van {page.url}:\n" + "\n".join(errors), pytrace=False
            )

    return assert_valid_html


@pytest.fixture
def screenshot():
    """Save a full-page screenshot to test-artifacts/ (gitignored) and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)

    def screenshot(page: Page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return screenshot
