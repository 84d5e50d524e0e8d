"""PDF/UA-1 fixes to WeasyPrint 70's tag tree, applied with pikepdf after rendering.

WeasyPrint 70 builds the tag tree page by page: one Part (and Sect, Table) per page, a repeated
table header tagged as content on every page, running headers and footers as marked content that no
structure element holds, links described by their anchor name, TH without Scope, TH IDs without an
ID tree, a table of contents as a plain list, and no PDF/UA identification next to PDF/A's. Each
function below repairs one of these; `pdfua_apply` runs them all.
"""

import io
import re
from collections.abc import Mapping
from xml.etree import ElementTree

import pikepdf
from pikepdf import Array, Dictionary, Name

# Elements WeasyPrint splits at a page break, and the first child that shows a new one starts (a
# section always opens with its h2, a table of ours with its caption); a main never starts twice.
OPENT_MET = {"/Part": None, "/Sect": "/H2", "/Table": "/Caption", "/TBody": None}

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PDFUAID = "http://www.aiim.org/pdfua/ns/id/"
PDFA_EXTENSION = "http://www.aiim.org/pdfa/ns/extension/"
PDFA_SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
PDFA_PROPERTY = "http://www.aiim.org/pdfa/ns/property#"
XPACKET_ID = "W5M0MpCehiHzreSzNTczkc9d"


def _kids(element) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def _is_struct(kid) -> bool:
    # Of the dictionaries in a /K, only structure elements have a structure type /S.
    return isinstance(kid, Dictionary) and "/S" in kid


def _struct_elements(element) -> list:
    """Every structure element below `element`, depth first in reading order."""
    gevonden = []
    stapel = list(reversed(_kids(element)))
    while stapel:
        kid = stapel.pop()
        if _is_struct(kid):
            gevonden.append(kid)
            stapel.extend(reversed(_kids(kid)))
    return gevonden


def _parent_tree(pdf: pikepdf.Pdf) -> dict[int, object]:
    """StructParents key -> an array of MCID owners (a page) or an annotation's owner."""
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    return {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}


def _set_parent_tree(pdf: pikepdf.Pdf, tree: Mapping[int, object]) -> None:
    nums = Array()
    for key in sorted(tree):
        nums.append(key)
        nums.append(tree[key])
    pdf.Root.StructTreeRoot.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))


# WeasyPrint 70 writes each piece of tagged content as `/Tag << /MCID n >> BDC`; glyph strings are
# two-byte codes of small subset fonts, so the pattern cannot occur inside a text string.
BDC_MET_MCID = re.compile(rb"/[A-Za-z0-9]+\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")
ARTEFACT_BDC = b"/Artifact << /Type /Pagination >> BDC"

Artefacten = dict[int, set[int]]  # page index -> MCIDs to turn into artifacts


def _mark_as_artifacts(artefacten: Artefacten, page_index: int, mcids: set[int]) -> None:
    artefacten.setdefault(page_index, set()).update(mcids)


def write_artifacts(pdf: pikepdf.Pdf, artefacten: Artefacten) -> None:
    """Turns the marked content with the collected MCIDs into pagination artifacts: one rewrite of
    each page's content, and their entries in the parent tree emptied."""
    tree = _parent_tree(pdf)
    for index, mcids in artefacten.items():
        if not mcids:
            continue
        page = pdf.pages[index]
        inhoud = page.Contents.read_bytes()

        def vervang(match, mcids=mcids):
            return ARTEFACT_BDC if int(match[1]) in mcids else match[0]

        page.Contents = pdf.make_stream(BDC_MET_MCID.sub(vervang, inhoud))
        owners = tree[int(page.StructParents)]
        for mcid in mcids:
            owners[mcid] = None


def _mcids(element) -> dict[int, set[int]]:
    """The MCIDs of the element's marked content, per page object (by objgen)."""
    found: dict = {}
    for node in [element, *_struct_elements(element)]:
        for kid in _kids(node):
            if isinstance(kid, int):
                found.setdefault(node.Pg.objgen, set()).add(int(kid))
    return found


def _page_index(pdf: pikepdf.Pdf) -> dict:
    return {page.obj.objgen: index for index, page in enumerate(pdf.pages)}


def margins_as_artifacts(pdf: pikepdf.Pdf, artefacten: Artefacten) -> None:
    """Running headers and footers: WeasyPrint tags them but leaves them out of the tree."""
    in_tree = {e.objgen for e in _struct_elements(pdf.Root.StructTreeRoot)}
    tree = _parent_tree(pdf)
    for index, page in enumerate(pdf.pages):
        owners = tree[int(page.StructParents)]
        orphans = {
            mcid
            for mcid, owner in enumerate(owners)
            if owner is not None and _is_struct(owner) and owner.objgen not in in_tree
        }
        _mark_as_artifacts(artefacten, index, orphans)


def _drop_repeated_header(artefacten, pages, original, herhaling) -> dict:
    """A table header repeated on a later page is an artifact; its cells' headers point back."""
    for objgen, mcids in _mcids(herhaling).items():
        _mark_as_artifacts(artefacten, pages[objgen], mcids)
    oud = [th.ID for th in _struct_elements(herhaling) if "/ID" in th]
    nieuw = [th.ID for th in _struct_elements(original) if "/ID" in th]
    return dict(zip((bytes(i) for i in oud), nieuw, strict=False))


def _continues(vorige, volgende) -> bool:
    if vorige.S != volgende.S or str(vorige.S) not in OPENT_MET:
        return False
    opener = OPENT_MET[str(vorige.S)]
    eerste = next((kid for kid in _kids(volgende) if _is_struct(kid)), None)
    return opener is None or eerste is None or str(eerste.S) != opener


def _merge(artefacten, pages, vorige, volgende, ids: dict) -> None:
    """Moves the continuation's children into the element it continues, down the page break."""
    oude = _kids(vorige)
    nieuwe = _kids(volgende)
    if str(vorige.S) == "/Table" and nieuwe and _is_struct(nieuwe[0]) and nieuwe[0].S == "/THead":
        origineel = next((k for k in oude if _is_struct(k) and k.S == "/THead"), None)
        if origineel is not None:
            ids.update(_drop_repeated_header(artefacten, pages, origineel, nieuwe[0]))
            nieuwe = nieuwe[1:]
    for kid in nieuwe:
        if _is_struct(kid):
            kid.P = vorige
    vervolg = oude and nieuwe and _is_struct(oude[-1]) and _is_struct(nieuwe[0])
    if vervolg and _continues(oude[-1], nieuwe[0]):
        _merge(artefacten, pages, oude[-1], nieuwe[0], ids)
        nieuwe = nieuwe[1:]
    vorige.K = Array(oude + nieuwe)


def merge_page_splits(pdf: pikepdf.Pdf, artefacten: Artefacten) -> None:
    """One Part, one Sect per section and one Table per table, however many pages they cover."""
    document = _kids(pdf.Root.StructTreeRoot)[0]
    pages = _page_index(pdf)
    ids: dict = {}
    kids: list = []
    for kid in _kids(document):
        if kids and _is_struct(kid) and _is_struct(kids[-1]) and _continues(kids[-1], kid):
            _merge(artefacten, pages, kids[-1], kid, ids)
        else:
            kids.append(kid)
    document.K = Array(kids)
    for cell in _struct_elements(document):
        headers = cell.get("/A", {}).get("/Headers") if cell.S == "/TD" else None
        if headers is not None:
            cell.A.Headers = Array(ids.get(bytes(h), h) for h in headers)


def th_scopes(pdf: pikepdf.Pdf) -> None:
    """A TH in a table head heads its column, one in the body its row."""
    for element in _struct_elements(pdf.Root.StructTreeRoot):
        if element.S == "/TH":
            rij = element.P
            kolom = _is_struct(rij) and _is_struct(rij.get("/P")) and rij.P.S == "/THead"
            element.A.Scope = Name.Column if kolom else Name.Row


def id_tree(pdf: pikepdf.Pdf) -> None:
    """Structure elements with an ID are found through the root's ID tree."""
    met_id = sorted(
        (bytes(e.ID), e) for e in _struct_elements(pdf.Root.StructTreeRoot) if "/ID" in e
    )
    if met_id:
        names = Array()
        for key, element in met_id:
            names.append(pikepdf.String(key))
            names.append(element)
        pdf.Root.StructTreeRoot.IDTree = pdf.make_indirect(Dictionary(Names=names))


def _links(element):
    return [e for e in [element, *_struct_elements(element)] if e.S == "/Link"]


def contents_as_toc(pdf: pikepdf.Pdf, inhoud: Mapping[str, str]) -> None:
    """The contents list as TOC/TOCI, one link annotation per entry named by the entry's title.

    `inhoud` maps each entry's anchor to its title. WeasyPrint 70 makes a link annotation for the
    title, one for the ::after page reference and leader, and one per line; they become one.
    """
    tree = _parent_tree(pdf)
    for lijst in _struct_elements(pdf.Root.StructTreeRoot):
        items = [k for k in _kids(lijst) if _is_struct(k)]
        if lijst.S != "/L" or not items or not all(_entry_anchor(item) in inhoud for item in items):
            continue
        lijst.S = Name.TOC
        for item in items:
            item.S = Name.TOCI
            for kid in _kids(item):
                if _is_struct(kid) and kid.S == "/LBody":
                    kid.S = Name.Reference
            _one_link(pdf, tree, item, inhoud[_entry_anchor(item)])
    _set_parent_tree(pdf, tree)


def _entry_anchor(item) -> str | None:
    for link in _links(item):
        for kid in _kids(link):
            if isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR:
                return str(kid.Obj.get("/Dest", ""))
    return None


def _one_link(pdf, tree, item, titel: str) -> None:
    links = _links(item)
    buitenste = links[0]
    objrs, mcids = [], []
    for link in links:
        for kid in _kids(link):
            if _is_struct(kid):
                continue
            (objrs if isinstance(kid, Dictionary) else mcids).append((link, kid))
    houden = objrs[0][1].Obj
    x1, y1, x2, y2 = (float(v) for v in houden.Rect)
    for _, objr in objrs[1:]:
        annotatie = objr.Obj
        if objr.Pg.objgen == objrs[0][1].Pg.objgen:
            a1, b1, a2, b2 = (float(v) for v in annotatie.Rect)
            x1, y1, x2, y2 = min(x1, a1), min(y1, b1), max(x2, a2), max(y2, b2)
        page = objr.Pg
        page.Annots = Array(a for a in page.Annots if a.objgen != annotatie.objgen)
        tree.pop(int(annotatie.StructParent), None)
    houden.Rect = Array([x1, y1, x2, y2])
    houden.Contents = pikepdf.String(titel)
    owners_by_page = {}
    for link, mcid in mcids:
        owners = owners_by_page.setdefault(
            link.Pg.objgen, tree[int(pdf.get_object(link.Pg.objgen).StructParents)]
        )
        owners[int(mcid)] = buitenste
    buitenste.K = Array([objrs[0][1], *(m for _, m in mcids)])
    for link in links[1:]:
        ouder = link.P
        ouder.K = Array(k for k in _kids(ouder) if not (_is_struct(k) and k.objgen == link.objgen))


def _link_texts(page, owners) -> list[tuple[int, bytes]]:
    """(MCID, glyph codes) of each piece of marked content a Link owns, in content order."""
    teksten, mcid, glyphs = [], None, []
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "BDC" and isinstance(operands[1], Dictionary) and "/MCID" in operands[1]:
            mcid, glyphs = int(operands[1].MCID), []
        elif op == "TJ" and mcid is not None:
            glyphs.extend(bytes(d) for d in operands[0] if isinstance(d, pikepdf.String))
        elif op == "EMC" and mcid is not None:
            owner = owners[mcid] if mcid < len(owners) else None
            if _is_struct(owner) and owner.S == "/Link":
                teksten.append((mcid, b"".join(glyphs)))
            mcid = None
    return teksten


def _leader_mcids(page, owners) -> set[int]:
    """A leader is drawn as one glyph per marked content, the same glyph at least three times."""
    leaders: set[int] = set()
    run: list[int] = []
    vorige = None
    for mcid, tekst in [*_link_texts(page, owners), (None, None)]:
        if tekst is not None and len(tekst) == 2 and tekst == vorige:
            run.append(mcid)
            continue
        if len(run) >= 3:
            leaders.update(run)
        run, vorige = ([mcid], tekst) if tekst is not None and len(tekst) == 2 else ([], None)
    return leaders


def leaders_as_artifacts(pdf: pikepdf.Pdf, artefacten: Artefacten) -> None:
    """The dots of `leader(".")` in a link are decoration, not words to read out."""
    tree = _parent_tree(pdf)
    for index, page in enumerate(pdf.pages):
        if "/Annots" not in page:  # no link, so no leader inside one
            continue
        owners = tree[int(page.StructParents)]
        leaders = _leader_mcids(page, owners)
        links = {owners[mcid].objgen: owners[mcid] for mcid in leaders}
        for link in links.values():
            link.K = Array(k for k in _kids(link) if not (isinstance(k, int) and k in leaders))
        _mark_as_artifacts(artefacten, index, leaders)


def pdfua_identification(pdf: pikepdf.Pdf) -> None:
    """pdfuaid:part=1 in the XMP, with the extension schema PDF/A-2 asks for a new namespace."""
    xmp = ElementTree.fromstring(pdf.Root.Metadata.read_bytes())
    rdf = xmp.find(f"{{{RDF}}}RDF")
    ElementTree.register_namespace("x", "adobe:ns:meta/")
    ElementTree.register_namespace("pdfuaid", PDFUAID)
    ElementTree.register_namespace("pdfaExtension", PDFA_EXTENSION)
    ElementTree.register_namespace("pdfaSchema", PDFA_SCHEMA)
    ElementTree.register_namespace("pdfaProperty", PDFA_PROPERTY)
    about = {f"{{{RDF}}}about": ""}
    rdf.append(ElementTree.Element(f"{{{RDF}}}Description", {**about, f"{{{PDFUAID}}}part": "1"}))
    beschrijving = ElementTree.SubElement(rdf, f"{{{RDF}}}Description", about)
    schemas = ElementTree.SubElement(beschrijving, f"{{{PDFA_EXTENSION}}}schemas")
    schema = ElementTree.SubElement(
        ElementTree.SubElement(schemas, f"{{{RDF}}}Bag"),
        f"{{{RDF}}}li",
        {f"{{{RDF}}}parseType": "Resource"},
    )
    for naam, waarde in (
        ("schema", "PDF/UA Universal Accessibility Schema"),
        ("namespaceURI", PDFUAID),
        ("prefix", "pdfuaid"),
    ):
        ElementTree.SubElement(schema, f"{{{PDFA_SCHEMA}}}{naam}").text = waarde
    eigenschap = ElementTree.SubElement(
        ElementTree.SubElement(
            ElementTree.SubElement(schema, f"{{{PDFA_SCHEMA}}}property"), f"{{{RDF}}}Seq"
        ),
        f"{{{RDF}}}li",
        {f"{{{RDF}}}parseType": "Resource"},
    )
    for naam, waarde in (
        ("name", "part"),
        ("valueType", "Integer"),
        ("category", "internal"),
        ("description", "Indicates, which part of ISO 14289 standard is followed"),
    ):
        ElementTree.SubElement(eigenschap, f"{{{PDFA_PROPERTY}}}{naam}").text = waarde
    body = ElementTree.tostring(xmp, encoding="unicode")
    packet = (
        f'<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n{body}\n<?xpacket end="r"?>'
    )
    pdf.Root.Metadata = pdf.make_stream(packet.encode(), Type=Name.Metadata, Subtype=Name.XML)


def pdfua_apply(pdf_bytes: bytes, *, inhoud: Mapping[str, str]) -> bytes:
    """The rendered letter with every fix above applied."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        artefacten: Artefacten = {}
        margins_as_artifacts(pdf, artefacten)
        merge_page_splits(pdf, artefacten)
        contents_as_toc(pdf, inhoud)
        leaders_as_artifacts(pdf, artefacten)
        write_artifacts(pdf, artefacten)
        th_scopes(pdf)
        id_tree(pdf)
        pdfua_identification(pdf)
        uit = io.BytesIO()
        pdf.save(uit, deterministic_id=False)
        return uit.getvalue()
