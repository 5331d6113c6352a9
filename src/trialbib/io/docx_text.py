"""Reading a Word manuscript's text and its citation markers (``[@key]``, ``{@key}``) with python-docx.

Here in ``io`` so that every command reads a .docx the same way: ``check`` and ``crosscheck``
(:mod:`trialbib.io.manuscript`), the list order and :mod:`trialbib.manuscript.docx`, which
formats the file in place.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from trialbib.errors import InputError, Location
from trialbib.io.citations import ScannedManuscript, scan_markdown


def open_docx(path: str | os.PathLike[str]) -> Any:
    import io

    import docx

    from trialbib.io.files import read_bytes

    data = read_bytes(path, "Word file")  # bounded, regular files only: a FIFO named .docx cannot hang us
    _refuse_zip_bomb(data, str(path))
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds on a file that is not .docx
        raise InputError(
            f"is not a readable .docx ({exc})", Location(str(path)), "save it from Word as .docx"
        ) from None


MAX_UNZIPPED = 256 * 1024 * 1024
"""The most a .docx may unpack to (python-docx holds every part in memory; a real one is tens of MB)."""
MAX_XML_PART = 64 * 1024 * 1024
"""The largest XML part read (lxml builds a tree many times its size; a 500-page thesis is ~20 MB)."""


def _refuse_zip_bomb(data: bytes, name: str) -> None:
    """A .docx whose parts unpack to more than the caps is refused before python-docx unpacks it.

    The sizes are the zip's declared ones; zipfile stops reading a part at its declared size, so
    a part cannot unpack to more than it declares.
    """
    import io
    import zipfile

    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise InputError(f"is not a readable .docx ({exc})", Location(name), "save it from Word as .docx") from None
    total = sum(m.file_size for m in members)
    big = next((m for m in members if m.filename.endswith((".xml", ".rels")) and m.file_size > MAX_XML_PART), None)
    if total > MAX_UNZIPPED or big is not None:
        size = big.file_size if big else total
        what = f"its part {big.filename} unpacks to {size:,} bytes" if big else f"it unpacks to {size:,} bytes"
        raise InputError(
            f"is not a readable .docx ({what}; at most {MAX_XML_PART if big else MAX_UNZIPPED:,})",
            Location(name),
            "save it from Word as .docx",
        )


def paragraphs(container: Any) -> Iterator[Any]:
    """Paragraphs in reading order: body text and tables as they come, cells row by row.

    A merged cell is one cell that python-docx lists once per grid column it spans: read once.
    """
    from docx.table import Table

    seen: set[Any] = set()  # the cells' XML elements, kept alive so that each keeps its identity
    for block in container.iter_inner_content():
        if not isinstance(block, Table):
            yield block
            continue
        for row in block.rows:
            for cell in row.cells:
                if cell._tc not in seen:
                    seen.add(cell._tc)
                    yield from paragraphs(cell)


def runs(paragraph: Any) -> list[Any]:
    """The paragraph's runs as Word shows the text: also those in hyperlinks, tracked insertions
    (``w:ins``), smart tags and content controls; not deleted text, nor a text box's paragraphs.

    python-docx's ``paragraph.runs`` lists only the paragraph's direct runs, so a marker typed
    with track changes on (``[@Ens:`` + an inserted ``2014gv]``) was not seen.
    """
    from docx.text.run import Run

    xpath = "./descendant::w:r[not(ancestor::w:del) and not(ancestor::w:txbxContent)]"
    return [Run(r, paragraph) for r in paragraph._p.xpath(xpath)]


def run_text(paragraph: Any) -> str:
    return "".join(run.text for run in runs(paragraph))


def scan_docx(path: str | os.PathLike[str]) -> ScannedManuscript:
    """The markers of a Word file, one line per paragraph (line numbers are paragraph numbers)."""
    document = open_docx(path)
    text = "\n".join(run_text(p) for p in paragraphs(document))
    scanned = scan_markdown(text, str(path), braces=True)
    scanned.syntax = "docx"
    return scanned
