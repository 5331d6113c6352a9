"""The printed list abbreviates a journal another way than the data.

A finding of the cross-check (:mod:`trialbib.crosscheck`) of a printed reference list against
the data. Runs only when ``printed = "FILE"`` is set in the configuration (the shipped
``article/reference-list.txt`` is the article verbatim, errors included, so the project's own
configuration does not set it); reported at the printed entry's line.

Failing (the printed list)::

    [20] Zhang J, Ruan Y, Xu X, et al. Therapeutic potential ...[J]. Cytom B Clin Cytom, 2018, 94(3): 428-433.

Passing::

    [20] Zhang J, Ruan Y, Xu X, et al. Therapeutic potential ...[J]. Cytometry B Clin Cytom, 2018, 94(3): 428-433.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context
from trialbib.checks.wrapped import printed_problems
from trialbib.model import Problem, Severity

CODE = "DRF009"
NAME = "printed-journal-abbreviation"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    yield from printed_problems(ctx, CODE)
