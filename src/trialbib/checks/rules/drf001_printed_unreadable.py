"""A printed reference, or part of it, could not be read.

A finding of the cross-check (:mod:`trialbib.crosscheck`) of a printed reference list against
the data. Runs only when ``printed = "FILE"`` is set in the configuration (the shipped
``article/reference-list.txt`` is the article verbatim, errors included, so the project's own
configuration does not set it); reported at the printed entry's line.

Failing (the printed list)::

    [3] Rosenzwajg M, Lorenzon R ~~~ 2019

Passing::

    [3] Rosenzwajg M, Lorenzon R, Cacoub P, et al. Immunological and clinical effects ...[J].
    Ann Rheum Dis, 2019, 78(2): 209-217.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context
from trialbib.checks.wrapped import printed_problems
from trialbib.model import Problem, Severity

CODE = "DRF001"
NAME = "printed-unreadable"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    yield from printed_problems(ctx, CODE)
