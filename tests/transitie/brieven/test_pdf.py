"""The letter's PDF read back with pypdf: archival, tagged, and fetching only our files."""

import datetime
import io
import json
import logging
import re
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.utils import timezone
from pypdf import PdfReader

from drechtsteden.opmaak import datum
from tests.factories import (
    AanbevelingFactory,
    BegrotingFactory,
    BijdrageFactory,
    BriefsectieFactory,
    LidmaatschapFactory,
    MijlpaalFactory,
    RaadsinformatiebriefFactory,
    TransitieplanFactory,
    UserFactory,
)
from transitie.brieven.pdf import PortalStaticURLFetcher, brief_render
from transitie.constants import SectieSoort

ALINEA = (
    "De zeven colleges hebben ingestemd met de aanbevelingen uit het adviesrapport en geven "
    "opdracht tot implementatie via het transitieplan. "
)
LANGE_TEKST = "\n\n".join(f"## Onderdeel {n}\n{ALINEA * 6}" for n in range(12))


@pytest.fixture(autouse=True)
def no_weasyprint_errors(caplog):
    """A missing font, stylesheet or image is an ERROR in WeasyPrint's log: fail on it."""
    caplog.set_level(logging.WARNING, logger="weasyprint")
    yield
    errors = [r for r in caplog.records if r.name.startswith("weasyprint") and r.levelno >= 40]
    assert not errors, [r.getMessage() for r in errors]


def brief_met(**secties):
    letter = RaadsinformatiebriefFactory(titel="Doorontwikkeling samenwerking")
    for soort in SectieSoort:
        BriefsectieFactory(
            brief=letter, soort=soort, tekst=secties.get(soort.value, f"Tekst {soort.label}.")
        )
    return letter


def pdf_text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def test_pdf_holds_every_section_and_the_council(drechtsteden):
    dordrecht = drechtsteden[1]
    letter = brief_met(kernboodschap="Meer maatwerk per thema.\n\n- kleinere coalities\n- grotere")

    rendered = brief_render(brief=letter, gemeente=dordrecht)

    reader = PdfReader(io.BytesIO(rendered.pdf))
    tekst = pdf_text(reader)
    for soort in SectieSoort:
        assert str(soort.label) in tekst
    assert "Meer maatwerk per thema." in tekst
    assert "kleinere coalities" in tekst
    assert "Aan de gemeenteraad van Dordrecht" in tekst
    eerste = reader.pages[0].extract_text()
    assert "Drechtsteden" in eerste
    # Page 1 carries the letter's own head; the running header starts on page 2.
    assert eerste.count("Raadsinformatiebrief") == 1
    assert "Aan: Aan" not in tekst and "Onder-werp" not in tekst
    assert "pagina 1 van" in tekst


def test_long_letter_runs_over_pages_with_page_numbers_in_the_contents(drechtsteden):
    letter = brief_met(vervolg=LANGE_TEKST)

    reader = PdfReader(io.BytesIO(brief_render(brief=letter, gemeente=drechtsteden[0]).pdf))

    aantal = len(reader.pages)
    assert aantal >= 3
    assert f"pagina {aantal} van {aantal}" in reader.pages[-1].extract_text()
    eerste = reader.pages[0].extract_text()
    assert "Inhoud" in eerste
    # The table of contents gives the signature, the letter's last part, the page it lands on, past
    # the long Vervolg.
    regel = next(r for r in eerste.splitlines() if r.startswith("Ondertekening"))
    assert regel.rstrip().endswith(str(aantal))


def test_pdf_is_tagged_pdf_a_2a_with_metadata(drechtsteden):
    letter = brief_met()

    reader = PdfReader(io.BytesIO(brief_render(brief=letter, gemeente=drechtsteden[4]).pdf))

    meta = reader.metadata
    assert meta.title == "Doorontwikkeling samenwerking — Papendrecht"
    assert meta.author == "De colleges van de Drechtsteden"
    assert meta.subject == letter.onderwerp
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "nl"
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]
    xmp = ElementTree.fromstring(catalog["/Metadata"].get_object().get_data())
    pdfaid = {
        naam.split("}")[1]: waarde
        for element in xmp.iter()
        for naam, waarde in element.attrib.items()
        if naam.startswith("{http://www.aiim.org/pdfa/ns/id/}")
    }
    assert pdfaid == {"part": "2", "conformance": "A"}
    assert "Doorontwikkeling samenwerking" in ElementTree.tostring(xmp, encoding="unicode")


def test_regiekamer_block_lists_the_members(drechtsteden, regiekamers):
    letter = brief_met()
    letter.blok_regiekamers = True
    letter.save()
    wethouder = UserFactory(first_name="Anna", last_name="de Wit")
    LidmaatschapFactory(regiekamer=regiekamers[1], gebruiker=wethouder, gemeente=drechtsteden[1])

    rendered = brief_render(brief=letter, gemeente=drechtsteden[1])

    tekst = pdf_text(PdfReader(io.BytesIO(rendered.pdf)))
    assert "Samenstelling van de regiekamers" in tekst
    assert "Anna de Wit" in tekst
    assert rendered.blokken.rijen()[0]["naam"] == "Anna de Wit"


def test_plan_and_finance_blocks_show_the_councils_own_contributions(drechtsteden):
    letter = brief_met()
    letter.blok_transitieplan = letter.blok_financien = True
    letter.save()
    MijlpaalFactory(
        aanbeveling=AanbevelingFactory(transitieplan=TransitieplanFactory()),
        titel="Regiekamers ingericht",
    )
    begroting = BegrotingFactory(jaar=letter.datum.year)
    dordrecht, papendrecht = drechtsteden[1], drechtsteden[4]
    BijdrageFactory(begroting=begroting, gemeente=dordrecht, omschrijving="Dordtse bijdrage")
    BijdrageFactory(begroting=begroting, gemeente=papendrecht, omschrijving="Papendrechtse")

    rendered = brief_render(brief=letter, gemeente=dordrecht)

    tekst = pdf_text(PdfReader(io.BytesIO(rendered.pdf)))
    assert "Regiekamers ingericht" in tekst
    assert "Totaal budget (alle bijdragen)" in tekst
    assert "Dordtse bijdrage" in tekst
    assert "Papendrechtse" not in tekst
    blokken = {rij["blok"] for rij in rendered.blokken.rijen()}
    assert blokken == {"transitieplan", "financien", "financien_gemeente"}


KWAADAARDIG = (
    '<img src="file:///etc/passwd">\n\n'
    "<style>body { background: url(http://169.254.169.254/latest/meta-data/) }</style>\n\n"
    '<a href="https://kwaadaardig.example/">klik</a>'
)


def test_html_in_letter_text_fetches_nothing_and_appears_as_text(drechtsteden, monkeypatch):
    gevraagd = []
    origineel = PortalStaticURLFetcher.fetch

    def bijhouden(self, url, headers=None):
        gevraagd.append(url)
        return origineel(self, url, headers)

    monkeypatch.setattr(PortalStaticURLFetcher, "fetch", bijhouden)
    letter = brief_met(inleiding=KWAADAARDIG)

    rendered = brief_render(brief=letter, gemeente=drechtsteden[0])

    assert all(url.endswith("/static/pdf/brief.css") for url in gevraagd), gevraagd
    tekst = pdf_text(PdfReader(io.BytesIO(rendered.pdf)))
    assert '<img src="file:///etc/passwd">' in tekst
    assert "url(http://169.254.169.254/latest/meta-data/)" in tekst
    assert "https://kwaadaardig.example/" in tekst
    assert "&lt;img" in rendered.html
    assert "<img" not in rendered.html


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://169.254.169.254/latest/meta-data/",
        "https://kwaadaardig.example/logo.png",
        "ftp://example.org/x",
    ],
)
def test_fetcher_refuses_everything_but_our_static_files(url):
    with pytest.raises(ValueError, match="Refused"):
        PortalStaticURLFetcher().fetch(url)


def test_fetcher_refuses_escaping_the_static_directory(settings):
    from transitie.brieven.pdf import STATIC_DIR

    with pytest.raises(ValueError, match="Refused"):
        PortalStaticURLFetcher().fetch((STATIC_DIR / ".." / "manage.py").as_uri())


def test_fetcher_serves_static_files_and_data_uris():
    from transitie.brieven.pdf import STATIC_DIR

    css = PortalStaticURLFetcher().fetch((STATIC_DIR / "pdf" / "brief.css").as_uri())
    assert b"@page" in css.read()
    data = PortalStaticURLFetcher().fetch("data:text/plain;base64,aGFsbG8=")
    assert data.read() == b"hallo"


def test_dates_and_amounts_are_written_the_dutch_way_and_the_open_data_keeps_iso(
    drechtsteden, regiekamers
):
    dordrecht = drechtsteden[1]
    letter = brief_met()
    letter.datum = datetime.date(2031, 3, 12)
    jaar = timezone.localdate().year  # a draft shows the figures of today, its peildatum
    letter.blok_transitieplan = letter.blok_financien = letter.blok_regiekamers = True
    letter.save()
    MijlpaalFactory(
        aanbeveling=AanbevelingFactory(transitieplan=TransitieplanFactory()),
        titel="Regiekamers ingericht",
        deadline=datetime.date(2025, 7, 1),
    )
    BijdrageFactory(
        begroting=BegrotingFactory(jaar=jaar),
        gemeente=dordrecht,
        omschrijving="Dordtse bijdrage",
        bedrag=Decimal("250000.00"),
    )
    LidmaatschapFactory(regiekamer=regiekamers[1], gemeente=dordrecht)

    rendered = brief_render(brief=letter, gemeente=dordrecht)

    tekst = pdf_text(PdfReader(io.BytesIO(rendered.pdf))).replace("\xa0", " ")
    assert "12 maart 2031" in tekst
    assert "1 juli 2025" in tekst  # the milestone's deadline
    assert "1 juli 2024" in tekst  # the member's start
    assert "€ 250.000" in tekst
    assert not re.search(r"\d{4}-\d{2}-\d{2}", tekst), re.findall(r"\d{4}-\d{2}-\d{2}", tekst)
    assert "250000.00" not in tekst
    data = rendered.blokken.as_dict()
    assert data["transitieplan"][0]["deadline"] == "2025-07-01"
    assert data["regiekamers"][0]["van"] == "2024-07-01"
    # JSON keeps amounts as numbers; the CSV as text with a decimal point (`rijen`).
    assert data["financien_gemeente"][0]["bedrag"] == 250000
    assert rendered.blokken.begrotingsjaar == jaar
    csv_bedragen = [
        r["bedrag"] for r in rendered.blokken.rijen() if r["blok"] == "financien_gemeente"
    ]
    assert csv_bedragen == ["250000.00"]
    json.dumps(data)  # plain values only


def test_the_finance_block_names_its_year_and_shows_no_other_years_figures(drechtsteden):
    """Peildatum today; only a budget of an earlier year exists: the block says there is none."""
    dordrecht = drechtsteden[1]
    jaar = timezone.localdate().year
    BijdrageFactory(
        begroting=BegrotingFactory(jaar=jaar - 1),
        gemeente=dordrecht,
        omschrijving="Bijdrage vorig jaar",
        bedrag=Decimal("992500.00"),
    )
    letter = brief_met()
    letter.blok_financien = True
    letter.save()

    rendered = brief_render(brief=letter, gemeente=dordrecht)

    tekst = " ".join(pdf_text(PdfReader(io.BytesIO(rendered.pdf))).split())
    assert f"Er is geen begroting voor {jaar}." in tekst
    assert "992.500" not in tekst and "Bijdrage vorig jaar" not in tekst
    assert rendered.blokken.begrotingsjaar == jaar
    assert rendered.blokken.as_dict()["financien"] == []


def test_the_letters_date_is_its_own_and_the_data_is_as_of_the_peildatum(drechtsteden):
    dordrecht = drechtsteden[1]
    letter = brief_met()
    letter.datum = datetime.date(2024, 12, 2)
    letter.blok_transitieplan = True
    letter.save()
    MijlpaalFactory(
        aanbeveling=AanbevelingFactory(transitieplan=TransitieplanFactory()),
        titel="Regiekamers ingericht",
        deadline=datetime.date(2025, 7, 1),
    )

    rendered = brief_render(brief=letter, gemeente=dordrecht)

    tekst = " ".join(pdf_text(PdfReader(io.BytesIO(rendered.pdf))).split()).replace("\xa0", " ")
    vandaag = datum(timezone.localdate())
    assert "Datum 2 december 2024" in tekst
    assert f"Peildatum {vandaag}: de gegevens in deze brief zijn de stand op die dag" in tekst
    assert f"stand op {vandaag}" in tekst
    assert "stand op 2 december 2024" not in tekst
