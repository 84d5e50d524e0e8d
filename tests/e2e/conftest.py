"""The end-to-end harness: the portal served by pytest-django's live_server, driven in the
system's Chromium through Playwright's sync API, checked with axe-core and the Nu HTML Checker.

Chromium is never downloaded (`playwright install` is not used): the Debian package must be there,
and without it these tests fail, they do not skip.
"""

import json
import os
import re
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

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
TELEFOON = {"width": 390, "height": 844}  # the every-page test's phone
AXE = Axe()  # reads axe-core's script once


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


def vnu_errors(html_files: list[Path]) -> dict[Path, list[str]]:
    """The Nu Html Checker's errors per file, as readable lines; one Java run for all files."""
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, html_files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # vnu reports on stderr, as JSON, each message with the file's URL.
    try:
        messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    except json.JSONDecodeError:
        pytest.fail(f"vnu liep niet ({VNU_JAR}):\n{result.stderr}", pytrace=False)
    if result.returncode != 0 and not messages:
        pytest.fail(f"vnu faalde ({result.returncode}):\n{result.stderr}", pytrace=False)
    per_file = {path.resolve(): path for path in html_files}
    errors: dict[Path, list[str]] = {}
    for m in messages:
        checked = Path(unquote(urlparse(m.get("url", "")).path))
        path = per_file.get(checked, checked)
        line = (
            f"- regel {m.get('lastLine', '?')}: {m['message']}"
            f"{' — ' + m['extract'].strip() if m.get('extract') else ''}"
        )
        errors.setdefault(path, []).append(line)
    return errors


def served_html(page: Page, directory: Path) -> Path:
    """The HTML the server sends for the page's URL, fetched with the page's own cookies (not
    the browser's DOM serialisation), saved in `directory` for vnu."""
    response = page.request.get(page.url)
    assert response.ok, f"{page.url} gaf {response.status}"
    name = re.sub(r"[^a-z0-9]+", "-", page.url.lower()).strip("-")
    html_file = directory / f"{len(list(directory.iterdir())):02d}-{name}.html"
    html_file.write_bytes(response.body())
    return html_file


@pytest.fixture(name="assert_accessible")
def assert_accessible_fixture():
    return assert_accessible


@pytest.fixture(name="assert_valid_html")
def assert_valid_html_fixture(tmp_path_factory):
    """Collect the served HTML of each page the test hands it; at the test's end the Nu Html
    Checker reads them all in one Java run (a run per page cost ~2 s of CPU each) and the test
    errors with vnu's messages per page when one is invalid."""
    directory = tmp_path_factory.mktemp("vnu")
    pages: dict[Path, str] = {}

    def assert_valid_html(page: Page) -> None:
        pages[served_html(page, directory)] = page.url

    yield assert_valid_html
    if not pages:
        return
    errors = [
        f"vnu: fout(en) in de HTML van {pages.get(path, path)}:\n" + "\n".join(lines)
        for path, lines in vnu_errors(list(pages)).items()
    ]
    if errors:
        pytest.fail("\n".join(errors), pytrace=False)


@pytest.fixture
def screenshot():
    """Save a full-page screenshot to test-artifacts/ (gitignored) and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)

    def screenshot(page: Page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return screenshot
