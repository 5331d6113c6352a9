"""Private-use characters trialbib passes through citeproc-py, defined once.

Parts of an entry (author, title, ...) are wrapped in these markers while rendering to HTML, and
:mod:`trialbib.render.formats` reads them back as ``<span class="csl-title">``. Only renders
inside a trialbib session ever produce them.
"""

from __future__ import annotations

PARTS = ("author", "editor", "title", "container-title", "DOI", "URL")
PART_OPEN = {part: chr(0xE020 + i) for i, part in enumerate(PARTS)}
PART_CLOSE = "\ue02f"
PART_RANGE = ("\ue020", "\ue02f")  # every part marker lies in this range


def is_marker(char: str) -> bool:
    """True for a part marker (skipped when a first letter is capitalized)."""
    return PART_RANGE[0] <= char <= PART_RANGE[1]


TRUNCATED = "_trialbib_truncated"  # item field: the author list was truncated in the source
KEY = "_trialbib_key"  # item field: the citation key (disambiguation orders alike cites by it, as citeproc-js)
