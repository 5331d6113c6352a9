"""The data has a value the printed reference leaves out.

A finding of the cross-check (:mod:`trialbib.crosscheck`) of a printed reference list against
the data. Runs only when ``printed = "FILE"`` is set in the configuration (the shipped
``article/reference-list.txt`` is the article verbatim, errors included, so the project's own
configuration does not set it); reported at the printed entry's line.

Failing (the printed list)::

    [2] He J, Zhang X, Wei Y, et al. Low-dose interleukin-2 ...[J]. Nat Med, 2016: 991-993.

Passing::

    [2] He J, Zhang X, Wei Y, et al. Low-dose interleukin-2 ...[J]. Nat Med, 2016, 22(9): 991-993.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context
from trialbib.checks.wrapped import printed_problems
from trialbib.model import Problem, Severity

CODE = "DRF006"
NAME = "printed-missing-value"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    yield from printed_problems(ctx, CODE)
