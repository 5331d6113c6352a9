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
from typing import Any

from trialbib.errors import Location
from trialbib.io import zotero
from trialbib.io.files import lone_surrogate, read_text
from trialbib.model import Bibliography, Item, Problem

MAX_DEPTH = 100
ZOTERO_NAMES = {"journalAbbreviation": "container-title-short", "shortTitle": "title-short"}  # legacy CSL names
_KEY_LIKE = re.compile(r"^[^\s,{}()\"'#%~\\=/]+$")


def schema() -> dict[str, Any]:
    """The CSL data schema (MIT, citation-style-language/schema) every export must satisfy."""
    return zotero.csl_schema()


def to_csljson(items: list[Item], trials: Mapping[str, list[str]] | None = None) -> list[Item]:
    """Items as Zotero should receive them: the Extra lines prepended to each ``note``."""
    out = []
    links = trials or {}
    for item in items:
        data = dict(item)
        note = data.pop("note", None)  # put back last, as Zotero's Extra lines come first in it
        data["citation-key"] = item["id"]
        data["note"] = zotero.join_note(zotero.extra_lines(item, links.get(item["id"])), note)
        out.append(data)
    return out


def write_csljson(items: list[Item], trials: Mapping[str, list[str]] | None = None) -> str:
    """CSL-JSON text (UTF-8, not ASCII-escaped, two-space indent, final newline)."""
    written = csljson_output(items, trials)
    return written if isinstance(written, str) else written.decode("utf-8")


def csljson_output(items: list[Item], trials: Mapping[str, list[str]] | None = None) -> bytes | str:
    """:func:`write_csljson`'s text as the UTF-8 bytes a file gets (text when a value cannot be
    UTF-8, a lone surrogate: writing it then fails as writing that text would).

    orjson writes the same text as ``json.dumps(..., ensure_ascii=False, indent=2)``; the
    standard library's indented writer is pure Python and was most of an export's time. Its
    bytes are kept: decoding them to text only for a file write to encode it again was ~30 ms
    of a 10,000-item export.
    """
    import orjson

    data = to_csljson(items, trials)
    try:
        # The newline added to the bytes: added to the text it would copy all of it again.
        return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    except (TypeError, orjson.JSONEncodeError):  # a value orjson refuses (an int beyond 64 bits, ...)
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def validation_errors(data: Any) -> list[str]:
    """Where ``data`` breaks the CSL data schema, one line per error (empty when valid).

    Items of the usual shapes are recognised as valid by :func:`_plainly_valid` (hand-written
    because jsonschema takes ~5 ms an item, most of a 10,000-item import); the schema itself
    judges the rest and says what is wrong.
    """
    if isinstance(data, list) and all(_plainly_valid(item) for item in data):
        return []
    return [
        f"{'/'.join(map(str, error.absolute_path)) or 'top level'}: {error.message}"
        for error in _validator().iter_errors(data)
    ]


@lru_cache(maxsize=1)
def _validator() -> Any:
    from jsonschema import Draft7Validator

    return Draft7Validator(schema())


@lru_cache(maxsize=1)
def _shapes() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """The schema's properties by shape: text, text-or-number, names, dates; and the item types."""
    props = schema()["items"]["properties"]
    by: dict[str, set[str]] = {"string": set(), "text-number": set(), "names": set(), "dates": set()}
    for name, spec in props.items():
        if spec.get("type") == "string" and "enum" not in spec:
            by["string"].add(name)
        elif spec.get("type") == ["string", "number"]:
            by["text-number"].add(name)
        elif spec.get("type") == "array" and spec.get("items", {}).get("$ref", "").endswith("name-variable"):
            by["names"].add(name)
        elif spec.get("$ref", "").endswith("date-variable"):
            by["dates"].add(name)
    types = frozenset(props["type"]["enum"])
    return (*(frozenset(by[k]) for k in ("string", "text-number", "names", "dates")), types)  # type: ignore[return-value]


_NAME_TEXT = frozenset({"family", "given", "dropping-particle", "non-dropping-particle", "suffix", "literal"})
_DATE_TEXT = frozenset({"literal", "raw"})


def _plainly_valid(item: Any) -> bool:
    """True for an item the schema accepts, checked by hand in its usual shapes; False means ask
    the schema (it may still be valid)."""
    kind = item.get("type") if isinstance(item, dict) else None
    if not isinstance(kind, str) or "id" not in item or kind not in _shapes()[4]:
        return False
    text, text_number, names, dates, _ = _shapes()
    for name, value in item.items():
        if name == "id" or name == "type":
            ok = name == "type" or _is_text_or_number(value)
        elif name in text:
            ok = isinstance(value, str)
        elif name in text_number:
            ok = _is_text_or_number(value)
        elif name in names:
            ok = isinstance(value, list) and all(
                isinstance(n, dict) and all(k in _NAME_TEXT and isinstance(v, str) for k, v in n.items()) for n in value
            )
        elif name in dates:
            ok = isinstance(value, dict) and _plain_date(value)
        elif name == "custom":
            ok = isinstance(value, dict)
        elif name == "categories":
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        else:
            return False
        if not ok:
            return False
    return True


def _is_text_or_number(value: Any) -> bool:
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def _plain_date(value: dict[str, Any]) -> bool:
    for key, part in value.items():
        if key == "date-parts":
            if not isinstance(part, list) or not 1 <= len(part) <= 2:
                return False
            for date in part:
                if not isinstance(date, list) or not 1 <= len(date) <= 3:
                    return False
                if not all(_is_text_or_number(p) for p in date):
                    return False
        elif key not in _DATE_TEXT or not isinstance(part, str):
            return False
    return True


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
        data = json.loads(text, parse_constant=_not_finite, parse_float=_finite)
    except _NotFinite as exc:
        bib.problems.append(
            Problem(
                "SYN001",
                f"holds the number {_short(str(exc), 20)}, which JSON does not allow (NaN, Infinity or beyond 1e308); "
                "write the value as text or fix it",
                Location(source, text.count("\n", 0, text.find(str(exc))) + 1 if str(exc) in text else None),
            )
        )
        return bib
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
    surrogate = lone_surrogate(data)
    if surrogate:
        bib.problems.append(_surrogate_problem(surrogate, source))
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
    _add_items(bib, data, lines, trials)
    return bib


def _surrogate_problem(surrogate: str, source: str) -> Problem:
    return Problem(
        "SYN001",
        f"holds the escape {surrogate}, half of a character (a lone surrogate), which no file can hold; "
        "fix the escape or export the file again",
        Location(source),
    )


class _NotFinite(ValueError):
    """A JSON number Python reads as NaN or infinity: its text."""


def _not_finite(text: str) -> float:
    raise _NotFinite(text)


def _finite(text: str) -> float:
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise _NotFinite(text)
    return value


def read_cslyaml(path: str | os.PathLike[str], trials: dict[str, list[str]] | None = None) -> Bibliography:
    """Read a CSL YAML file (pandoc's ``references:`` form, or a bare list of items)."""
    return parse_cslyaml(read_text(path, "CSL YAML file"), str(path), trials)


def parse_cslyaml(text: str, source: str = "<string>", trials: dict[str, list[str]] | None = None) -> Bibliography:
    """Items from CSL YAML text: the same items as CSL-JSON, with YAML's dates and numbers."""
    import yaml

    bib = Bibliography(source=source)
    try:
        data = yaml.load(text, Loader=_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        why = getattr(exc, "problem", None) or "cannot be read"
        bib.problems.append(
            Problem(
                "SYN001",
                f"is not valid YAML: {why}; fix it there or export the file again as CSL YAML",
                Location(source, mark.line + 1 if mark else None),
            )
        )
        return bib
    except RecursionError:
        bib.problems.append(Problem("SYN005", "nests too deep to be CSL YAML", Location(source)))
        return bib
    surrogate = lone_surrogate(data)
    if surrogate:
        bib.problems.append(_surrogate_problem(surrogate, source))
        return bib
    if isinstance(data, dict) and isinstance(data.get("references"), list):
        data = data["references"]
    if data is None:
        data = []
    if not isinstance(data, list):
        bib.problems.append(
            Problem(
                "SYN001",
                "holds no list of items; write 'references:' followed by '- id: ...' items",
                Location(source, 1),
            )
        )
        return bib
    lines = [text.count("\n", 0, m.start()) + 1 for m in _YAML_ITEM.finditer(text)]
    _add_items(bib, [_yaml_item(raw) for raw in data], lines if len(lines) == len(data) else [], trials)
    return bib


_YAML_ITEM = re.compile(r"^(?:  )?- ", re.MULTILINE)


@lru_cache(maxsize=1)
def _loader() -> Any:
    """yaml's SafeLoader without aliases that reads ``2019-09-19`` as text (CSL YAML means a date, not a datetime)."""
    import yaml

    from trialbib.io.files import yaml_loader

    class Loader(yaml_loader()):  # type: ignore[misc,unused-ignore]  # no aliases (billion laughs)
        pass

    Loader.yaml_implicit_resolvers = {
        key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return Loader


def _yaml_item(raw: Any) -> Any:
    """Dates YAML users write as text (``issued: 2019-09-19``) in CSL form; numbers as text."""
    if not isinstance(raw, dict):
        return raw
    item = dict(raw)
    for name in zotero.DATE_VARIABLES:
        value = item.get(name)
        if isinstance(value, str | int) and not isinstance(value, bool):
            item[name] = {"raw": str(value)}
        elif isinstance(value, list) and value and all(isinstance(p, dict) for p in value):
            item[name] = _yaml_date(value)
    if isinstance(item.get("id"), int | float):
        item["id"] = str(item["id"])
    return item


def _yaml_date(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """pandoc's YAML date, one mapping per end (``- year: 2017`` / ``season: 3``): a season of one
    date is CSL ``season``; in a range it is the month 21-24, as EDTF and the BibLaTeX reader write it."""
    dated = [p for p in parts if "year" in p]
    if len(dated) == 1 and "season" in dated[0] and "month" not in dated[0]:
        return {"date-parts": [[dated[0]["year"]]], "season": dated[0]["season"]}
    out = []
    for p in dated:
        row = [p[k] for k in ("year", "month", "day") if k in p]
        if "month" not in p and isinstance(p.get("season"), int) and 1 <= p["season"] <= 4:
            row.append(20 + p["season"])
        out.append(row)
    return {"date-parts": out} if out else {"literal": str(parts[0].get("literal", ""))}


def _add_items(bib: Bibliography, data: list[Any], lines: list[int], trials: dict[str, list[str]] | None) -> None:
    source = bib.source
    for index, raw in enumerate(data):
        where = Location(source, lines[index] if index < len(lines) else None)
        raw, notes = _lenient(raw)
        for note in notes:
            bib.problems.append(Problem("SYN001", f"item {index + 1}: {note}", where, "warning"))
        errors = validation_errors([raw])
        if errors:
            bib.problems.append(Problem("SYN001", f"item {index + 1}: {_explain(raw, errors[0])}", where))
            continue
        item, links = from_csljson(raw)
        bad_date = next(
            ((n, e) for n in zotero.DATE_VARIABLES if n in item and (e := zotero.date_error(item[n], seasons=True))),
            None,
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


_DATES = ("accessed", "available-date", "event-date", "issued", "original-date", "submitted")
_NAME_PARTS = ("family", "given", "dropping-particle", "non-dropping-particle", "suffix", "literal",
               "comma-suffix", "static-ordering", "parse-names")  # fmt: skip
_SIGNED = re.compile(r"^-?\d{1,4}$")


def _lenient(raw: Any) -> tuple[Any, list[str]]:
    """What real exports add to CSL-JSON, made valid as citeproc-js and pandoc take it.

    Properties the schema does not know (Better BibTeX's ``license``, ``part-number``) are kept
    in ``custom``; name keys it does not know are left out (``isInstitution`` makes the name a
    literal); year strings such as ``"-334"`` become numbers; an open range end ``[0, 0]`` is
    ``[0]`` (citeproc-js's open end). Anything else the schema refuses is still refused.
    """
    if not isinstance(raw, dict):
        return raw, []
    known = zotero.csl_variables() | {"id", "type", "citation-key", "custom", "note", *ZOTERO_NAMES}
    item = dict(raw)
    notes: list[str] = []
    extra = {name: item.pop(name) for name in list(item) if name not in known}
    if extra:
        custom = dict(item["custom"]) if isinstance(item.get("custom"), dict) else {}
        item["custom"] = {**extra, **custom}
    for name in zotero.name_variables():
        if isinstance(item.get(name), list):
            item[name] = [_name(person) for person in item[name]]
    for name in _DATES:
        value = item.get(name)
        if isinstance(value, dict) and value.get("date-parts") in ([], [[]]):
            value = {k: v for k, v in value.items() if k != "date-parts"}  # empty parts, as pandoc
            if value:
                item[name] = value
            else:
                del item[name]
                notes.append(f"{name} has no date; left out")
                continue
        if isinstance(value, dict) and isinstance(value.get("date-parts"), list):
            parts = [
                [int(p) if isinstance(p, str) and _SIGNED.match(p) else p for p in part]
                if isinstance(part, list)
                else part
                for part in value["date-parts"]
            ]
            if len(parts) == 2 and parts[1] in ([0], [0, 0], [0, 0, 0]):
                parts = [parts[0], [0]]  # an open range, as citeproc-js and pandoc read it
            item[name] = {**value, "date-parts": parts}
    return item, notes


def _name(person: Any) -> Any:
    if not isinstance(person, dict) or all(key in _NAME_PARTS for key in person):
        return person
    name = {key: value for key, value in person.items() if key in _NAME_PARTS}
    if person.get("isInstitution") and "family" in name and "given" not in name:
        name = {"literal": name.pop("family"), **{k: v for k, v in name.items() if k != "family"}}
    return name


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
    item: Item = {k: v for k, v in raw.items() if k not in ("note", "citation-key", "id", *ZOTERO_NAMES)}
    for old, new in ZOTERO_NAMES.items():
        if raw.get(old):
            item.setdefault(new, raw[old])
    fields, links, rest = zotero.parse_note(str(raw["note"])) if raw.get("note") else ({}, [], None)
    custom = {**fields.pop("custom", {}), **(item.get("custom") or {})}
    key = raw.get("citation-key") or fields.pop("id", None)
    fields.pop("id", None)
    raw_id = str(raw.get("id", ""))
    if not key and _KEY_LIKE.match(raw_id):
        key = raw_id
    if "type" in fields:
        item["type"] = fields.pop("type")  # Extra's type: wins, as in citeproc-js
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
    """Zotero writes years as strings (``[["2019", 9, 19]]``); the model holds numbers.

    A ``raw`` date (``{"raw": "2019-09-19"}``, as citeproc-js accepts) in ISO form becomes date
    parts; other raw text is kept. Seam: the shared date parser (io/dates.py) once it exists.
    """
    if isinstance(value, dict) and "date-parts" not in value and isinstance(value.get("raw"), str):
        parsed = zotero.parse_date(value["raw"].strip())
        if "date-parts" in parsed:
            return {**{k: v for k, v in value.items() if k != "raw"}, **parsed}
    if isinstance(value, dict) and "date-parts" in value:
        parts = [[int(p) if isinstance(p, str) and p.isdecimal() else p for p in part] for part in value["date-parts"]]
        return {**value, "date-parts": parts}
    return value


def _item_lines(text: str) -> tuple[list[int], int | None]:
    """The line of each top-level item, and the line where nesting first passes ``MAX_DEPTH``.

    Items are located for problem messages; the depth is checked before ``json.loads``, whose
    recursion would otherwise end in a RecursionError on ``[[[[...]]]]``.
    """
    lines: list[int] = []
    depth, line, started = 0, 1, False
    for token in _TOKENS.finditer(text):
        ch = token.group()
        if ch == "\n":
            line += 1
            continue
        if depth == 1 and not started and ch not in ",]":
            lines.append(line)
            started = True
        if ch[0] == '"':
            line += ch.count("\n")  # not valid JSON, but the line numbers stay right
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return lines, line
        elif ch in "]}":
            depth -= 1
        elif depth == 1 and ch == ",":
            started = False
    return lines, None


# Strings whole (escapes included), structure characters, line ends, and other non-space runs.
_TOKENS = re.compile(r'"(?:[^"\\\n]|\\.)*"?|[\[\]{},\n]|[^\s"\[\]{},]+')
