"""The letter's PDF/UA-1 structure and its layout rules, read back from the PDF (pikepdf, pypdf)."""

import io
import os
import re
from xml.etree import ElementTree

import pikepdf
import pytest
from pypdf import PdfReader

from drechtsteden.models import Gemeente
from tests.factories import (
    ActiviteitFactory,
    BriefsectieFactory,
    LidmaatschapFactory,
    PartnerFactory,
    RaadsinformatiebriefFactory,
    RegiekamerFactory,
    ThemaFactory,
    ToezeggingFactory,
    UserFactory,
    besluit_met_stemmen,
)
from transitie.brieven.models import Raadsinformatiebrief
from transitie.brieven.ondertekening import pdf_sign
from transitie.brieven.pdf import brief_render
from transitie.constants import SectieSoort, StemKeuze
from transitie.seed import load
from transitie.seed.brief import SEED_BRIEF_TITEL

ALINEA = (
    "De zeven colleges hebben ingestemd met de aanbevelingen uit het adviesrapport en geven "
    "opdracht tot implementatie via het transitieplan, met oog voor maatschappelijke opgaven. "
)


def grote_brief(regiekamer):
    """A letter with every block switched on, ten contents entries and 120 decisions."""
    letter = RaadsinformatiebriefFactory(
        titel="Stand van de transitie",
        onderwerp="Besluiten per thema",
        blok_besluiten=True,
        blok_regiekamers=True,
        blok_transitieplan=True,
        blok_financien=True,
    )
    for soort in SectieSoort:
        BriefsectieFactory(brief=letter, soort=soort, tekst=f"## Kop\n{ALINEA * 4}\n\n- punt")
    ToezeggingFactory()
    drechtsteden = list(Gemeente.objects.filter(is_drechtstad=True).order_by("naam"))
    themas = [ThemaFactory(naam=f"Thema {n + 1}") for n in range(5)]
    partners = [PartnerFactory() for _ in range(3)]
    dordrecht = drechtsteden[1]
    for n in range(120):
        soort = n % 3
        besluit_met_stemmen(
            {dordrecht: StemKeuze.INSTEMMEN},
            activiteit=ActiviteitFactory(thema=themas[n % 5], naam=f"Activiteit nummer {n + 1}"),
            hergroeperen=soort == 0,
            stoppen=soort == 1,
            voorgestelde_gemeenten=drechtsteden[: 2 + n % 5] if soort == 0 else (),
            voorgestelde_partners=partners[: n % 3] if soort == 0 else (),
        )
    for gemeente in drechtsteden:
        LidmaatschapFactory(regiekamer=regiekamer, gebruiker=UserFactory(), gemeente=gemeente)
    return letter


def _bewaar(naam: str, pdf: bytes) -> None:
    """PDF_BEWAAR=/some/dir keeps the rendered PDFs, to look at them as pages (pdftoppm)."""
    if map_ := os.environ.get("PDF_BEWAAR"):
        with open(os.path.join(map_, naam), "wb") as bestand:
            bestand.write(pdf)


@pytest.fixture(scope="module")
def gerenderd() -> dict[str, bytes]:
    """Holds the module's two PDFs: each is built and rendered once, not once per test."""
    return {}


@pytest.fixture
def brieven(db, gerenderd):
    """The seed letter (laad_drechtsteden's) and a 120-decision letter, for Dordrecht, signed."""
    if not gerenderd:
        load()
        dordrecht = Gemeente.objects.get(naam="Dordrecht")
        seed = Raadsinformatiebrief.objects.get(titel=SEED_BRIEF_TITEL)
        groot = grote_brief(RegiekamerFactory(bestuurlijk=True))
        for naam, letter in (("seed", seed), ("groot", groot)):
            # As published: signed (`publicatie_render`), so the signature's field and
            # incremental update are held to the same rules.
            gerenderd[naam] = pdf_sign(brief_render(brief=letter, gemeente=dordrecht).pdf)
            _bewaar(f"{naam}.pdf", gerenderd[naam])
    return gerenderd


# Reading the tag tree back.


def kids(element) -> list:
    k = element.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def is_struct(kid) -> bool:
    return isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem"


def elements(element, path=()):
    """(element, its ancestors' types) for every structure element, in reading order."""
    for kid in kids(element):
        if is_struct(kid):
            yield kid, path
            yield from elements(kid, (*path, str(kid.S)))


def of_type(pdf, soort):
    return [e for e, _ in elements(pdf.Root.StructTreeRoot) if soort == e.S]


def marked_content(pdf) -> list[tuple[str, int, tuple[str, ...]]]:
    """Every piece of tagged content in reading order: its page, MCID and structure path."""
    pages = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}
    found = []
    for element, path in elements(pdf.Root.StructTreeRoot):
        for kid in kids(element):
            if isinstance(kid, int):
                found.append((pages[element.Pg.objgen], kid, (*path, str(element.S))))
    return found


def bdc_per_page(pdf) -> list[list[tuple[str, object]]]:
    """The marked-content operators of each page: (tag, MCID or None)."""
    per_page = []
    for page in pdf.pages:
        tags = []
        for operands, operator in pikepdf.parse_content_stream(page):
            if str(operator) == "BDC":
                props = operands[1]
                tags.append((str(operands[0]), props.get("/MCID") if "/MCID" in props else None))
        per_page.append(tags)
    return per_page


@pytest.fixture
def structuren(brieven):
    return {naam: pikepdf.open(io.BytesIO(pdf)) for naam, pdf in brieven.items()}


BRIEVEN = ("seed", "groot")


@pytest.mark.parametrize("naam", BRIEVEN)
def test_running_header_and_footer_are_artifacts(structuren, naam):
    pdf = structuren[naam]
    in_tree = {(page, mcid) for page, mcid, _ in marked_content(pdf)}
    for page, tags in enumerate(bdc_per_page(pdf)):
        artifacts = [tag for tag, mcid in tags if mcid is None]
        # Header left, header right and the page number at least.
        assert len(artifacts) >= 3
        assert all(tag == "/Artifact" for tag in artifacts)
        assert all((page, mcid) in in_tree for tag, mcid in tags if mcid is not None)
    tekst = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_bytes(pdf))).pages)
    assert "pagina 1 van" in tekst  # still printed, only not read out


def pdf_bytes(pdf) -> bytes:
    uit = io.BytesIO()
    pdf.save(uit)
    return uit.getvalue()


@pytest.mark.parametrize("naam", BRIEVEN)
def test_main_sections_and_tables_are_whole_across_pages(structuren, naam):
    pdf = structuren[naam]
    assert len(of_type(pdf, "/Part")) == 1
    secties = of_type(pdf, "/Sect")
    assert all(str(kids(s)[0].S) == "/H2" for s in secties)
    assert len(secties) == len(of_type(pdf, "/H2")) - 1  # all but the contents' heading
    tables = of_type(pdf, "/Table")
    for table in tables:
        assert [str(k.S) for k in kids(table)].count("/THead") <= 1
    assert all(len(kids(t)) <= 3 for t in tables)  # caption, head, body


def test_a_table_over_three_pages_is_one_table_with_one_head(structuren):
    pdf = structuren["groot"]
    pages = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}
    besluiten = [t for t in of_type(pdf, "/Table") if len(kids(kids(t)[-1])) == 24]
    assert len(besluiten) == 5  # 120 decisions in five themes, 24 rows each
    body = kids(besluiten[0])[-1]
    rij_pages = sorted({pages[row.Pg.objgen] for row in kids(body)})
    assert len(rij_pages) >= 2
    # Each head is one row on one page; the head repeated on later pages is drawn as an artifact.
    for head in of_type(pdf, "/THead"):
        assert len(kids(head)) == 1
        assert len({page for page, _, path in marked_content_of(pdf, head)}) == 1
    margins = 3  # header left, header right, page number
    artifacts = [sum(mcid is None for _, mcid in tags) for tags in bdc_per_page(pdf)]
    assert all(artifacts[page] > margins for page in rij_pages[1:])


def marked_content_of(pdf, element):
    pages = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}
    return [
        (pages[e.Pg.objgen], kid, path)
        for e, path in [(element, ()), *elements(element)]
        for kid in kids(e)
        if isinstance(kid, int)
    ]


@pytest.mark.parametrize("naam", BRIEVEN)
def test_contents_are_toc_with_one_described_link_per_entry(structuren, naam):
    pdf = structuren[naam]
    (toc,) = of_type(pdf, "/TOC")
    items = kids(toc)
    assert items and all(item.S == "/TOCI" for item in items)
    titels = []
    for item in items:
        links = [e for e, _ in elements(item) if e.S == "/Link"]
        assert len(links) == 1
        (annotatie,) = [k.Obj for k in kids(links[0]) if isinstance(k, pikepdf.Dictionary)]
        titels.append(str(annotatie.Contents))
        assert not str(annotatie.Contents).startswith(("sectie-", "blok-"))
        # The title and the page number are read out, the leader's dots are not.
        assert 1 <= len([k for k in kids(links[0]) if isinstance(k, int)]) <= 3
    # Besides the links only the signature's widget (tagged as a Form, see test_ondertekening).
    annotaties = [a for page in pdf.pages for a in page.get("/Annots", [])]
    assert [a.Subtype for a in annotaties].count("/Widget") == 1
    assert len([a for a in annotaties if a.Subtype == "/Link"]) == len(items)
    assert titels[0] == "Inleiding"


@pytest.mark.parametrize("naam", BRIEVEN)
def test_th_has_a_scope_and_ids_have_an_id_tree(structuren, naam):
    pdf = structuren[naam]
    for th in of_type(pdf, "/TH"):
        rij = th.P
        verwacht = "/Column" if rij.P.S == "/THead" else "/Row"
        assert th.A.Scope == verwacht
    ids = [bytes(e.ID) for e, _ in elements(pdf.Root.StructTreeRoot) if "/ID" in e]
    assert ids
    names = pdf.Root.StructTreeRoot.IDTree.Names
    assert [bytes(names[i]) for i in range(0, len(names), 2)] == sorted(ids)
    # Every TD's headers name a TH that is in the tree.
    for td in of_type(pdf, "/TD"):
        assert {bytes(h) for h in td.A.get("/Headers", [])} <= set(ids)


@pytest.mark.parametrize("naam", BRIEVEN)
def test_xmp_claims_pdf_ua_1_beside_pdf_a_2a(structuren, naam):
    xmp = ElementTree.fromstring(structuren[naam].Root.Metadata.read_bytes())
    claims = {
        naam.split("}")[1]: (naam.split("}")[0][1:], waarde)
        for element in xmp.iter()
        for naam, waarde in element.attrib.items()
        if "/ns/id/" in naam
    }
    assert claims["part"] in {
        ("http://www.aiim.org/pdfa/ns/id/", "2"),
        ("http://www.aiim.org/pdfua/ns/id/", "1"),
    }
    onderdelen = [
        (naam, waarde)
        for element in xmp.iter()
        for naam, waarde in element.attrib.items()
        if naam.endswith("}part")
    ]
    assert sorted(onderdelen) == [
        ("{http://www.aiim.org/pdfa/ns/id/}part", "2"),
        ("{http://www.aiim.org/pdfua/ns/id/}part", "1"),
    ]
    schemas = [e.text for e in xmp.iter("{http://www.aiim.org/pdfa/ns/schema#}namespaceURI")]
    assert "http://www.aiim.org/pdfua/ns/id/" in schemas


@pytest.mark.parametrize("naam", BRIEVEN)
def test_no_hyphenation_character_in_the_text(brieven, naam):
    tekst = "".join(page.extract_text() for page in PdfReader(io.BytesIO(brieven[naam])).pages)
    assert "\u2010" not in tekst
    assert "\u00ad" not in tekst


# Layout, read back from the pages' text positions.

A4_BREEDTE = 595.28
MM = 72 / 25.4
LINKS, RECHTS = 25 * MM, A4_BREEDTE - 22 * MM  # the @page margins of static/pdf/brief.css
MARGE = 0.05  # pt: rounding in the PDF's numbers


def _breedtes(font) -> dict[int, float]:
    """Glyph widths by CID of a Type0 font (its /W array)."""
    beschrijving = font.DescendantFonts[0]
    breedtes: dict[int, float] = {}
    w = list(beschrijving.get("/W", []))
    i = 0
    while i < len(w):
        if isinstance(w[i + 1], pikepdf.Array):
            for n, breedte in enumerate(w[i + 1]):
                breedtes[int(w[i]) + n] = float(breedte)
            i += 2
        else:
            for cid in range(int(w[i]), int(w[i + 1]) + 1):
                breedtes[cid] = float(w[i + 2])
            i += 3
    return breedtes


def text_runs(page) -> list[tuple[float, float, object]]:
    """(x start, x end, MCID or None) in points of every text-showing operator on the page."""
    fonts = {
        naam: (_breedtes(f), float(f.DescendantFonts[0].get("/DW", 1000)))
        for naam, f in page.Resources.Font.items()
    }
    ctm = [(1.0, 0.0)]  # horizontal scale and offset; WeasyPrint neither rotates nor skews
    runs, mcid, tm, font, size = [], [None], (1.0, 0.0), None, 0.0
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "q":
            ctm.append(ctm[-1])
        elif op == "Q":
            ctm.pop()
        elif op == "cm":
            a, e = float(operands[0]), float(operands[4])
            schaal, verschuiving = ctm[-1]
            ctm[-1] = (a * schaal, e * schaal + verschuiving)
        elif op == "BDC":
            mcid.append(operands[1].get("/MCID") if "/MCID" in operands[1] else None)
        elif op == "BMC":
            mcid.append(None)
        elif op == "EMC":
            mcid.pop()
        elif op == "Tm":
            tm = (float(operands[0]), float(operands[4]))
        elif op == "Tf":
            font, size = fonts[str(operands[0])], float(operands[1])
        elif op == "TJ":
            breedtes, standaard = font
            breedte = 0.0
            for deel in operands[0]:
                if isinstance(deel, pikepdf.String):
                    data = bytes(deel)
                    cids = [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data), 2)]
                    breedte += sum(breedtes.get(c, standaard) for c in cids) * size / 1000
                else:
                    breedte -= float(deel) * size / 1000
            schaal, verschuiving = ctm[-1]
            start = tm[1] * schaal + verschuiving
            runs.append((start, start + breedte * tm[0] * schaal, mcid[-1]))
        elif op in ("Tj", "'", '"'):
            raise AssertionError(f"{op}: not expected from WeasyPrint, extend text_runs")
    return runs


@pytest.mark.parametrize("naam", BRIEVEN)
def test_no_text_past_the_margins(structuren, naam):
    for nummer, page in enumerate(structuren[naam].pages, start=1):
        runs = text_runs(page)
        assert runs
        for start, eind, _ in runs:
            assert start >= LINKS - MARGE, (nummer, start)
            assert eind <= RECHTS + MARGE, (nummer, eind)


def test_the_tenth_contents_entry_lines_up_with_the_others(structuren):
    pdf = structuren["groot"]
    (toc,) = of_type(pdf, "/TOC")
    runs = {
        mcid: (start, eind) for start, eind, mcid in text_runs(pdf.pages[0]) if mcid is not None
    }
    nummers, titels = [], []
    for item in kids(toc):
        lbl, reference = kids(item)
        nummers.append(runs[marked_content_of(pdf, lbl)[0][1]])
        titels.append(runs[min(m for _, m, _ in marked_content_of(pdf, reference))])
    assert len(nummers) >= 10
    # Numbers end where the titles start, "10." as well; nothing hangs left of the margin.
    assert len({round(start, 1) for start, _ in titels}) == 1
    assert max(eind for _, eind in nummers) <= titels[0][0] + MARGE
    assert min(start for start, _ in nummers) >= LINKS - MARGE


KOPPEN = ("/H1", "/H2", "/H3", "/H4", "/Caption")


@pytest.mark.parametrize("naam", BRIEVEN)
def test_no_heading_or_caption_last_on_a_page(structuren, naam):
    inhoud = marked_content(structuren[naam])
    for i, (page, _, path) in enumerate(inhoud):
        if set(path) & set(KOPPEN):
            volgende = next(p for p, _, pad in inhoud[i + 1 :] if not set(pad) & set(KOPPEN))
            assert volgende == page, path


WOORDEN_IN_CELLEN = ("Dordrecht", "Aangenomen", "Instemmen", "Hergroeperen", "Doorzetten")


def test_no_word_broken_inside_a_table_cell(brieven):
    tekst = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(brieven["groot"])).pages
    ).replace("\n", " ")
    for woord in WOORDEN_IN_CELLEN:
        assert tekst.count(woord) >= 1
        assert tekst.count(woord[:-2]) == tekst.count(woord), woord
    assert not re.search(r"[a-z][-\u2010]\s+[a-z]", tekst)
