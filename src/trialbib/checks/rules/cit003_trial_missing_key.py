"""A trial record links a key the bibliography does not define.

Failing (``trials.yaml``; the bibliography has no ``he2016low``)::

    - disease: SLE
      references: [he2016low]

Passing::

    - disease: SLE
      references: [he2016lowdose]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context
from trialbib.model import Problem, Severity

CODE = "CIT003"
NAME = "trial-missing-key"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    from trialbib.io.trials import link_problems

    if ctx.bib is not None and ctx.trials is not None:
        yield from link_problems(ctx.trials, ctx.bib)
