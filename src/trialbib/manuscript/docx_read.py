"""Reading a Word manuscript's citation markers (``[@key]``, ``{@key}``) with python-docx.

Apart from :mod:`trialbib.manuscript.docx` (which formats the file), so that reading a
manuscript, which the list order needs, does not import the formatting, which needs the order.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from trialbib.errors import InputError, Location
from trialbib.manuscript.scan import ScannedManuscript, scan_markdown


def open_docx(path: str | os.PathLike[str]) -> Any:
    import docx

    try:
        return docx.Document(str(path))
    except FileNotFoundError:
        raise InputError("no such Word file", Location(str(path)), "check the path") from None
    except Exception as exc:  # python-docx raises several kinds on a file that is not .docx
        raise InputError(
            f"is not a readable .docx ({exc})", Location(str(path)), "save it from Word as .docx"
        ) from None


def paragraphs(document: Any) -> Iterator[Any]:
    """Body paragraphs, then those of table cells, in reading order of each."""
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def run_text(paragraph: Any) -> str:
    return "".join(run.text for run in paragraph.runs)


def scan_docx(path: str | os.PathLike[str]) -> ScannedManuscript:
    """The markers of a Word file, one line per paragraph (line numbers are paragraph numbers)."""
    document = open_docx(path)
    text = "\n".join(run_text(p) for p in paragraphs(document))
    scanned = scan_markdown(text, str(path), braces=True)
    scanned.syntax = "docx"
    return scanned
