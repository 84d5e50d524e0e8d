from itertools import groupby

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

KOP = "## "


LIJSTITEM = "- "


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


def render_markup(tekst: str, *, kopniveau: int = 3) -> SafeString:
    """The text as HTML: a "## " line is a heading, "- " lines a list, other lines a paragraph."""
    delen: list[str] = []
    for block in _blocks(tekst):
        for soort, regels in groupby(block, key=_kind):
            regels = list(regels)
            if soort == "kop":
                delen.extend(
                    f"<h{kopniveau}>{escape(regel[len(KOP) :].strip())}</h{kopniveau}>"
                    for regel in regels
                )
            elif soort == "lijst":
                items = "".join(f"<li>{escape(r[len(LIJSTITEM) :].strip())}</li>" for r in regels)
                delen.append(f"<ul>{items}</ul>")
            else:
                delen.append(f"<p>{escape(' '.join(regels))}</p>")
    # Safe: every piece of the author's text is escaped above.
    return mark_safe("\n".join(delen))
