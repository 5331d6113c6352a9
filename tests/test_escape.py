"""Escaping at the edge: each format's function, by example and as a property over any text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trialbib.escape import (
    csv_cell,
    csv_uncell,
    document,
    html_text,
    json_text,
    latex,
    latex_key,
    line,
    markdown,
    no_commands,
    terminal,
)

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
HOSTILE = st.text(
    alphabet=st.sampled_from(list("ab{}\\%#$&_^~<>|[]()!:*`=+-@'\"\t\r\n\x1b\x07\u202e\u2066\u2028\x85 ")), max_size=40
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("file\n::error::x", "file\\n::error::x", id="line-feed"),
        pytest.param("a\rb", "a\\rb", id="carriage-return"),
        pytest.param("::error file=a::x", "\\x3a:error file=a::x", id="workflow-command"),
        pytest.param("  ::warning::x", "  \\x3a:warning::x", id="indented-command"),
        pytest.param("see ##[error]x", "see #\\x23[error]x", id="old-command-form"),
        pytest.param("\x1b[31mred\x07", "\\x1b[31mred\\x07", id="esc-bel"),
        pytest.param("abc\u202efdp", "abc\\u202efdp", id="bidi-override"),
        pytest.param("tab\tkept", "tab\tkept", id="tab"),
    ],
)
def test_line(text, expected):
    assert line(text) == expected


def test_terminal_keeps_line_feeds_and_shows_the_rest():
    assert terminal("a\nb\x1b\u2069") == "a\nb\\x1b\\u2069"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("</b>}", r"\textless{}/b\textgreater{}\}", id="close-tag-and-brace"),
        pytest.param("\\input{x}", r"\textbackslash{}input\{x\}", id="command"),
        pytest.param("50% & $5 #1 a_b", r"50\% \& \$5 \#1 a\_b", id="specials"),
        pytest.param("^ ~ |", r"\textasciicircum{} \textasciitilde{} \textbar{}", id="text-commands"),
        pytest.param("two\nlines", "two lines", id="newline"),
    ],
)  # fmt: skip
def test_latex(text, expected):
    assert latex(text) == expected


def test_latex_key():
    assert latex_key("k\\input/etc/passwd\\relax") == "k-x5c-input/etc/passwd-x5c-relax"
    assert latex_key("he2016lowdose") == "he2016lowdose"
    assert latex_key("a,b}{%") == "a-x2c-b-x7d--x7b--x25-"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("<script>", "\\<script\\>", id="html"),
        pytest.param("[a](javascript:x)", "[a\\](javascript:x)", id="link"),
        pytest.param("![i](x)", "\\![i\\](x)", id="image"),
        pytest.param("a|b", "a\\|b", id="pipe"),
        pytest.param("a\r\nb", "a b", id="newline"),
        pytest.param("&#x202e;", "\\&\\#x202e;", id="entity"),
        pytest.param("- item", "\\- item", id="list-marker"),
        pytest.param("1. item", "1\\. item", id="ordered-list"),
        pytest.param("He (2016) [1,2]", "He (2016) [1,2]", id="citation-stays-readable"),
    ],
)
def test_markdown(text, expected):
    assert markdown(text) == expected


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        pytest.param('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")', id="equals"),
        pytest.param("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0", id="plus"),
        pytest.param("-2+3", "'-2+3", id="minus"),
        pytest.param("@SUM(1)", "'@SUM(1)", id="at"),
        pytest.param("\t=1", "'\t=1", id="tab"),
        pytest.param("\r=1", "'\r=1", id="carriage-return"),
        pytest.param("'=1", "''=1", id="quoted-formula"),
        pytest.param("O'Brien", "O'Brien", id="plain"),
        pytest.param("'s-Hertogenbosch", "'s-Hertogenbosch", id="leading-quote"),
    ],
)
def test_csv_cell_neutralises_formulas_and_reads_back(cell, written):
    assert csv_cell(cell) == written
    assert csv_uncell(written) == cell


def test_json_text_escapes_bidi():
    assert json_text('"a\u202eb"') == '"a\\u202eb"'


@settings(max_examples=200, deadline=None, derandomize=True)
@given(HOSTILE)
def test_no_text_escapes_its_format(text):
    one = line(text)
    assert "\n" not in one
    assert "\r" not in one
    assert not RAW.search(one)
    assert not one.lstrip().startswith("::")
    assert "##[" not in one
    tex = latex(text)
    unescaped = re.sub(r"\\[{}]", "", tex.replace("\\textbackslash{}", "").replace("{}", ""))
    assert "{" not in unescaped
    assert "}" not in unescaped
    assert not RAW.search(tex)
    md = markdown(text)
    assert not re.search(r"(?<!\\)[<>|]", md.replace("\\\\", ""))
    assert "\n" not in md
    assert not RAW.search(md)
    assert csv_uncell(csv_cell(text)) == text
    assert not csv_cell(text).startswith(("=", "+", "-", "@", "\t", "\r"))


@settings(max_examples=200, deadline=None, derandomize=True)
@given(HOSTILE)
def test_no_output_line_starts_a_workflow_command(text):
    for out in (no_commands(text), latex(text), markdown(text), html_text(text), terminal(no_commands(text))):
        for one in out.split("\n"):
            assert not one.lstrip().startswith("::")
            assert "##[" not in one


def test_no_commands_keeps_other_text():
    assert no_commands("a::b\n  ::error::x\nsee ##[group]") == "a::b\n  \\x3a:error::x\nsee #\\x23[group]"
    assert json_text('"##[x]"') == '"#\\u0023[x]"'


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("html", "&#58;:error::x\n::: {#refs}\n  &#58;:w #&#35;[g] \\x1b\na::b"),
        ("latex", ":{}:error::x\n::: {#refs}\n  :{}:w ##[g] \\textbackslash{}x1b\na::b"),
        ("markdown", "\\::error::x\n::: {#refs}\n  \\::w #\\#[g] \\x1b\na::b"),
        ("plain", "\\x3a:error::x\n\\x3a:: {#refs}\n  \\x3a:w #\\x23[g] \\x1b\na::b"),
    ],
    ids=["html", "latex", "markdown", "plain"],
)
def test_document_has_no_command_line_and_no_control(fmt, expected):
    """A whole pandoc output, whose lines pandoc wrapped anywhere; a Markdown div fence (:::) is kept."""
    assert document("::error::x\n::: {#refs}\n  ::w ##[g] \x1b\na::b", fmt) == expected


@pytest.mark.parametrize("value", ["::error file=x::forged", "##[group]x", "a ::warning:: b"])
def test_the_pandoc_filter_writes_no_workflow_command_pandoc_could_rewrap(value):
    """The filter's tree goes to the user's pandoc, which may wrap any word to a line start."""
    import panflute as pf

    from trialbib.manuscript.pandoc import _inlines, _no_commands

    doc = pf.Doc(pf.Para(*_inlines([("text", value)])))
    doc.walk(_no_commands)
    words = [pf.stringify(element) for element in doc.content[0].content if isinstance(element, pf.Str)]
    assert words
    assert not any("::" in word or "##[" in word for word in words)
    assert "".join(words).replace("\u2060", "") == value.replace(" ", "")
