"""The HTML check itself: the Nu Html Checker reports an invalid page, per file, in one run."""

import pytest

from tests.e2e.conftest import vnu_errors

pytestmark = pytest.mark.e2e


def test_vnu_reports_the_invalid_page_and_passes_the_valid_one(tmp_path):
    geldig = tmp_path / "geldig.html"
    geldig.write_text(
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Goed</title></head>'
        "<body><p>Goed.</p></body></html>"
    )
    ongeldig = tmp_path / "ongeldig.html"
    ongeldig.write_text(
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Fout</title></head>'
        '<body><p id="x">Een</p><p id="x">Twee</p></body></html>'
    )

    fouten = vnu_errors([geldig, ongeldig])

    assert list(fouten) == [ongeldig]
    assert any("Duplicate ID" in regel for regel in fouten[ongeldig])
