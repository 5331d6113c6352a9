"""A field value too large or too deeply braced for any real bibliography.

Values over 1,000,000 characters, or with braces nested more than 100 levels, are refused by
the BibTeX reader before they reach the LaTeX decoder (they come from a pasted binary or a
broken export, and the decoder would run out of stack). The code is stable so it can be
selected, ignored or suppressed like any other rule.

Failing (braces 102 deep)::

    @article{a,
      title = {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{
              {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{x}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}
              }}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}},
    }

Passing::

    @article{a,
      title = {{IL-2} in {T} cells},
    }
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context
from trialbib.model import Problem, Severity

CODE = "SYN005"
NAME = "oversized-field"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    yield from ctx.reader_problems(CODE)
