"""Escaping at the edge: data made inert for the format it is written in, one function per format.

Field values, keys, file names and trial records come from files we do not control (a pull
request's .bib). Every writer passes them through one of these functions, at the last moment,
so that no value can end a line, start a GitHub workflow command, open a LaTeX group, make a
Markdown link or HTML tag, run a spreadsheet formula, or send control sequences to a terminal.
HTML escaping is :func:`html.escape`; JSON escapes itself (see :func:`json_text`).
"""

from __future__ import annotations

import re

# C0 and C1 controls except TAB and LF, DEL, the invisible characters that reorder or break text
# (bidi embeddings, overrides and isolates, marks, line and paragraph separators), lone surrogates
# and non-characters (python-docx's lxml refuses U+FFFF; UTF-8 cannot encode U+D800).
_INVISIBLE = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff"
    "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"  # and what XML and UTF-8 cannot hold: surrogates, non-characters
)
_CONTROL = re.compile(f"[{_INVISIBLE}]")
_CONTROL_OR_NEWLINE = re.compile(f"[{_INVISIBLE}\\n]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\x1b": "\\x1b", "\x07": "\\x07"}


def _visible(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal(text: str) -> str:
    """``text`` with control, bidi and other invisible characters shown as escapes (``\\x1b``).

    Line feeds are kept: this is for multi-line output whose lines the writer made.
    """
    return _CONTROL.sub(_visible, text)


def line(text: str) -> str:
    """One line for stderr, a report or a CI log: no control character, no line break, and no
    GitHub workflow command (``::error ...`` at the start, ``##[...`` anywhere)."""
    return _no_command(_CONTROL_OR_NEWLINE.sub(_visible, text))


def no_commands(text: str) -> str:
    """Multi-line output with no line that GitHub Actions would run as a workflow command: a
    line starting ``::`` gets ``\\x3a:`` and ``##[`` becomes ``#\\x23[`` (other text is kept)."""
    if "::" not in text and "##[" not in text:
        return text
    return "\n".join(_no_command(part) for part in text.split("\n"))


def unwrappable(text: str) -> str:
    """Text that a later writer may wrap anywhere (pandoc, from the filter's document tree) and
    that must still start no workflow command: ``::`` and ``##[`` get an invisible U+2060 WORD
    JOINER inside, the only form every output format keeps."""
    return text.replace("::", ":\u2060:").replace("##[", "#\u2060#[")


_LINE_COMMAND = re.compile(r"^([ \t]*):(?=:(?!:))", re.MULTILINE)  # a ':::' div fence names no command
_COLON = {"html": "&#58;", "latex": ":{}", "markdown": "\\:"}
_HASHES = {"html": "#&#35;[", "markdown": "#\\#["}


def document(text: str, fmt: str) -> str:
    """A whole document in ``fmt`` (``html``, ``latex``, ``markdown``; else plain text) whose
    lines pandoc or a manuscript may have wrapped anywhere: controls shown as escapes (in LaTeX
    as ``\\textbackslash{}x1b``), and no line starting a workflow command, written the lossless
    way of the format (``&#58;:``, ``:{}:``, ``\\::``). LaTeX keeps ``##`` (macro parameters; a
    field's ``#`` is always escaped there)."""
    if fmt not in _COLON:
        return no_commands(terminal(text))
    latex = fmt == "latex"
    text = _CONTROL.sub(lambda m: r"\textbackslash{}" + _visible(m)[1:], text) if latex else terminal(text)
    text = _LINE_COMMAND.sub(lambda m: m.group(1) + _COLON[fmt], text)
    return text.replace("##[", _HASHES[fmt]) if fmt in _HASHES else text


def _no_command(text: str) -> str:
    text = text.replace("##[", "#\\x23[")
    stripped = text.lstrip()
    if stripped.startswith("::"):
        text = text[: len(text) - len(stripped)] + "\\x3a" + stripped[1:]
    return text


# -- LaTeX ---------------------------------------------------------------------------------------

TEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    "\n": " ",
    "\r": " ",
    "\t": " ",
}
_TEX_RE = re.compile(r"[\\{}&%$#_~^<>|\n\r\t]")


def latex(text: str) -> str:
    """Text for LaTeX: every special escaped, so braces always balance; controls made visible;
    ``::`` as ``:{}:``, so that no line of a table starts a CI workflow command."""
    return _TEX_RE.sub(lambda m: TEX_SPECIALS[m.group(0)], terminal(text)).replace("::", ":{}:")


_KEY_SAFE = re.compile(r"[^\w\-:./+@!?'=*;()&]", re.ASCII)


def latex_key(key: str) -> str:
    """A citation key for ``\\bibitem{...}`` and ``\\cite{...}``: characters LaTeX would execute
    or that end the key (``\\ { } % # , ~`` spaces, controls, non-ASCII) as ``-xHH-``."""
    return _KEY_SAFE.sub(lambda m: f"-x{ord(m.group(0)):x}-", key)


# -- Markdown ------------------------------------------------------------------------------------

_MD_RE = re.compile(r"([\\`*_<>#|&~$]|!(?=\[)|\[(?=\^)|\](?=[(\[:]))")
_MD_ALL = re.compile(r"([\\`*_<>#|&~$!\[\]])")
_MD_BREAKS = re.compile(r"\s*[\n\r\u2028\u2029\x85\x0b\x0c]+\s*")
_MD_LINE_START = re.compile(r"^(\s*(?:\d{1,9}(?=[.)])|))([-+.)])(?=\s|$)")


def markdown(text: str, line_start: bool = True, brackets: bool = False) -> str:
    """Text for a Markdown paragraph, list item or table cell: no HTML, link, emphasis, pipe,
    entity or line break survives (CommonMark backslash escapes; breaks become spaces). A
    bracket is escaped where it could make a link (``](``, ``][``, ``]:``, ``![``, ``[^``), so
    ``[1,2]`` stays readable (``brackets``: every bracket). With ``line_start``, a list marker at
    the start is escaped too."""
    text = terminal(_MD_BREAKS.sub(" ", text))
    text = (_MD_ALL if brackets else _MD_RE).sub(r"\\\1", text).replace("::", "\\::")
    return markdown_line_start(text) if line_start else text


def markdown_line_start(text: str) -> str:
    """``- x``, ``+ x``, ``1. x`` at the start of a Markdown line escaped."""
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


# -- HTML ----------------------------------------------------------------------------------------


def html_text(text: str, quote: bool = False) -> str:
    """Text for HTML: :func:`html.escape`, controls shown as escapes, and the second character of
    ``##[`` and ``::`` as a character reference (the same text in a browser, no workflow
    command in a CI log)."""
    import html

    return html.escape(terminal(text), quote=quote).replace("##[", "#&#35;[").replace("::", ":&#58;")


# -- CSV -----------------------------------------------------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""Cell starts that spreadsheets read as a formula (OWASP, "CSV Injection")."""


def csv_cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text: one starting ``= + - @`` TAB or CR (or a quote
    before those) gets a leading ``'``, as OWASP advises; :func:`csv_uncell` reverses it. A
    cell starting ``::`` (a workflow command when the CSV is printed in CI) gets one too."""
    if _needs_quote(value.lstrip("'")):
        return "'" + value
    return value


def csv_uncell(value: str) -> str:
    """The value :func:`csv_cell` was given: one leading ``'`` before a formula start removed."""
    if value.startswith("'") and _needs_quote(value[1:].lstrip("'")):
        return value[1:]
    return value


def _needs_quote(value: str) -> bool:
    return value.startswith(FORMULA_START) or value.lstrip().startswith("::")


# -- JSON ----------------------------------------------------------------------------------------

_JSON_INVISIBLE = re.compile("[\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\x7f-\x9f]")


def json_text(text: str) -> str:
    """JSON from ``json.dumps(..., ensure_ascii=False)`` with bidi and C1 characters, and the
    ``#`` of a ``##[`` workflow command, written as ``\\uXXXX`` (the same data; json.dumps
    already escapes C0 controls, and no JSON line can start with ``::``)."""
    return _JSON_INVISIBLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text).replace("##[", "#\\u0023[")
