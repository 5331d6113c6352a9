"""A reference cited in a table is not in the rendered reference list.

Checked by :func:`trialbib.tables.check_tables` for every Table 1 record of the trials file,
against the references it links; reported at the record's line.

Failing (``trials.yaml``)::

    - disease: SLE
      references: [he2016lowdose]     # left out of the rendered list's order

Passing::

    - disease: SLE
      references: [he2016lowdose]     # in the list
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context
from trialbib.checks.wrapped import table_problems
from trialbib.model import Problem, Severity

CODE = "TAB005"
NAME = "table-unlisted-reference"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    yield from table_problems(ctx, CODE)
