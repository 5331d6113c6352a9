"""The small parser (_lite_nodes) gives exactly the walker's rich text, plain text and unknown macros."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trialbib.io import latex
from trialbib.io.latex import _lite_nodes, _RichWriter


def _clear() -> None:
    for cached in (latex.latex_to_rich, latex.latex_to_text):
        cached.cache_clear()


def _outcome(run: Any) -> Any:
    try:
        return run()
    except Exception as exc:  # the walker's exceptions are caught by latex_to_rich: both must raise alike
        return type(exc)


def _decoded(value: str) -> tuple[Any, Any, Any]:
    _clear()
    rich = _outcome(lambda: latex.latex_to_rich(value))
    return rich, latex.latex_to_text(value), latex.latex_to_text(value, dashes=False)


@pytest.fixture
def walker_only() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(latex, "_lite_nodes", _no_lite)
        yield
    _clear()


def _both(value: str) -> tuple[Any, Any]:
    """(lite writer, walker) on one value, and the public functions with and without the lite writer."""
    lite = _lite(value)
    walker = _outcome(lambda: _RichWriter(value).run(lite=False))
    return lite, walker


# Real values (from the benchmark corpus and /work/corpus) that used to need the walker.
REAL = [
    r"Regression analysis, 2nd edition\textendash ordinary least squares",
    r"Proceedings of GECCO 2005 \ldots{} and more",
    r"A study \ldots the rest",
    r"Shiny: Web Application Framework for \proglang{R}",
    r"The \rpackage{irace} package: Iterated racing for automatic algorithm configuration",
    r"Evolutionary design\textemdash a review",
    r"CO\textsubscript{2} emissions of H\textsubscript{2}O",
    r"C:\Users\me\Documents\file.pdf",
    r"https://github.com/a/b/blob/master/R\_package\_x.pdf",
    r"\textasciitilde 10 years",
    r"\textquestiondown Qu\'e? \textexclamdown Ol\'e!",
    r"\textbf{Bold} and \textsc{Small Caps} with \emph{emphasis}",
    r"Copyright \textcopyright{} 2020 Foo\textregistered",
    r"multi\-objective and/or\slash either",
    r"as shown in~\cite{Smith2020,Doe2019}",
    r"\softwarepackage{ParadisEO} and \MaxMinAntSystem",
    r"Weighted {A${}^*$} search -- unifying view",
    r"{ELECTRE}$^\mathrm{{GKMS}}$: Robust ordinal regression and $\mathbb{R}^d$",
    r"New-2005\textsubscript{E}lectronic{$_9$}78-1-4244-9346-3",
    r"M{\"u}ller, Jos{\'e} and Garc{\'\i}a \c{C}elik",
    r"{\em Drosophila} {\it in vivo} and {DNA} protected",
    r"5\,mm and 10\:cm, \textit{in silico}",
    "line one \\ldots next\n\nparagraph two",
]


@pytest.mark.parametrize("value", REAL)
def test_real_values_are_read_without_the_walker_and_alike(value: str) -> None:
    lite, walker = _both(value)
    assert lite is not None
    assert lite == walker


@pytest.mark.parametrize("value", REAL)
def test_public_functions_unchanged_by_the_lite_writer(value: str, walker_only: None) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(latex, "_lite_nodes", _LITE_NODES)
        fast = _decoded(value)
    assert fast == _decoded(value)


_LITE_NODES = _lite_nodes


def _no_lite(*args: Any, **kwargs: Any) -> None:
    return None


def _lite(value: str) -> Any:
    """The small parser's outcome on ``value``, or None when it leaves the value to the walker."""
    writer = _RichWriter(value)
    return _outcome(writer.run) if _lite_nodes(writer.value, 0) is not None else None


@pytest.mark.parametrize(
    "value",
    [
        r"$$x^2$$ and \ldots",  # display math
        r"$a {$b$} c$",  # a dollar inside math
        r"\begin{quote}x\end{quote}",  # environments
        r"\cite[p.~5]{key}",  # optional argument given
        r"\frac{1}{2}",  # two arguments
        r"\emph{unclosed",  # unbalanced
        r"closed}",
        r"\ldotsé",  # pylatexenc's macro names are Unicode letters
        "\\ldots\n\nnext",  # a paragraph break in the space after a macro
        r"\(x\)",
        "trailing \\",
        r"\ensuremath{x}",  # its argument is read in math mode
        "{" * 17 + r"x \ldots" + "}" * 17,  # nested deeper than the parser goes
    ],
)
def test_what_the_lite_writer_leaves_to_the_walker(value: str) -> None:
    assert _lite(value) is None


PIECES = [
    "word", "Two words", " ", "  ", "\n", "\n\n", "\u00a0", ".", ",", "(", ")", "[", "]", "*", "'", "''", "`", "``",
    "-", "--", "---", "!`", "?`", "!", "?", "~", "&", "#", "^", "_", "2", "é", "Ω", "%", "{", "}", "{}", "{DNA}",
    "$", "$x$", "$^{+}$", "\\&", "\\_", "\\%", "\\{", "\\}", "\\$", "\\\\",
    "\\ldots", "\\ldots ", "\\ldots{}", "\\textendash", "\\textemdash", "\\textasciitilde", "\\textquestiondown",
    "\\textexclamdown", "\\textcopyright", "\\textregistered", "\\slash", "\\-", "\\:", "\\,", "\\ ", "\\/",
    "\\emph", "\\emph{", "\\textit{", "\\textbf", "\\textsc{", "\\textsubscript{", "\\textsuperscript",
    "\\em", "\\bf ", "\\cite", "\\cite{", "\\cite[", "\\rpackage", "\\rpackage{", "\\proglang ", "\\unknownmacro",
    "\\'", "\\\"", "\\`", "\\c ", "\\c", "\\i", "\\ss", "\\o", "\\'{e}", "\\\"u", "\\begin{quote}", "\\end{quote}",
    "\\end", "\\mathbb{", "\\mathrm", "\\alpha", "\\circ", "{}^*", "$_", "x^", "$$",
    "\\url{", "\\href{", "\\ensuremath{", "\\frac", "\\noopsort{", "\\enquote{", "\\apj", "\\LaTeX",
]  # fmt: skip


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(st.lists(st.sampled_from(PIECES), max_size=20).map("".join))
def test_lite_writer_agrees_with_the_walker_on_generated_latex(value: str) -> None:
    lite, walker = _both(value)
    assert lite is None or lite == walker


@pytest.mark.parametrize("depth", [16, 17, 400])
def test_deep_nesting_decoded_as_before(depth: int, walker_only: None) -> None:
    """Past the parser's depth the walker decides, and where it fails the fallback is as before."""
    value = "\\emph{" * depth + "x \\ldots" + "}" * depth
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(latex, "_lite_nodes", _LITE_NODES)
        fast = _decoded(value)
    assert fast == _decoded(value)
