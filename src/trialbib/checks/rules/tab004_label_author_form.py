"""A table record's label writes the authors in another form (et al., two names, one name) than its references have.

Checked by :func:`trialbib.tables.check_tables` for every Table 1 record of the trials file,
against the references it links; reported at the record's line.

Failing (``trials.yaml``)::

    - disease: SLE
      references: [he2016lowdose]     # He J, Zhang X, Wei Y, et al.
      label: He and Zhang(2016)

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

CODE = "TAB004"
NAME = "label-author-form"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    yield from table_problems(ctx, CODE)
