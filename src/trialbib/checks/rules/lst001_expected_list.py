"""The committed reference list differs from what the data renders.

Configure ``expected = "article/expected.txt"`` (and ``style``) in ``[tool.trialbib]``: a file
of ``[n] text`` lines as ``trialbib render`` prints them. Each line that differs is reported
at its line, so a pull request that changes a reference without updating the list (or the
other way round) fails.

Failing (``expected.txt``)::

    [1] He J, Zhang X, Wei Y, et al. Low-dose interleukin-2 ... [J]. Nat Med, 2016, 22(9): 991-994.

Passing::

    [1] He J, Zhang X, Wei Y, et al. Low-dose interleukin-2 ... [J]. Nat Med, 2016, 22(9): 991-993.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.errors import Location
from trialbib.model import Problem, Severity

CODE = "LST001"
NAME = "expected-list"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    from trialbib.io.files import read_text
    from trialbib.render.engine import render_bibliography

    if ctx.expected is None or ctx.bib is None or not ctx.bib.items:
        return
    expected = [line for line in read_text(ctx.expected, "expected list").splitlines()]
    # what `trialbib render --style STYLE` prints: numeric styles carry their own "[n] "
    rendered = [e.text for e in render_bibliography(ctx.bib.items, ctx.style, "text", None, None)]
    for index in range(max(len(expected), len(rendered))):
        want = rendered[index] if index < len(rendered) else None
        have = expected[index] if index < len(expected) else None
        if want == have:
            continue
        at = Location(ctx.expected, min(index + 1, len(expected)) or None)
        if have is None:
            yield problem(f"the data renders a line the list lacks: {want!r}", at)
        elif want is None:
            yield problem(f"line {have[:60]!r} is not rendered from the data any more", at)
        else:
            yield problem(f"differs from the data, which renders {want!r}", at)
