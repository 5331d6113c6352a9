"""CSL-JSON conventions a CSL processor reads on input, as citeproc-js reads them.

- Zotero's ``journalAbbreviation`` and ``shortTitle`` are the ``container-title-short`` and
  ``title-short`` an item lacks (:data:`trialbib.io.csljson.ZOTERO_NAMES`).
- Variables typed in the ``note`` field (Zotero's "Extra"), one ``variable: value`` per line at
  its start or as ``{:variable: value}``: a variable the item lacks is set (a name as
  ``family || given`` or a literal, a date as ISO ``YYYY-MM-DD`` with ``/`` for a range), and
  ``type:`` sets the item type. Only CSL 1.0.2 variable names count (citeproc-js takes any
  lower-case key), so ordinary notes such as ``See also: ...`` stay notes.
- ``citation-label``, when an item has none, is made as citeproc-js makes it (its default
  "trigraph" ``Aaaa00:AaAa00:AaAA00:AAAA00``): letters of the first names' family names by
  how many there are (``Doe65``, ``RoNo78``, ``DoRS80``, ``DRSN81``) and two digits of the year.
"""

from __future__ import annotations

import re
from typing import Any

from trialbib.io.csljson import ZOTERO_NAMES

_LINE = re.compile(r"^([a-z][-a-z]*):\s*(.*?)\s*$")
_INLINE = re.compile(r"\{:([a-z][-a-z]*):\s*([^}]*?)\s*\}")


def _note_fields(note: str) -> list[tuple[str, str]]:
    """The (variable, value) pairs typed at the start of a note, in order."""
    found = [(m.group(1), m.group(2)) for m in _INLINE.finditer(note)]
    for index, line in enumerate(note.split("\n")):
        match = _LINE.match(line.strip())
        if not line.strip():
            continue
        if match is None:
            if index == 0:
                continue  # a first line of text is skipped, as citeproc-js does
            break
        found.append((match.group(1), match.group(2)))
    return found


_TRIGRAPH = ((4,), (2, 2), (2, 1, 1), (1, 1, 1, 1))  # letters per name, by the number of names
_NAME_ORDER = (
    "author", "editor", "translator", "recipient", "interviewer", "composer", "original-author",
    "container-author", "collection-editor", "editorial-director", "illustrator", "director",
)  # fmt: skip


def citation_label(item: dict[str, Any]) -> str:
    """The citation label citeproc-js makes for an item without one."""
    label = ""
    for variable in _NAME_ORDER:
        names = item.get(variable)
        if not isinstance(names, list) or not names:
            continue
        widths = _TRIGRAPH[min(len(names), len(_TRIGRAPH)) - 1]
        for name, width in zip(names, widths, strict=False):
            text = str(name.get("family") or name.get("literal") or "") if isinstance(name, dict) else ""
            text = re.sub(r"^(?:the|an?)\s+", "", re.sub(r"^[ '\u2019a-z]+\s+", "", text), flags=re.I)
            text = "".join(c for c in text if c.isalpha())[:width]
            if not text:
                break
            label += text[:1].upper() + text[1:].lower()
        break
    if not label and item.get("title"):
        words = "".join(str(item["title"]).split())[:4]
        label = words[:1].upper() + words[1:].lower()
    issued = item.get("issued")
    parts = issued.get("date-parts") if isinstance(issued, dict) else None
    year = str(parts[0][0]) if parts and parts[0] else "0000"
    return label + year[-2:]


def normalised(item: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``item`` with the conventions above applied."""
    item = dict(item)
    note = item.get("note")
    for old, new in ZOTERO_NAMES.items():
        value = item.pop(old, None)  # not a CSL variable: citeproc-py warns
        if value and not item.get(new):
            item[new] = value
    if isinstance(note, str) and ":" in note:
        _read_note(item, note)
    if not item.get("citation-label"):
        item["citation-label"] = citation_label(item)
    return item


def _read_note(item: dict[str, Any], note: str) -> None:
    from trialbib.io import zotero  # the note's name and date forms, as trialbib's own reader reads them

    variables, name_variables = zotero.csl_variables(), zotero.name_variables()
    names: dict[str, list[dict[str, str]]] = {}
    for key, value in _note_fields(note):
        date = zotero.is_date_variable(key)
        if key == "type" and value:
            item["type"] = value
        elif key not in variables or not value or (item.get(key) and not date):
            continue
        elif key in name_variables:
            names.setdefault(key, []).append(zotero.parse_name(value))
        elif date:
            item[key] = zotero.parse_date(value)
        else:
            item[key] = value
    item.update(names)
