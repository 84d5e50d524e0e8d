"""The letter's small markup: paragraphs, lists and headings, and nothing else gets through."""

from transitie.brieven.markup import render_markup


def test_paragraphs_lists_and_headings():
    html = render_markup(
        "## Transitieplan\nDe colleges hebben\ningestemd.\n\nTweede alinea.\n- een\n- twee\nslot"
    )
    assert html == (
        "<h3>Transitieplan</h3>\n<p>De colleges hebben ingestemd.</p>\n<p>Tweede alinea.</p>\n"
        "<ul><li>een</li><li>twee</li></ul>\n<p>slot</p>"
    )


def test_html_is_escaped():
    html = render_markup('<img src="file:///etc/passwd">\n- <script>x</script>\n## <b>kop</b>')
    assert "<img" not in html
    assert "<script" not in html
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html
    assert "<h3>&lt;b&gt;kop&lt;/b&gt;</h3>" in html


def test_empty_text_renders_nothing():
    assert render_markup("  \n\n ") == ""
