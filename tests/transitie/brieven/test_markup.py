"""The letter's small markup: paragraphs, lists and headings, and nothing else gets through."""

from django.template.loader import render_to_string

from transitie.brieven.markup import Blok, markup_blocks


def test_paragraphs_lists_and_headings():
    blokken = markup_blocks(
        "## Transitieplan\nDe colleges hebben\ningestemd.\n\nTweede alinea.\n- een\n- twee\nslot"
    )
    assert blokken == [
        Blok("kop", ("Transitieplan",)),
        Blok("alinea", ("De colleges hebben", "ingestemd.")),
        Blok("alinea", ("Tweede alinea.",)),
        Blok("lijst", ("een", "twee")),
        Blok("alinea", ("slot",)),
    ]
    html = render_to_string("pdf/_markup.html", {"blokken": blokken})
    assert "".join(html.split("\n")) == (
        "<h3>Transitieplan</h3><p>De colleges hebben ingestemd.</p><p>Tweede alinea.</p>"
        "<ul><li>een</li><li>twee</li></ul><p>slot</p>"
    )


def test_html_is_escaped():
    html = render_to_string(
        "pdf/_markup.html",
        {
            "blokken": markup_blocks(
                '<img src="file:///etc/passwd">\n- <script>x</script>\n## <b>kop</b>'
            )
        },
    )
    assert "<img" not in html
    assert "<script" not in html
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html
    assert "<h3>&lt;b&gt;kop&lt;/b&gt;</h3>" in html


def test_empty_text_renders_nothing():
    assert markup_blocks("  \n\n ") == []
    assert render_to_string("pdf/_markup.html", {"blokken": []}).strip() == ""
