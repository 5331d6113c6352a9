"""CSL-JSON files: the model written out as it is, with Zotero's Extra lines in ``note``.

CSL-JSON is the model's own form, so writing loses nothing; the ``note`` gains the lines Zotero
needs (see :mod:`trialbib.io.zotero`) and reading takes them out again. A Zotero export (ids
that are item URLs, years as strings, keys only in Extra) reads into the same items.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

from trialbib.errors import Location
from trialbib.io import zotero
from trialbib.io.files import read_text
from trialbib.model import Bibliography, Item, Problem

MAX_DEPTH = 100
_LEGACY = {"journalAbbreviation": "container-title-short", "shortTitle": "title-short"}  # Zotero's names
_KEY_LIKE = re.compile(r"^[^\s,{}()\"'#%~\\=/]+$")


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The CSL data schema (MIT, citation-style-language/schema) every export must satisfy."""
    text = resources.files("trialbib").joinpath("data/csl-data.schema.json").read_text("utf-8")
    return dict(json.loads(text))


def to_csljson(items: list[Item], trials: Mapping[str, list[str]] | None = None) -> list[Item]:
    """Items as Zotero should receive them: the Extra lines prepended to each ``note``."""
    out = []
    for item in items:
        data = {k: v for k, v in item.items() if k != "note"}
        data["citation-key"] = item["id"]
        data["note"] = zotero.join_note(zotero.extra_lines(item, (trials or {}).get(item["id"])), item.get("note"))
        out.append(data)
    return out


def write_csljson(items: list[Item], trials: Mapping[str, list[str]] | None = None) -> str:
    """CSL-JSON text (UTF-8, not ASCII-escaped, two-space indent, final newline)."""
    return json.dumps(to_csljson(items, trials), ensure_ascii=False, indent=2) + "\n"


def validation_errors(data: Any) -> list[str]:
    """Where ``data`` breaks the CSL data schema, one line per error (empty when valid)."""
    from jsonschema import Draft7Validator

    return [
        f"{'/'.join(map(str, error.absolute_path)) or 'top level'}: {error.message}"
        for error in Draft7Validator(schema()).iter_errors(data)
    ]


def read_csljson(path: str | os.PathLike[str], trials: dict[str, list[str]] | None = None) -> Bibliography:
    """Read a CSL-JSON file; ``trials`` (if given) collects the trial links found in notes."""
    return parse_csljson(read_text(path, "CSL-JSON file"), str(path), trials)


def parse_csljson(text: str, source: str = "<string>", trials: dict[str, list[str]] | None = None) -> Bibliography:
    """Items from CSL-JSON text; an item the schema refuses is reported with its position."""
    bib = Bibliography(source=source)
    if not text.strip():
        bib.problems.append(
            Problem("SYN001", "is empty; a CSL-JSON file is a list of items: [{...}, ...]", Location(source))
        )
        return bib
    lines, deep = _item_lines(text)
    if deep is not None:
        bib.problems.append(
            Problem(
                "SYN005",
                f"nests lists and objects more than {MAX_DEPTH} deep; "
                "remove the extra [ and { (items need a few levels)",
                Location(source, deep),
            )
        )
        return bib
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        bib.problems.append(
            Problem(
                "SYN001",
                f"is not valid JSON: {exc.msg} at column {exc.colno}; "
                "fix it there or export the file from Zotero again as CSL JSON",
                Location(source, exc.lineno),
            )
        )
        return bib
    if not isinstance(data, list):
        kind = "a JSON object" if isinstance(data, dict) else f"a JSON {type(data).__name__}"
        bib.problems.append(
            Problem(
                "SYN001",
                f"is {kind}, not a list of CSL-JSON items; put the items in a list: [{{...}}, ...]",
                Location(source, 1),
            )
        )
        return bib
    for index, raw in enumerate(data):
        where = Location(source, lines[index] if index < len(lines) else None)
        errors = validation_errors([raw])
        if errors:
            bib.problems.append(Problem("SYN001", f"item {index + 1}: {_explain(raw, errors[0])}", where))
            continue
        item, links = from_csljson(raw)
        bad_date = next(
            ((n, e) for n in zotero.DATE_VARIABLES if n in item and (e := zotero.date_error(item[n]))), None
        )
        if bad_date:
            name, why = bad_date
            shown = _short(json.dumps(item[name], ensure_ascii=False), 60)
            bib.problems.append(
                Problem(
                    "SYN001",
                    f'item {index + 1}: {name} {shown} {why}; write {{"date-parts": [[2019, 9, 19]]}}',
                    Location(source, where.line, key=item["id"] or None),
                )
            )
            continue
        bib.items.append(item)  # an empty id is the importer's to fill by the key rule
        if item["id"]:
            bib.locations.setdefault(item["id"], Location(source, where.line, key=item["id"]))
        if trials is not None and links:
            trials[item["id"] or f"#{index + 1}"] = links
    return bib


_DATES = ("accessed", "available-date", "event-date", "issued", "original-date", "submitted")


def _explain(raw: Any, error: str) -> str:
    """A schema error said the way a person fixes it: the common mistakes by name."""
    if isinstance(raw, dict):
        if "id" not in raw:
            return 'has no "id"; give every item an id (its citation key)'
        for name in _DATES:
            if isinstance(raw.get(name), str | int):
                shown = _short(json.dumps(str(raw[name]), ensure_ascii=False), 60)
                return (
                    f"{name} is {_short(repr(raw[name]), 60)}, not a CSL date; write "
                    f'{{"date-parts": [[2019, 9, 19]]}} (or {{"raw": {shown}}})'
                )
    else:
        return f"is a JSON {type(raw).__name__}, not an object; write each item as {{...}}"
    message = _short(error.removeprefix("0/").removeprefix("0: ").replace("\n", " "), 100)
    return f"{message}; see the CSL-JSON schema"


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def from_csljson(raw: Mapping[str, Any]) -> tuple[Item, list[str]]:
    """One model item from a CSL-JSON item, and the trial links its note names.

    The key is ``citation-key``, else a ``Citation Key:`` line, else ``id`` when it can be a
    BibTeX key; otherwise it is left empty for the importer to generate by the key rule.
    """
    item: Item = {k: v for k, v in raw.items() if k not in ("note", "citation-key", "id", *_LEGACY)}
    for old, new in _LEGACY.items():
        if raw.get(old):
            item.setdefault(new, raw[old])
    fields, links, rest = zotero.parse_note(str(raw["note"])) if raw.get("note") else ({}, [], None)
    custom = {**fields.pop("custom", {}), **(item.get("custom") or {})}
    key = raw.get("citation-key") or fields.pop("id", None)
    fields.pop("id", None)
    raw_id = str(raw.get("id", ""))
    if not key and _KEY_LIKE.match(raw_id):
        key = raw_id
    for name, value in fields.items():
        item.setdefault(name, value)
    if custom:
        item["custom"] = custom
    if rest:
        item["note"] = rest
    for name in zotero.DATE_VARIABLES:
        if name in item:
            item[name] = _int_date(item[name])
    for name in ("volume", "issue", "page", "number", "edition", "PMID"):
        if isinstance(item.get(name), int):
            item[name] = str(item[name])
    return {"id": key or "", **item, "citation-key": key or ""}, links


def _int_date(value: Any) -> Any:
    """Zotero writes years as strings (``[["2019", 9, 19]]``); the model holds numbers."""
    if isinstance(value, dict) and "date-parts" in value:
        parts = [[int(p) if isinstance(p, str) and p.isdecimal() else p for p in part] for part in value["date-parts"]]
        return {**value, "date-parts": parts}
    return value


def _item_lines(text: str) -> tuple[list[int], int | None]:
    """The line of each top-level item, and the line where nesting first passes ``MAX_DEPTH``.

    Items are located for problem messages; the depth is checked before ``json.loads``, whose
    recursion would otherwise end in a RecursionError on ``[[[[...]]]]``.
    """
    lines, depth, line, in_string, escaped = [], 0, 1, False, False
    started = False
    for ch in text:
        if ch == "\n":
            line += 1
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
            continue
        if depth == 1 and not started and not ch.isspace() and ch not in ",]":
            lines.append(line)
            started = True
        if ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return lines, line
        elif ch in "]}":
            depth -= 1
        if depth == 1 and ch == ",":
            started = False
    return lines, None
