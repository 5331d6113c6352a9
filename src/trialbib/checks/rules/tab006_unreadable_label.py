"""A table record's label cannot be read as ``Author et al.(year, year)``, groups joined by ``;``.

Checked by :func:`trialbib.tables.check_tables` for every Table 1 record of the trials file,
against the references it links; reported at the record's line.

Failing (``trials.yaml``)::

    - disease: SLE
      references: [he2016lowdose]
      label: He et al. 2016

Passing::

    - disease: SLE
      references: [he2016lowdose]
      label: He et al.(2016)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context
from trialbib.checks.wrapped import table_problems
from trialbib.model import Problem, Severity

CODE = "TAB006"
NAME = "unreadable-label"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    yield from table_problems(ctx, CODE)
