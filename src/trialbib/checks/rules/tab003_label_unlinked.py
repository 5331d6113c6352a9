"""A table record's label cites an author and year that none of its linked references has.

Checked by :func:`trialbib.tables.check_tables` for every Table 1 record of the trials file,
against the references it links; reported at the record's line.

Failing (``trials.yaml``)::

    - disease: GVHD
      references: [betts2017il2]
      label: Betts et al.(2017); Zhao et al.(2016)

Passing::

    - disease: GVHD
      references: [betts2017il2, zhao2016prophylactic]
      label: Betts et al.(2017); Zhao et al.(2016)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context
from trialbib.checks.wrapped import table_problems
from trialbib.model import Problem, Severity

CODE = "TAB003"
NAME = "label-unlinked"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    yield from table_problems(ctx, CODE)
