"""Which way a manuscript is formatted, by its kind and the output's: Markdown and LaTeX in
place, Word in place, anything else through pandoc.

Above :mod:`~trialbib.manuscript.document`, :mod:`~trialbib.manuscript.docx` and
:mod:`~trialbib.manuscript.pandoc`, which each import ``document``; dispatching from
``document`` itself made an import cycle.
"""

from __future__ import annotations

import os
from pathlib import Path

from trialbib.errors import UsageError
from trialbib.manuscript.document import OUTPUTS, Formatted, format_text
from trialbib.manuscript.order import read_manuscript
from trialbib.model import Bibliography


def format_manuscript(
    path: str | os.PathLike[str],
    bib: Bibliography,
    output: str | os.PathLike[str],
    style: str,
    *,
    locale: str | None = None,
    heading: str | None = None,
    include_all: bool = False,
) -> Formatted:
    """Format the manuscript at ``path`` into the format ``output``'s extension names (not written).

    ``.md`` from Markdown and ``.tex`` from LaTeX keep the file as it is but for the citations and
    the list; ``.docx`` from ``.docx`` edits the Word file in place; everything else goes through
    pandoc (the ``pandoc`` extra).
    """
    source = Path(path)
    target = Path(output).suffix.lower()
    if target not in OUTPUTS:
        raise UsageError(f"cannot write {Path(output).name}", None, f"name an output ending in {', '.join(OUTPUTS)}")
    kind = source.suffix.lower()
    if kind == ".docx":
        if target != ".docx":
            raise UsageError("a Word manuscript is formatted into a .docx", None, "name an output ending in .docx")
        from trialbib.manuscript.docx import format_docx

        return format_docx(source, bib, style, locale=locale, heading=heading, include_all=include_all)
    manuscript = read_manuscript(source)
    same = (manuscript.syntax == "markdown" and target in (".md", ".markdown")) or (
        manuscript.syntax == "latex" and target == ".tex"
    )
    if same:
        result = format_text(manuscript, bib, style, locale=locale, heading=heading, include_all=include_all)
        if isinstance(result.content, str) and _windows_lines(source):  # read with \n: give back \r\n
            result.content = result.content.replace("\r\n", "\n").replace("\n", "\r\n")
        return result
    from trialbib.manuscript.pandoc import format_with_pandoc

    return format_with_pandoc(manuscript, bib, target, style, locale=locale, heading=heading, include_all=include_all)


def _windows_lines(path: Path) -> bool:
    """True when the file's first line ends in ``\\r\\n`` (Windows), whose endings the output keeps."""
    with open(path, "rb") as handle:
        head = handle.read(1 << 16)
    first, newline, _ = head.partition(b"\n")
    return bool(newline) and first.endswith(b"\r")
