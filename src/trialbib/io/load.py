"""Any bibliography file, or several, into one Bibliography: what ``--bib`` reads.

BibTeX/BibLaTeX, CSL-JSON, CSL YAML and RIS are told apart by extension, else by their first
characters, so that ``--bib refs.json`` reads trialbib's own export and ``--bib`` may be given
more than once. Several files are merged in the order given; a key defined in two of them is a
problem (KEY002) naming both places, and the first definition is kept, as with two entries of
one file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from trialbib.errors import InputError, Location
from trialbib.io.files import read_text
from trialbib.model import Bibliography, Problem

BibFormat = Literal["bibtex", "csl-json", "csl-yaml", "ris"]
SUFFIXES: dict[str, BibFormat] = {
    ".bib": "bibtex",
    ".bibtex": "bibtex",
    ".biblatex": "bibtex",
    ".json": "csl-json",
    ".csljson": "csl-json",
    ".yaml": "csl-yaml",
    ".yml": "csl-yaml",
    ".ris": "ris",
}
_RIS_TAG = re.compile(r"^TY  - ", re.MULTILINE)
_BIB_ENTRY = re.compile(r"^\s*@[A-Za-z]+\s*[{(]", re.MULTILINE)
_YAML_START = re.compile(r"^(---\s*$|references\s*:|- +(id|type|title)\s*:)", re.MULTILINE)


def detect_format(path: str | os.PathLike[str], text: str) -> BibFormat:
    """The format of a bibliography file: by its extension, else by what it starts with."""
    suffix = Path(path).suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    head = text.lstrip()[:4000]
    if head.startswith(("[", "{")):
        return "csl-json"
    if _RIS_TAG.search(head):
        return "ris"
    if _BIB_ENTRY.search(head) or not head:
        return "bibtex"
    if _YAML_START.search(head):
        return "csl-yaml"
    raise InputError(
        "is not BibTeX, CSL-JSON, CSL YAML or RIS",
        Location(str(path)),
        "name it .bib, .json, .yaml or .ris, or export it again from your reference manager",
    )


def parse_bibliography(
    text: str, source: str, fmt: BibFormat, *, keep_sources: bool = False, trials: dict[str, list[str]] | None = None
) -> Bibliography:
    """Items from the text of one file in ``fmt``; problems are returned, not raised."""
    if fmt == "csl-json":
        from trialbib.io.csljson import parse_csljson

        return parse_csljson(text, source, trials)
    if fmt == "csl-yaml":
        from trialbib.io.csljson import parse_cslyaml

        return parse_cslyaml(text, source, trials)
    if fmt == "ris":
        from trialbib.io.ris import parse_ris

        return parse_ris(text, source, trials)
    from trialbib.io import biblatex_map
    from trialbib.io.bibtex import parse_bibtex

    biblatex_map.register()
    return parse_bibtex(text, source=source, keep_sources=keep_sources, refine=biblatex_map.refine)


def describe(path: str | os.PathLike[str]) -> str:
    """What a bibliography file is called in messages: ``BibTeX file``, ``CSL-JSON file``, ..."""
    names = {"bibtex": "BibTeX file", "csl-json": "CSL-JSON file", "csl-yaml": "CSL YAML file", "ris": "RIS file"}
    fmt = SUFFIXES.get(Path(path).suffix.lower())
    return names[fmt] if fmt else "bibliography"


def read_bibliography(
    path: str | os.PathLike[str], *, keep_sources: bool = False, trials: dict[str, list[str]] | None = None
) -> Bibliography:
    """One bibliography file of any format."""
    text = read_text(path, describe(path))
    fmt = detect_format(path, text)
    return parse_bibliography(text, str(path), fmt, keep_sources=keep_sources, trials=trials)


def load_bibliographies(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    keep_sources: bool = False,
    infer: bool = False,
) -> Bibliography:
    """The files of ``paths`` read and merged into one Bibliography, in the order given.

    ``infer=True`` gives items of any format without a language the language of their script
    (:mod:`trialbib.io.language`), for formatting; importers and writers want the files as they are.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    parts = [read_bibliography(path, keep_sources=keep_sources) for path in dict.fromkeys(map(str, paths))]
    bib = merge_bibliographies(parts) if len(parts) != 1 else parts[0]
    if infer:
        from trialbib.io.language import mark_language

        for item in bib.items:
            mark_language(item)
    return bib


def merge_bibliographies(parts: Sequence[Bibliography]) -> Bibliography:
    """Several bibliographies as one; a key in two of them is a KEY002 problem at the second."""
    merged = Bibliography(source=", ".join(part.source or "<input>" for part in parts))
    first: dict[str, Location] = {}
    for part in parts:
        merged.problems.extend(part.problems)
        for item in part.items:
            key = item.get("id") or ""
            where = part.locations.get(key) or Location(part.source, key=key or None)
            if key and key in first:
                merged.problems.append(
                    Problem(
                        "KEY002",
                        f"duplicate key {key!r} (first in {_place(first[key])}); "
                        "give each entry its own key or drop one of the files",
                        where,
                    )
                )
                continue
            if key:
                first[key] = where
                merged.locations[key] = where
                if key in part.sources:
                    merged.sources[key] = part.sources[key]
            merged.items.append(item)
    return merged


def _place(where: Location) -> str:
    return f"{where.file}:{where.line}" if where.line else str(where.file)
