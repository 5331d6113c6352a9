"""The walker that reads runs of plain characters as one token gives pylatexenc's own rich text."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pylatexenc.latexwalker import LatexWalker

from trialbib.io import latex
from trialbib.io.latex import _RichWriter


def _both(value: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    ours = _RichWriter(value).run()
    with monkeypatch.context() as patch:
        patch.setattr(latex, "_walker_class", lambda: LatexWalker)
        theirs = _RichWriter(value).run()
    return ours, theirs


CASES = [
    "Artificial evolution, as in~\\cite{Smith2020}: 50 years (and more).",
    "\\emph x and \\emph xyz, \\textbf ab cd",
    "$x^23$ and $x_ab$, $\\alpha^{+}$ CD4$^+$ T-cells",
    "a \\cite[see p.~5, and more]{key} b",
    "{\\em emphasised words} then plain words",
    "``quoted'' and `single' -- dash --- and !` ?` text",
    "line one\n\nparagraph two with \\unknownmacro {arg} words",
    "\\href{http://x.org/a_b}{the text} and \\url{http://y.org}",
    "\\begin{itemize}\\item one two \\item three\\end{itemize}",
    "\\frac{1}{2} of \\sqrt{x} and \\mathbb{R} words",
    "Müller and Øresund über \\'etude",
    "trailing macro \\LaTeX",
    "\\textsuperscript{st} and H\\textsubscript{2}O, 5\\,mm",
]


@pytest.mark.parametrize("value", CASES)
def test_same_rich_text_as_pylatexenc(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    ours, theirs = _both(value, monkeypatch)
    assert ours == theirs


PIECES = [
    "word", "two words", " ", "  ", "\n", "\n\n", ".", ",", "(", ")", "[", "]", "*", "'", "''", "`", "-", "--",
    "!", "?", "~", "&", "#", "^", "_", "2", "23", "$", "{", "}", "\\emph", "\\emph ", "\\cite", "\\textbf{",
    "\\alpha", "\\foo", "\\\\", "\\&", "\\%", "\\url{", "\\href{", "\\begin{quote}", "\\end{quote}", "\\(", "\\)",
    "é", "Ω", "=", "<", "/", ":", ";", '"', "@", "%",
]  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(st.lists(st.sampled_from(PIECES), max_size=25).map("".join))
def test_same_rich_text_on_generated_latex(value: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        try:
            ours: Any = _RichWriter(value).run()
        except Exception as exc:  # the reader catches these; both walkers must raise alike
            ours = type(exc)
        monkeypatch.setattr(latex, "_walker_class", lambda: LatexWalker)
        try:
            theirs: Any = _RichWriter(value).run()
        except Exception as exc:
            theirs = type(exc)
    assert ours == theirs
