"""The HTML check itself: the Nu Html Checker's service reports an invalid page and passes a valid
one (so a journey's `assert_valid_html` can fail)."""

import pytest

from tests.e2e.conftest import Vnu

pytestmark = pytest.mark.e2e


def test_vnu_reports_the_invalid_page_and_passes_the_valid_one(vnu: Vnu):
    geldig = (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Goed</title></head>'
        "<body><p>Goed.</p></body></html>"
    )
    ongeldig = (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Fout</title></head>'
        '<body><p id="x">Een</p><p id="x">Twee</p></body></html>'
    )

    assert vnu.errors(geldig.encode()) == []
    fouten = vnu.errors(ongeldig.encode())
    assert len(fouten) == 1
    assert "Duplicate ID" in fouten[0]
