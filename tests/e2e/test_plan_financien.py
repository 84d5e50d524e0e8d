"""Journey: an alderman reads the transition plan and its timeline, then the Groeiagenda finance."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tests.factories import UserFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def wethouder(db, settings):
    settings.DEBUG = True  # the demo data are loaded only with DEBUG on
    call_command("laad_drechtsteden", "--demo", stdout=StringIO())
    settings.DEBUG = False
    return UserFactory(
        username="wethouder-e2e", first_name="Els", last_name="Visser", wethouder=True
    )


def test_wethouder_reads_plan_and_finance(
    page: Page, login, wethouder, assert_accessible, assert_valid_html, screenshot
):
    login("wethouder-e2e")
    page.get_by_role("link", name="Transitieplan").click()
    expect(page.get_by_role("heading", name="Transitieplan", level=1)).to_be_visible()
    expect(page.get_by_role("img", name="Tijdlijn van het transitieplan")).to_be_visible()
    page.get_by_text("Tijdlijn als tabel").click()
    expect(page.get_by_role("heading", name="Voortgang per thema")).to_be_visible()
    assert_accessible(page)
    assert_valid_html(page)
    screenshot(page, "transitieplan")

    page.get_by_role("link", name="Financiën").click()
    expect(page.get_by_role("heading", name="Financiën van de Groeiagenda")).to_be_visible()
    page.get_by_role("link", name="2024").click()
    expect(page.get_by_role("heading", name="Groeiagenda 2024")).to_be_visible()
    expect(page.get_by_role("row", name="Overgeheveld tekort")).to_contain_text("€\u00a0140.000")
    assert_accessible(page)
    assert_valid_html(page)
    screenshot(page, "financien")

    page.get_by_role("link", name="Dordrecht").click()
    expect(page.get_by_role("heading", name="Wat Dordrecht bijdraagt, en waaraan")).to_be_visible()
    assert_accessible(page)
    assert_valid_html(page)
