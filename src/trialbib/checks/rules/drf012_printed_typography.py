"""Typography of a printed reference: spacing, punctuation, hyphenation, capitalisation.

A finding of the cross-check (:mod:`trialbib.crosscheck`) of a printed reference list against
the data. Runs only when ``printed = "FILE"`` is set in the configuration (the shipped
``article/reference-list.txt`` is the article verbatim, errors included, so the project's own
configuration does not set it); reported at the printed entry's line.

Failing (the printed list)::

    [4] Morgan DA, Ruscetti FW, Gallo R . Selective in vitro growth ...

Passing::

    [4] Morgan DA, Ruscetti FW, Gallo R. Selective in vitro growth ...
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context
from trialbib.checks.wrapped import printed_problems
from trialbib.model import Problem, Severity

CODE = "DRF012"
NAME = "printed-typography"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    yield from printed_problems(ctx, CODE)
