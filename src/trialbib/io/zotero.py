"""Zotero's ``Extra`` conventions: ``Key: value`` lines in a CSL ``note`` (RIS ``N1``).

Zotero keeps a CSL-JSON item's ``note`` in its Extra field, and it and Better BibTeX read lines
``Citation Key: ...``, ``PMID: ...`` and ``csl-variable: value`` there. What Zotero has no field
for travels in those lines, so that a trip through Zotero loses nothing:

    Citation Key: he2019efficacy
    PMID: 31537547
    status: advance online publication
    tex.eprintclass: q-bio            (a custom BibTeX field, as Better BibTeX writes it)
    trialbib-author-truncated: true   (a custom value that is not text, as JSON)
    trialbib-trial: table1 row 1: SLE (a trial record that cites the entry; information only)

Reading takes the lines it knows out of the note and leaves the user's own text as it was.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

from trialbib.model import Item

# CSL variables Zotero has no field for, carried as Extra lines (Zotero and BBT read them).
EXTRA_VARIABLES = ("PMID", "PMCID", "status", "original-date")
_CANONICAL = {name.lower(): name for name in EXTRA_VARIABLES}
CITATION_KEY = "Citation Key"
TRIAL = "trialbib-trial"
_LINE = re.compile(r"^([A-Za-z][\w.-]*(?: [A-Za-z]+)?):\s*(.*?)\s*$")


@lru_cache(maxsize=1)
def csl_schema() -> dict[str, Any]:
    """The CSL data schema (MIT, citation-style-language/schema) shipped with trialbib, parsed once."""
    from importlib import resources  # here: ~4 ms to import (tempfile, shutil), and exports do not need it

    return dict(json.loads(resources.files("trialbib").joinpath("data/csl-data.schema.json").read_text("utf-8")))


@lru_cache(maxsize=1)
def csl_variables() -> frozenset[str]:
    """Every CSL variable name (from the CSL data schema): what a ``name: value`` line may set."""
    names = set(csl_schema()["items"]["properties"]) - {"id", "type", "citation-key", "custom", "note"}
    return frozenset(names)


@lru_cache(maxsize=1)
def csl_types() -> frozenset[str]:
    """Every CSL item type (from the CSL data schema)."""
    return frozenset(csl_schema()["items"]["properties"]["type"]["enum"])


@lru_cache(maxsize=1)
def name_variables() -> frozenset[str]:
    """The CSL name variables: a ``name: Family || Given`` line adds one name to them."""
    props = csl_schema()["items"]["properties"]
    return frozenset(
        name
        for name, spec in props.items()
        if spec.get("type") == "array" and "items" in spec and spec["items"].get("$ref", "").endswith("name-variable")
    )


def parse_name(value: str) -> dict[str, str]:
    """``Family || Given`` (citeproc-js's convention) as a CSL name; without ``||`` a literal."""
    if "||" in value:
        family, given = (part.strip() for part in value.split("||", 1))
        return {"family": family, "given": given} if given else {"family": family}
    return {"literal": value.strip()}


def is_date_variable(name: str) -> bool:
    """Whether the CSL variable ``name`` holds a date."""
    return name.endswith("date") or name in ("issued", "accessed", "submitted")


def variable_line(name: str, value: Any) -> str:
    """``name: value`` for a CSL variable: dates in ISO form, text as is, the rest as JSON."""
    if is_date_variable(name) and isinstance(value, dict) and "date-parts" in value:
        return f"{name}: {format_date(value)}"
    if isinstance(value, str) and "\n" not in value and not value.startswith(("[", "{", '"')):
        return f"{name}: {value}"
    return f"{name}: {json.dumps(value, ensure_ascii=False)}"


def extra_lines(item: Item, trials: list[str] | None = None) -> list[str]:
    """The Extra lines that carry what Zotero would otherwise drop from ``item``."""
    lines = [f"{CITATION_KEY}: {item['id']}"]
    for name in EXTRA_VARIABLES:
        if item.get(name) is not None:
            lines.append(variable_line(name, item[name]))
    custom = item.get("custom")
    if custom:
        for name, value in custom.items():
            if isinstance(value, str) and "\n" not in value:
                lines.append(f"tex.{name}: {value}")
            else:
                lines.append(f"trialbib-{name}: {json.dumps(value, ensure_ascii=False)}")
    if trials:
        lines.extend(f"{TRIAL}: {link}" for link in trials)
    return lines


def join_note(lines: list[str], note: str | None) -> str:
    """Extra lines first, then the user's own note, as Zotero shows them."""
    return "\n".join([*lines, note] if note else lines)


def parse_note(note: str) -> tuple[dict[str, Any], list[str], str | None]:
    """Split a note into the fields its known lines give, trial links, and the remaining text.

    Returns ``(fields, trials, rest)``: fields holds ``id`` (from ``Citation Key``), CSL
    variables, and ``custom``; ``rest`` is the note without those lines (None when empty).
    """
    fields: dict[str, Any] = {}
    custom: dict[str, Any] = {}
    trials: list[str] = []
    rest: list[str] = []
    for line in note.split("\n"):
        match = _LINE.match(line)
        if not match:
            rest.append(line)
            continue
        key, value = match.groups()
        lowered = key.lower()
        if lowered == CITATION_KEY.lower() and value:
            fields.setdefault("id", value)
        elif lowered == "type" and value in csl_types():
            fields["type"] = value  # Zotero's way to give a type it lacks (map, dataset, ...)
        elif key in name_variables() and value:
            fields.setdefault(key, []).append(parse_name(value))
        elif (lowered in _CANONICAL or key in csl_variables()) and value:
            name = _CANONICAL.get(lowered, key)
            fields[name] = _value(name, value)
        elif lowered.startswith("tex.") and len(key) > 4:
            custom[key[4:].lower()] = value
        elif lowered == TRIAL:
            trials.append(value)
        elif lowered.startswith("trialbib-"):
            try:
                custom[key[9:]] = json.loads(value)
            except (ValueError, RecursionError):  # kept as text, even [[[[...]]]]
                custom[key[9:]] = value
        else:
            rest.append(line)
    if custom:
        fields["custom"] = custom
    text = "\n".join(rest).strip("\n")
    return fields, trials, text or None


def _value(name: str, text: str) -> Any:
    """The value of a ``name: value`` line, the inverse of :func:`variable_line`."""
    if is_date_variable(name) and not text.startswith("{"):
        return parse_date(text)
    if text.startswith(("[", "{", '"')):
        try:
            return json.loads(text)
        except (ValueError, RecursionError):
            return text
    return text


def format_date(value: dict[str, Any]) -> str:
    """``{"date-parts": [[2019, 9, 19]]}`` -> ``2019-09-19`` (a range joined by ``/``)."""
    if "date-parts" not in value:
        return str(value.get("literal") or value.get("raw") or "")
    return "/".join(
        "" if n and list(parts) == [0] else "-".join(f"{int(p):02d}" if i else str(int(p)) for i, p in enumerate(parts))
        for n, parts in enumerate(value["date-parts"])
    )  # an open end ``[0]`` is EDTF's ``2019/``


DATE_VARIABLES = ("issued", "accessed", "original-date", "event-date", "submitted", "available-date")


def date_error(value: Any, seasons: bool = False) -> str | None:
    """Why a CSL date cannot be kept in a .bib file (None when it can).

    Date parts must be whole numbers: a year (negative before the common era), a month 1-12 (or,
    with ``seasons``, a CSL season 13-16, 21-24) and a day 1-31; a ``literal`` or ``raw`` date is
    kept as text.
    """
    if not isinstance(value, dict) or "date-parts" not in value:
        return None if isinstance(value, dict) else "is not a CSL date"
    ranges = value["date-parts"]
    if not isinstance(ranges, list) or not ranges or len(ranges) > 2:
        return "has no date parts" if not ranges else "is not one date or a range of two"
    for n, parts in enumerate(ranges):
        if n and parts == [0]:
            continue  # an open end
        if not isinstance(parts, list) or not 1 <= len(parts) <= 3:
            return "has date parts that are not [year, month, day]"
        if not all(isinstance(p, int) and not isinstance(p, bool) for p in parts):
            return "has date parts that are not whole numbers"
        if not -9999 <= parts[0] <= 9999 or parts[0] == 0:
            return f"has the year {parts[0]}, not a year"
        if len(parts) > 1 and not (1 <= parts[1] <= 12 or (seasons and (13 <= parts[1] <= 16 or 21 <= parts[1] <= 24))):
            return f"has the month {parts[1]}, not 1-12" + (" (or a CSL season 13-16, 21-24)" if seasons else "")
        if len(parts) > 2 and not 1 <= parts[2] <= 31:
            return f"has the day {parts[2]}, not 1-31"
    return None


def parse_date(text: str) -> dict[str, Any]:
    """The inverse of :func:`format_date`; text that is not a date stays a ``literal``.

    The shared date parser (``io/dates.py``: EDTF, seasons, calendar checks) reads it where it
    exists; this branch's ISO reading is the fallback until that module is merged.
    """
    shared = _shared_parser()
    if shared is not None:
        date, _problem = shared(text)
        return date if date is not None else {"literal": text}
    ranges = []
    for part in text.split("/"):
        pieces = part.strip().split("-")
        if not all(p.isdecimal() for p in pieces) or not 1 <= len(pieces) <= 3:
            return {"literal": text}
        ranges.append([int(p) for p in pieces])
    return {"date-parts": ranges}


@lru_cache(maxsize=1)
def _shared_parser() -> Any:
    try:
        from trialbib.io.dates import parse_date as shared  # type: ignore[import-not-found, unused-ignore]
    except ImportError:  # the module arrives with the BibTeX reader's branch
        return None
    return shared
