"""Time per input grows at most linearly with its size: every reader on hostile inputs.

    python benchmarks/robustness.py              # every case
    python benchmarks/robustness.py ris latex    # the cases whose name has one of these words

For each kind of hostile input, its reader runs at sizes n, 10n and 100n; the printed growth
factors should stay near 10 (linear), far from 100 (quadratic). The inputs are the shapes that
make a careless parser backtrack or rescan: long runs without the character a pattern waits
for, many openings that never close, many records each searched from the start of the file.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections.abc import Callable

from trialbib.errors import TrialbibError


def _bibtex(text: str) -> object:
    from trialbib.io.bibtex import parse_bibtex

    return parse_bibtex(text)


def _trials(text: str) -> object:
    from trialbib.io.trials import parse_trials

    return parse_trials(text)


def _trials_csv(text: str) -> object:
    from trialbib.io.trials_csv import parse_trials_csv

    return parse_trials_csv(text)


def _csljson(text: str) -> object:
    from trialbib.io.csljson import parse_csljson

    return parse_csljson(text)


def _ris(text: str) -> object:
    from trialbib.io.ris import parse_ris

    return parse_ris(text)


def _markdown(text: str) -> object:
    from trialbib.io.manuscript import scan_manuscript

    return scan_manuscript(text)


def _latex(text: str) -> object:
    from trialbib.io.manuscript import scan_manuscript

    return scan_manuscript(text, latex=True)


def _printed(text: str) -> object:
    from trialbib.crosscheck.parse import parse_list

    return parse_list(text)


def _one_reference(text: str) -> object:
    from trialbib.crosscheck.parse import parse_reference

    return parse_reference(text)


CSL_ITEM = '{"id": "k%d", "type": "article-journal", "title": "T", "issued": {"date-parts": [[2019, 9, 19]]}}'
RIS_RECORD = "TY  - JOUR\nID  - k{i}\nAU  - He, J.\nTI  - T\nPY  - 2019\nDA  - 2019/09/19/\nER  - \n"
GBT = "[{i}] HE J, ZHANG R, et al. Low-dose interleukin-2 treatment[J]. Nat Med, 2016, 22(9): 991-993.\n"

# name -> (reader, input of size n)
CASES: dict[str, tuple[Callable[[str], object], Callable[[int], str]]] = {
    "bibtex nested braces": (
        _bibtex,
        lambda n: "@article{a, title = {" + "{" * n + "x" + "}" * n + "}, year = {2020}}\n",
    ),
    "bibtex unclosed braces": (_bibtex, lambda n: "@article{a, title = {" + "{" * n + "x}, year = {2020}}\n"),
    "bibtex long field": (_bibtex, lambda n: "@article{a, title = {" + "word " * n + "}, year = {2020}}\n"),
    "bibtex many authors": (
        _bibtex,
        lambda n: "@article{a, author = {" + " and ".join(f"Name{i}, A." for i in range(n)) + "}}\n",
    ),
    "bibtex accents": (_bibtex, lambda n: "@article{a, title = {" + "{\\'e}\\&" * n + "}}\n"),
    "bibtex concatenation": (
        _bibtex,
        lambda n: "@string{s = {x}}\n@article{a, title = " + " # ".join(["s"] * n) + "}\n",
    ),
    "bibtex many entries": (_bibtex, lambda n: "".join(f"@misc{{k{i}, title = {{T}}}}\n" for i in range(n))),
    "bibtex many @": (_bibtex, lambda n: "@" * n),
    "trials records": (
        _trials,
        lambda n: (
            "table2:\n  records:\n"
            + "".join(
                f"    - {{disease: D{i}, year: 2016, type: single-center, patients: 1, countries: [X]}}\n"
                for i in range(n)
            )
        ),
    ),
    "trials csv rows": (
        _trials_csv,
        lambda n: (
            "table,disease,year,type,patients,countries\n"
            + "".join(f"2,D{i},2016,single-center,1,X\n" for i in range(n))
        ),
    ),
    "trials csv unclosed quote": (_trials_csv, lambda n: 'table,disease\n1,"' + "x," * n),
    "csl-json many items": (_csljson, lambda n: "[" + ",".join(CSL_ITEM % i for i in range(n)) + "]"),
    "csl-json deep nesting": (_csljson, lambda n: "[" * n + "]" * n),
    "csl-json long string": (_csljson, lambda n: json.dumps([{"id": "a", "type": "book", "title": "x" * (10 * n)}])),
    "ris many records": (_ris, lambda n: "".join(RIS_RECORD.format(i=i) for i in range(n))),
    "ris last record unended": (_ris, lambda n: "".join(RIS_RECORD.format(i=i) for i in range(n)) + "TY  - JOUR\n"),
    "ris lines without tags": (_ris, lambda n: "TY  - JOUR\nTI  - x\n" + "continued -\n" * n + "ER  - \n"),
    "ris many notes": (_ris, lambda n: "TY  - JOUR\n" + "N1  - PMID: 1\n" * n + "ER  - \n"),
    "markdown many citations": (_markdown, lambda n: "See [@a; @b] and [1-3] and ^4^.\n" * n),
    "markdown unclosed fences": (_markdown, lambda n: "```\n[@a]\n" + "`` <!-- [1] " * n),
    "markdown unclosed brackets": (_markdown, lambda n: "[1," * n + " @x" * n),
    "latex many cites": (_latex, lambda n: "\\citep[see][p. 3]{a,b} and \\cites{c}{d}\n" * n),
    "latex unclosed optional args": (_latex, lambda n: "\\cite[" * n),
    "latex unclosed verbatim": (_latex, lambda n: "\\begin{verbatim} \\cite{a} " * n),
    "printed list": (_printed, lambda n: "".join(GBT.format(i=i) for i in range(n))),
    "printed reference, many periods": (_one_reference, lambda n: "A. " * n),
    "printed reference, spaces": (_one_reference, lambda n: "a" + " " * n + "b"),
    "printed reference, commas": (_one_reference, lambda n: "He J" + ", He J" * n + ". T[J]. X, 2019, 1(2): 3-4."),
    "printed reference, brackets": (_one_reference, lambda n: "[J]" * n),
}
BASE = 200


def seconds(text: str, reader: Callable[[str], object]) -> float:
    start = time.perf_counter()
    with contextlib.suppress(TrialbibError):
        reader(text)
    return time.perf_counter() - start


def main(words: list[str]) -> None:
    if {"-h", "--help"} & set(words):
        print(__doc__)
        return
    unknown = [w for w in words if not any(w in name for name in CASES)]
    if unknown:
        sys.exit(f"robustness.py: no case matches {unknown[0]!r}; cases: {', '.join(CASES)}")
    print("| input | n | 10n | 100n | growth n->10n | growth 10n->100n |")
    print("|---|---|---|---|---|---|")
    for name, (reader, make) in CASES.items():
        if words and not any(w in name for w in words):
            continue
        seconds(make(2), reader)  # imports and caches outside the timing
        times = [min(seconds(make(BASE * k), reader) for _ in range(3)) for k in (1, 10, 100)]
        print(
            f"| {name} | {times[0] * 1000:.1f} ms | {times[1] * 1000:.1f} ms | {times[2] * 1000:.1f} ms "
            f"| {times[1] / times[0]:.1f} | {times[2] / times[1]:.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main(sys.argv[1:])
