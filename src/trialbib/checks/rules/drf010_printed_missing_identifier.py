"""A DOI or URL the printed reference should carry is missing.

A finding of the cross-check (:mod:`trialbib.crosscheck`) of a printed reference list against
the data. Runs only when ``printed = "FILE"`` is set in the configuration (the shipped
``article/reference-list.txt`` is the article verbatim, errors included, so the project's own
configuration does not set it); reported at the printed entry's line.

Failing (the printed list)::

    [6] Shao Q, Gao H. Progress in interleukin-2 therapy ...[J/OL]. Scand J Immunol, 2019(2019-09-08)[2019-10-01].

Passing::

    [6] Shao Q, Gao H. Progress in interleukin-2 therapy ...[J/OL]. Scand J Immunol, 2019(2019-09-08)[2019-10-01].
    DOI: 10.1111/sji.12822.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context
from trialbib.checks.wrapped import printed_problems
from trialbib.model import Problem, Severity

CODE = "DRF010"
NAME = "printed-missing-identifier"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    yield from printed_problems(ctx, CODE)
