"""The timeline's text (its description and the markers' titles) writes dates the Dutch way."""

import datetime
from types import SimpleNamespace
from xml.etree import ElementTree as ET

from transitie.constants import MijlpaalStatus
from transitie.plan.tijdlijn import tijdlijn_svg

SVG = "{http://www.w3.org/2000/svg}"


def test_timeline_labels_write_dates_as_a_letter_does():
    mijlpaal = SimpleNamespace(
        titel="Regiekamers ingericht",
        deadline=datetime.date(2025, 7, 1),
        status=MijlpaalStatus.GEPLAND,
        status_label="Gepland",
        te_laat=False,
    )
    svg = tijdlijn_svg(
        mijlpalen=[mijlpaal],
        plan_deadline=datetime.date(2025, 12, 31),
        today=datetime.date(2025, 3, 12),
    )

    root = ET.fromstring(svg)
    desc = root.find(f"{SVG}desc").text
    assert "de plandeadline is 31 december 2025, vandaag is 12 maart 2025" in desc
    marker = next(e for e in root if e.tag == f"{SVG}polygon")
    assert marker.find(f"{SVG}title").text == "Regiekamers ingericht: 1 juli 2025, Gepland"
    assert "-2025" not in desc
