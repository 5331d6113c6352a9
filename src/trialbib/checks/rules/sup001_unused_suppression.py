"""An inline suppression that suppressed nothing, so it no longer does anything.

A comment ``% trialbib: ignore[CODE,...] reason`` on its own line silences the listed rules
(codes or names) for the next entry of the .bib file: from that entry's ``@`` line up to the
line before the following entry. The engine reports each listed code that silenced nothing.

Failing (the entry has no duplicate key)::

    % trialbib: ignore[KEY002] kept for the old citation
    @article{a, title = {One}}

Passing::

    @article{a, title = {One}}
    % trialbib: ignore[KEY002] kept for the old citation
    @article{a, title = {One, again}}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context
from trialbib.model import Problem, Severity

CODE = "SUP001"
NAME = "unused-suppression"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    """Reported by the engine, which alone knows which suppressions were used."""
    yield from ()
