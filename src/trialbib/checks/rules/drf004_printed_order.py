"""A printed reference is out of the bibliography's order.

A finding of the cross-check (:mod:`trialbib.crosscheck`) of a printed reference list against
the data. Runs only when ``printed = "FILE"`` is set in the configuration (the shipped
``article/reference-list.txt`` is the article verbatim, errors included, so the project's own
configuration does not set it); reported at the printed entry's line.

Failing (the printed list)::

    [4] Mizel SB, Farrar JJ. Revised nomenclature ...
    [5] Morgan DA, Ruscetti FW, Gallo R. Selective in vitro growth ...

Passing::

    [4] Morgan DA, Ruscetti FW, Gallo R. Selective in vitro growth ...
    [5] Mizel SB, Farrar JJ. Revised nomenclature ...
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context
from trialbib.checks.wrapped import printed_problems
from trialbib.model import Problem, Severity

CODE = "DRF004"
NAME = "printed-order"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    yield from printed_problems(ctx, CODE)
