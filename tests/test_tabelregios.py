"""A wide table scrolls inside its own region, never the page: in every template that region is
labelled and reachable by keyboard, so a person without a mouse can scroll it too (WCAG 2.1.1)."""

import re

from django.conf import settings

REGIO = re.compile(r'<div class="rp-(?:table|tijdlijn)-wrap"[^>]*>')


def test_every_table_region_is_labelled_and_focusable():
    regio_s = [
        (pad.relative_to(settings.BASE_DIR), tag.group(0))
        for pad in (settings.BASE_DIR / "templates").rglob("*.html")
        for tag in REGIO.finditer(pad.read_text())
    ]
    assert len(regio_s) > 10  # the search itself finds them
    fouten = [
        f"{pad}: {tag}"
        for pad, tag in regio_s
        if not ('role="region"' in tag and "aria-labelledby=" in tag and 'tabindex="0"' in tag)
    ]
    assert fouten == []
