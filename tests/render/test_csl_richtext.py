"""The rich-text output layer of the CSL engine (csl.richtext): field markup, decorations that
flip when nested, and punctuation where pieces meet. Expected outputs follow the CSL 1.0.2
specification ("Formatting", "Rich text markup" in the appendix on CSL-JSON, "Punctuation") and
citeproc-js's conventions for the HTML of a flipped decoration."""

from __future__ import annotations

import io

import pytest

from trialbib.render import csl
from trialbib.render.csl.richtext import CLOSE, DATA, OPEN, finish, merge, protect


def test_protect_reads_well_nested_markup_and_leaves_the_rest_as_data():
    assert protect("<i>In vitro</i> & more") == f"{OPEN['i']}In vitro{CLOSE['i']} {DATA['&']} more"
    # a close tag without its open, and a URL in angle brackets, are text
    assert protect("a</i> <http://x.org>") == f"a{DATA['<']}/i{DATA['>']} {DATA['<']}http://x.org{DATA['>']}"
    assert protect('<span style="font-variant:small-caps;">Sc</span>') == f"{OPEN['sc']}Sc{CLOSE['sc']}"
    # nocase spans stay for citeproc-py's own NoCase reading
    assert protect('<span class="nocase">iPod</span>') == '<span class="nocase">iPod</span>'


@pytest.mark.parametrize(
    ("rendered", "expected"),
    [
        pytest.param(
            "<i>My <i>Amazing</i> Title</i>",
            '<i>My <span style="font-style:normal;">Amazing</span> Title</i>',
            id="italic-in-italic",
        ),
        pytest.param("<b>A <b>B</b></b>", '<b>A <span style="font-weight:normal;">B</span></b>', id="bold-in-bold"),
        pytest.param(
            '<span style="font-variant:small-caps;">A <span style="font-variant:small-caps;">B</span></span>',
            '<span style="font-variant:small-caps;">A <span style="font-variant:normal;">B</span></span>',
            id="small-caps-in-small-caps",
        ),
        pytest.param(
            "<i>a <i>b <i>c</i></i></i>", '<i>a <span style="font-style:normal;">b <i>c</i></span></i>', id="three-deep"
        ),
        pytest.param(
            f"<i>Lessard {OPEN['nodecor']}v.{CLOSE['nodecor']} Schmidt</i>",
            '<i>Lessard <span style="font-style:normal;">v.</span> Schmidt</i>',
            id="nodecor",
        ),
        pytest.param(f"x {OPEN['nodecor']}v.{CLOSE['nodecor']} y", "x v. y", id="nodecor-without-decoration"),
        pytest.param("One</i> &amp; <two>", "One&#60;/i&#62; &#38; &#60;two&#62;", id="stray-tags-escaped"),
        pytest.param(
            "(<sc>See</sc> Smith)", '(<span style="font-variant:small-caps;">See</span> Smith)', id="sc-in-affix"
        ),
    ],
)
def test_finish_writes_the_tree(rendered, expected):
    assert finish(rendered) == expected


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        (".", ".", "."),
        ("?", ".", "?"),
        (":", ".", ":"),
        (",", ".", ",."),
        (";", ":", ";"),
        (".", ":", ".:"),
        (":", "!", "!"),
        ("?", ",", "?,"),
        ("!", "?", "!?"),
    ],
)
def test_punctuation_marks_that_meet(left, right, expected):
    assert merge(left, right) == expected


def test_punctuation_merges_across_markup():
    assert finish("<i>et al.</i>. 2000") == "<i>et al.</i> 2000"
    assert finish("<b>Doe Co.</b>. 1965") == "<b>Doe Co.</b> 1965"


@pytest.mark.parametrize(
    ("rendered", "inside", "expected"),
    [
        ("\u201cTitle\u201d. Next", True, "\u201cTitle.\u201d Next"),
        ("\u201cWhen?\u201d, p. 3", True, "\u201cWhen?,\u201d p. 3"),
        ("\u201cetc.\u201d. Next", True, "\u201cetc.\u201d Next"),
        ("\u201cA \u2018B\u2019\u201d. Next", True, "\u201cA \u2018B.\u2019\u201d Next"),
        ("\u2018God willing\u2019. More", True, "\u2018God willing\u2019. More"),  # no outer quotation ends
        ("\u201cTitle\u201d. Next", False, "\u201cTitle\u201d. Next"),
    ],
)
def test_punctuation_in_quote(rendered, inside, expected):
    assert finish(rendered, "\u201d\u2019", inside, "\u201d") == expected


STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><id>x</id><title>x</title><updated>2009-08-10T04:49:00+09:00</updated></info>
  <citation><layout>
    <group>
      <text variable="title" font-style="italic" suffix=". "/>
      <text variable="container-title" quotes="true" suffix="."/>
      <text variable="publisher" prefix=": "/>
    </group>
  </layout></citation>
</style>"""


def _cite(item: dict[str, object], rich: bool) -> str:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    style = csl.parse_style(STYLE.encode(), None)
    with csl.session(style.root, csl.RenderState(rich=rich, parts=False)):
        bib = CitationStylesBibliography(style, CiteProcJSON([item]), formatter.html)
        citation = Citation([CitationItem("a")])
        bib.register(citation)
        return str(bib.cite(citation, lambda cite: None))


def test_a_rich_session_renders_field_markup_as_a_csl_processor():
    item = {
        "id": "a",
        "type": "book",
        "title": "A <i>Study</i> & more?",
        "container-title": "Annals",
        "publisher": "Pub",
    }
    assert _cite(item, rich=True) == (
        '<i>A <span style="font-style:normal;">Study</span> &#38; more?</i> \u201cAnnals.\u201d: Pub'
    )  # italics flipped, "&" escaped, "?." and ".:" merged, the period moved into the quotation


def test_a_plain_citeproc_render_is_untouched():
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    _cite({"id": "a", "type": "book", "title": "T?"}, rich=True)  # the wrappers are installed
    style = CitationStylesStyle(io.BytesIO(STYLE.encode()), validate=False)
    item = {"id": "a", "type": "book", "title": "A <i>Study</i>?", "publisher": "Pub"}
    bib = CitationStylesBibliography(style, CiteProcJSON([item]), formatter.html)
    citation = Citation([CitationItem("a")])
    bib.register(citation)
    assert str(bib.cite(citation, lambda cite: None)) == "<i>A <i>Study</i>?</i>. : Pub"
