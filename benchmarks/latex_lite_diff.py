"""Differential check of io/latex.py's small parser (_lite_nodes) against pylatexenc's walker,
on every field value of the given .bib files.

    PYTHONPATH=src python benchmarks/latex_lite_diff.py /work/corpus/*.bib /work/shared/data/bench/iridia.bib

For each value (as bibtexparser reads it, and without its enclosing braces or quotes) the lite
writer, where it answers, must give the walker's rich text and unknown macros; and latex_to_rich
and latex_to_text must give the same with the lite writer as without it. Prints the counts and
the first disagreements; exit 1 if there is any.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any
from unittest import mock

import bibtexparser

from trialbib.io import latex
from trialbib.io.latex import _lite_nodes, _RichWriter


def values(paths: Iterable[str]) -> set[str]:
    """Every field value of the files, raw and without its delimiters."""
    found: set[str] = set()
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as handle:
            library = bibtexparser.parse_string(handle.read())
        for entry in library.entries:
            for field in entry.fields:
                value = str(field.value)
                found.add(value)
                if len(value) >= 2 and value[0] + value[-1] in ("{}", '""'):
                    found.add(value[1:-1])
    return found


def _outcome(run: Any, value: str) -> Any:
    try:
        return run(value)
    except Exception as exc:  # latex_to_rich catches these from the walker: both must raise alike
        return type(exc)


def _public(vals: list[str]) -> list[tuple[Any, str, str]]:
    latex.latex_to_rich.cache_clear()
    latex.latex_to_text.cache_clear()
    return [
        (_outcome(latex.latex_to_rich, v), latex.latex_to_text(v), latex.latex_to_text(v, dashes=False)) for v in vals
    ]


def main(paths: list[str]) -> int:
    vals = sorted(v for v in values(paths) if "\\" in v or "$" in v)
    lite_used = 0
    bad: list[str] = []
    for value in vals:
        if _lite_nodes(_RichWriter(value).value, 0) is None:
            continue
        lite_used += 1
        if _outcome(lambda v: _RichWriter(v).run(), value) != _outcome(lambda v: _RichWriter(v).run(lite=False), value):
            bad.append(value)
    with_lite = _public(vals)
    with mock.patch.object(latex, "_lite_nodes", return_value=None):  # the walker alone
        without = _public(vals)
    bad.extend(v for v, a, b in zip(vals, with_lite, without, strict=True) if a != b)
    print(f"values with LaTeX {len(vals)}, read by the lite writer {lite_used}, disagreements {len(bad)}")
    for value in bad[:20]:
        print("  ", repr(value))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
