"""Output formats: escaped HTML, no markup leaking into text, Markdown, LaTeX and JSON."""

from __future__ import annotations

import json

import pytest
from lxml import etree

from trialbib.render.engine import render_bibliography
from trialbib.render.formats import document, protect, tokens

ITEM = {
    "id": "k&1",
    "type": "article-journal",
    "language": "en",
    "author": [{"family": "Smith & Sons", "given": "A"}],
    "title": "IL-2 <i>in vivo</i> & CD4<sup>+</sup> cells, p<0.05",
    "container-title": "J <Test>",
    "issued": {"date-parts": [[2020]]},
    "volume": "1",
    "page": "1-2",
}


def render(fmt: str, style: str = "gb7714-2015"):  # type: ignore[no-untyped-def]
    return render_bibliography([ITEM], style, fmt=fmt)  # type: ignore[arg-type]


def test_text_has_no_markup_and_keeps_data_characters():
    text = render("text")[0].text
    assert text == "[1] SMITH & SONS A. IL-2 in vivo & CD4+ cells, p<0.05[J]. J <Test>, 2020, 1: 1-2."


def test_html_escapes_data_and_keeps_rich_text():
    html = render("html")[0].text
    assert "IL-2 <i>in vivo</i> &amp; CD4<sup>+</sup> cells, p&lt;0.05" in html
    assert "J &lt;Test&gt;" in html
    assert "SMITH &amp; SONS" in html
    assert html.startswith('<div class="csl-left-margin">[1]</div><div class="csl-right-inline">')


def test_html_document_is_well_formed_one_element_per_entry(bib):
    from trialbib.api import render as api_render

    for style in ("gb7714-2015", "apa", "nature"):
        entries = api_render(bib, style=style, fmt="html")
        root = etree.fromstring(document(entries, "html").encode())
        assert root.get("class") == "csl-bib-body"
        children = root.findall("div")
        assert [c.get("class") for c in children] == ["csl-entry"] * 24
        assert [c.get("id") for c in children] == [f"ref-{e.key}" for e in entries]


def test_markdown_escapes_and_emphasises():
    md = render("markdown", "apa")[0].text
    assert "IL-2 *in vivo* \\& CD4<sup>+</sup> cells, p\\<0.05" in md  # an entity could hide a control
    assert "*J \\<Test\\>*" in md


def test_latex_escapes_and_uses_thebibliography():
    entries = render("latex")
    assert entries[0].text == (
        "SMITH \\& SONS A. IL-2 \\textit{in vivo} \\& CD4\\textsuperscript{+} cells, p\\textless{}0.05[J]. "
        "J \\textless{}Test\\textgreater{}, 2020, 1: 1-2."
    )
    doc = document(entries, "latex").splitlines()
    assert doc[0] == "\\begin{thebibliography}{9}"
    assert doc[-1] == "\\end{thebibliography}"
    assert doc[1].startswith("\\bibitem{k&1} SMITH")


def test_json_has_number_key_text_html():
    data = json.loads(document(render("json"), "json"))
    assert data[0]["number"] == 1
    assert data[0]["key"] == "k&1"
    assert data[0]["text"].startswith("[1] SMITH & SONS A.")
    assert "&amp;" in data[0]["html"]


@pytest.mark.parametrize(
    ("value", "kinds"),
    [
        pytest.param("a <b>b</b>", [("text", "a "), ("open", "b"), ("text", "b"), ("close", "b")], id="bold"),
        pytest.param("x<y", [("text", "x<y")], id="bare-less-than"),
        pytest.param("<script>", [("text", "<script>")], id="unknown-tag-is-data"),
    ],
)
def test_protected_values_read_back(value, kinds):
    assert tokens(protect(value)) == kinds


def test_unknown_format_refused():
    from trialbib.errors import UsageError

    with pytest.raises(UsageError, match="unknown output format 'rtf'"):
        render("rtf")


def test_nocase_protects_words_and_is_dropped_from_names():
    item = dict(ITEM, title='the <span class="nocase">pH</span> of IL-2')
    item["author"] = [{"family": '<span class="nocase">van</span> Dijk', "given": "A"}]
    entry = render_bibliography([item], "gb7714-2015")[0]
    assert entry.text.startswith("[1] VAN DIJK A. the pH of IL-2[J].")


def test_html_marks_the_parts_people_style():
    html = render("html")[0].text
    assert '<span class="csl-author">SMITH &amp; SONS A</span>' in html
    assert '<span class="csl-title">IL-2 <i>in vivo</i> &amp; CD4<sup>+</sup> cells, p&lt;0.05</span>[J]' in html
    assert '<span class="csl-container-title">J &lt;Test&gt;</span>' in html


def test_part_markers_do_not_change_sorting_or_capitals(bib):
    from trialbib.api import render as api_render

    html = api_render(bib, style="apa", fmt="html")
    text = api_render(bib, style="apa")
    assert [e.key for e in html] == [e.key for e in text]


def test_part_markers_skipped_when_capitalizing():
    from trialbib.render.styles import StyleSource

    xml = (
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0"><info><title>t</title><id>t</id></info>'
        '<macro name="t"><text variable="title"/></macro><citation><layout><text value="x"/></layout></citation>'
        '<bibliography><layout><text macro="t" text-case="capitalize-first"/></layout></bibliography></style>'
    )
    source = StyleSource("t", "t.csl", xml.encode())
    entry = render_bibliography([dict(ITEM, title="lower-case start")], source, fmt="html")[0]
    assert entry.text == '<span class="csl-title">Lower-case start</span>'
