"""Time per input grows at most linearly with its size: the readers on hostile inputs.

    python benchmarks/robustness.py

For each kind of hostile input, the reader runs at sizes n, 10n and 100n; the printed growth
factors should stay near 10 (linear), far from 100 (quadratic).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

from trialbib.errors import TrialbibError
from trialbib.io.bibtex import parse_bibtex
from trialbib.io.trials import parse_trials

CASES: dict[str, Callable[[int], str]] = {
    "nested braces": lambda n: "@article{a, title = {" + "{" * n + "x" + "}" * n + "}, year = {2020}}\n",
    "unclosed braces": lambda n: "@article{a, title = {" + "{" * n + "x}, year = {2020}}\n",
    "long field": lambda n: "@article{a, title = {" + "word " * n + "}, year = {2020}}\n",
    "many authors": lambda n: "@article{a, author = {" + " and ".join(f"Name{i}, A." for i in range(n)) + "}}\n",
    "accents": lambda n: "@article{a, title = {" + "{\\'e}\\&" * n + "}}\n",
    "concatenation": lambda n: "@string{s = {x}}\n@article{a, title = " + " # ".join(["s"] * n) + "}\n",
    "many entries": lambda n: "".join(f"@misc{{k{i}, title = {{T}}}}\n" for i in range(n)),
    "many @": lambda n: "@" * n,
    "trials records": lambda n: (
        "table2:\n  records:\n"
        + "".join(
            f"    - {{disease: D{i}, year: 2016, type: single-center, patients: 1, countries: [X]}}\n" for i in range(n)
        )
    ),
}
BASE = 200


def seconds(text: str, reader: Callable[[str], object]) -> float:
    start = time.perf_counter()
    with contextlib.suppress(TrialbibError):
        reader(text)
    return time.perf_counter() - start


def main() -> None:
    print("| input | n | 10n | 100n | growth n->10n | growth 10n->100n |")
    print("|---|---|---|---|---|---|")
    for name, make in CASES.items():
        reader = parse_trials if name.startswith("trials") else parse_bibtex
        times = [min(seconds(make(BASE * k), reader) for _ in range(3)) for k in (1, 10, 100)]
        print(
            f"| {name} | {times[0] * 1000:.1f} ms | {times[1] * 1000:.1f} ms | {times[2] * 1000:.1f} ms "
            f"| {times[1] / times[0]:.1f} | {times[2] / times[1]:.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
