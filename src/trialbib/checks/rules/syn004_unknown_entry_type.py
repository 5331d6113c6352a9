"""An entry type that neither BibTeX nor BibLaTeX defines; styles print it as a bare @misc.

BibTeX styles and biblatex fall back to ``@misc`` with a warning, so the type's own fields
(a court, a platform, a blog's name) drop out of the printed reference.

The BibTeX reader reports this while loading; the code is stable so it can be selected,
ignored or suppressed like any other rule.

Failing::

    @jounral{a,
      title = {A title},
    }

Passing::

    @article{a,
      title = {A title},
    }
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context
from trialbib.model import Problem, Severity

CODE = "SYN004"
NAME = "unknown-entry-type"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}


# BibLaTeX's @set and @xdata group entries or lend them fields; they are not references.
NOT_REFERENCES = re.compile(r"unknown entry type @(?:set|xdata)\b", re.IGNORECASE)


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    yield from (p for p in ctx.reader_problems(CODE) if not NOT_REFERENCES.match(p.message))
