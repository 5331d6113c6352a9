"""``et al.`` written inside a name list, where BibTeX reads it as a person named "al.".

Write ``and others``: styles then print "et al." (or 等) themselves.

Failing::

    @article{a, author = {He, J. and Zhang, R. and et al.}}
    @article{b, author = {He, J., Zhang, R., et al}}

Passing::

    @article{a, author = {He, J. and Zhang, R. and others}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.checks.util import split_names
from trialbib.model import Problem, Severity

CODE = "NAM002"
NAME = "et-al"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}
_ET_AL = re.compile(r"(?:^|[\s,])et(?:\.\s*|\s+)al\b\.?", re.IGNORECASE)
NAME_FIELDS = ("author", "editor", "translator", "bookauthor")


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    for item, source in ctx.entries():
        for name in NAME_FIELDS:
            value = source.fields.get(name, "")
            if any(_ET_AL.search(part) and not part.startswith("{") for part in split_names(value)):
                yield problem(
                    f"{name} contains 'et al.'; end the list with 'and others'", ctx.at_field(item["id"], name)
                )
