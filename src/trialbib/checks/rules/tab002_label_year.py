"""A table record's label gives a year that is not the year of the reference it links.

Checked by :func:`trialbib.tables.check_tables` for every Table 1 record of the trials file,
against the references it links; reported at the record's line.

Failing (``trials.yaml``)::

    - disease: SLE
      references: [he2016lowdose]     # He J, 2016
      label: He et al.(2017)

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

CODE = "TAB002"
NAME = "label-year"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    yield from table_problems(ctx, CODE)
