"""A printed value of the wrong form, e.g. an online date where the volume belongs.

A finding of the cross-check (:mod:`trialbib.crosscheck`) of a printed reference list against
the data. Runs only when ``printed = "FILE"`` is set in the configuration (the shipped
``article/reference-list.txt`` is the article verbatim, errors included, so the project's own
configuration does not set it); reported at the printed entry's line.

Failing (the printed list)::

    [1] He J, Zhang R, Shao M, et al. Efficacy and safety ...[J/OL]. Ann Rheum Dis, 2019, 9(2019-09-19)[2019-10-01].

Passing::

    [1] He J, Zhang R, Shao M, et al. Efficacy and safety ...[J/OL]. Ann Rheum Dis, 2019(2019-09-19)[2019-10-01].
    DOI: 10.1136/annrheumdis-2019-215396.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context
from trialbib.checks.wrapped import printed_problems
from trialbib.model import Problem, Severity

CODE = "DRF007"
NAME = "printed-malformed-value"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    yield from printed_problems(ctx, CODE)
