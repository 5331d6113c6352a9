"""Names of real .bib files: trialbib's name parser against bibtexparser's, and its CPU cost.

    python benchmarks/names_differential.py diff /work/corpus/*.bib /work/shared/data/bench/iridia.bib
    python benchmarks/names_differential.py time /work/main/benchmarks/.cache/corpus-10000.bib

The name lists are the ones the reader meets: each file is loaded once (serially) and the
name lists given to ``_split_names`` are recorded, with every string it hands to
``name_words`` (``name_parts`` in older trees). ``diff`` compares ``name_parts`` with bibtexparser's non-strict
``parse_single_name_into_parts`` on each of those strings and on each name of the lists as
written; exit 1 on any disagreement. ``time`` prints the CPU seconds of ``_split_names`` over
the distinct lists (best of five runs, the memo caches emptied before each, the cyclic collector
off as in the reader's parse), the cost the reader pays in a fresh process.
"""

# ruff: noqa: SLF001 - it records and times the reader's private name functions

from __future__ import annotations

import gc
import json
import os
import sys
import time
from pathlib import Path


def recorded(paths: list[str]) -> tuple[list[str], list[str]]:
    """The name lists read from ``paths`` and the strings given to the name parser."""
    os.environ["TRIALBIB_JOBS"] = "1"
    from trialbib.io import bibtex, nameparts
    from trialbib.io.load import load_bibliographies

    pairs: list[str] = []
    strings: list[str] = []
    parser = "name_words" if hasattr(nameparts, "name_words") else "name_parts"
    split, parts = bibtex._split_names, getattr(nameparts, parser)

    def record_split(value: str) -> tuple[list[dict[str, str]], bool]:
        pairs.append(value)
        return split(value)

    def record_parts(name: str) -> object:
        strings.append(name)
        return parts(name)

    bibtex._split_names = record_split  # type: ignore[assignment]
    setattr(nameparts, parser, record_parts)
    try:
        for path in paths:
            bibtex._parse_names.cache_clear()
            load_bibliographies(Path(path))
    finally:
        bibtex._split_names = split  # type: ignore[assignment]
        setattr(nameparts, parser, parts)
    return pairs, strings


def differential(paths: list[str]) -> int:
    from bibtexparser.middlewares.names import InvalidNameError, parse_single_name_into_parts

    from trialbib.io import nameparts
    from trialbib.names import split_name_list

    pairs, strings = recorded(paths)
    names = {name for value in pairs for name in split_name_list(value)} | set(strings)
    handed_on: list[str] = []  # the names nameparts leaves to bibtexparser

    def counted(name: str, strict: bool = True) -> object:
        handed_on.append(name)
        return parse_single_name_into_parts(name, strict=strict)

    nameparts.parse_single_name_into_parts = counted  # type: ignore[assignment]
    wrong = []
    for name in sorted(names):
        try:
            expected: object = parse_single_name_into_parts(name, strict=False)
        except InvalidNameError as exc:
            expected = exc.reason
        try:
            got: object = nameparts.name_parts(name)
        except InvalidNameError as exc:
            got = exc.reason
        if got != expected:
            wrong.append(name)
    braced = sum(1 for name in names if "{" in name or "}" in name or "\\" in name)
    print(json.dumps({"name_lists": len(pairs), "names": len(names), "with_braces_or_escapes": braced}))
    print(json.dumps({"left_to_bibtexparser": len(handed_on), "examples": handed_on[:10]}, ensure_ascii=False))
    print(json.dumps({"disagreements": len(wrong), "examples": wrong[:20]}, ensure_ascii=False))
    return 1 if wrong else 0


def timing(paths: list[str]) -> int:
    from trialbib import names
    from trialbib.io import bibtex, latex

    pairs, _ = recorded(paths)
    distinct = list(dict.fromkeys(pairs))
    caches = [bibtex._parse_names, latex.latex_to_text, names._split]  # cold, as in a fresh process
    caches += [getattr(bibtex, "_one_name", bibtex._parse_names)]
    best = float("inf")
    gc.disable()  # as in the reader's parse
    for _ in range(5):
        for cache in caches:
            cache.cache_clear()
        start = time.process_time()
        for value in distinct:
            bibtex._split_names(value)
        best = min(best, time.process_time() - start)
    gc.enable()
    print(json.dumps({"name_lists": len(distinct), "cpu_split_names": round(best, 4)}))
    return 0


def main() -> int:
    mode, *paths = sys.argv[1:]
    return differential(paths) if mode == "diff" else timing(paths)


if __name__ == "__main__":
    sys.exit(main())
