"""Mechanical, safe fixes, made in the .bib text itself.

Only rules with a ``fix(token)`` are fixed (page dash, bare DOI, month macro, stray spaces),
and only on the lines where they reported a problem that survived configuration and
suppressions. The file is edited line by line, field by field, never re-serialised, so
comments, entry order, alignment and every other field stay exactly as they were.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from trialbib.checks.rules import rules
from trialbib.checks.util import field_token
from trialbib.model import Problem


@dataclass(frozen=True)
class Change:
    """One fix: where, by which rule, and the field value before and after."""

    line: int
    code: str
    field: str
    old: str
    new: str

    def describe(self, source: str) -> str:
        return f"{source}:{self.line}: {self.code} {self.field}: {self.old} -> {self.new}"


def fixable(code: str) -> bool:
    return hasattr(rules().get(code), "fix")


def plan_fixes(text: str, source: str | None, problems: Sequence[Problem]) -> tuple[str, list[Change]]:
    """The fixed text and the changes made, for the problems of ``source`` that can be fixed."""
    lines = text.split("\n")
    changes: list[Change] = []
    targets = sorted(
        {
            (p.location.line, p.code)
            for p in problems
            if p.location.file == source and p.location.line and fixable(p.code)
        }
    )
    for line_number, code in targets:
        module = rules()[code]
        line = lines[line_number - 1]
        for name in _field_names(line, module.FIELDS):
            match = field_token(line, name)
            if match is None:
                continue
            old = match.group("value")
            new = module.fix(old)
            if new != old:
                line = line[: match.start("value")] + new + line[match.end("value") :]
                changes.append(Change(line_number, code, name, old, new))
        lines[line_number - 1] = line
    return "\n".join(lines), changes


_ASSIGNED = re.compile(r"(?:^|[,{(])\s*([A-Za-z][\w-]*)\s*=")


def _field_names(line: str, fields: Sequence[str]) -> list[str]:
    if "*" not in fields:
        return list(fields)
    return [m.group(1) for m in _ASSIGNED.finditer(line)]


def unified_diff(old: str, new: str, path: str) -> str:
    """A unified diff of the fix, as ``git diff`` would show it."""
    return "".join(
        difflib.unified_diff(old.splitlines(True), new.splitlines(True), fromfile=f"a/{path}", tofile=f"b/{path}")
    )
