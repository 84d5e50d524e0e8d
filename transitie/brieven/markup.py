"""The letter's small markup read into blocks: "## " a heading, "- " a list item, else a paragraph.

The templates render the blocks (templates/pdf/_markup.html), with Django's escaping."""

from dataclasses import dataclass
from itertools import groupby

KOP = "## "


LIJSTITEM = "- "


@dataclass(frozen=True)
class Blok:
    soort: str  # "kop", "lijst" or "alinea"
    regels: tuple[str, ...]

    @property
    def tekst(self) -> str:
        return " ".join(self.regels)


def _blocks(tekst: str) -> list[list[str]]:
    """The text's blocks: runs of non-empty lines, separated by empty lines."""
    blocks: list[list[str]] = []
    huidig: list[str] = []
    for regel in tekst.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        regel = regel.strip()
        if regel:
            huidig.append(regel)
        elif huidig:
            blocks.append(huidig)
            huidig = []
    if huidig:
        blocks.append(huidig)
    return blocks


def _kind(regel: str) -> str:
    if regel.startswith(KOP):
        return "kop"
    if regel.startswith(LIJSTITEM):
        return "lijst"
    return "alinea"


def markup_blocks(tekst: str) -> list[Blok]:
    """The text's headings (one per line), lists and paragraphs, in order."""
    blokken: list[Blok] = []
    for block in _blocks(tekst):
        for soort, regels in groupby(block, key=_kind):
            regels = list(regels)
            if soort == "kop":
                blokken.extend(Blok("kop", (regel[len(KOP) :].strip(),)) for regel in regels)
            elif soort == "lijst":
                blokken.append(Blok("lijst", tuple(r[len(LIJSTITEM) :].strip() for r in regels)))
            else:
                blokken.append(Blok("alinea", tuple(regels)))
    return blokken
